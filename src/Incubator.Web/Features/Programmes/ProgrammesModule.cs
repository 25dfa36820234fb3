using Incubator.Web.Features.Content;
using Incubator.Web.Features.Search;
using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Programmes;

/// <summary>The support programmes feature: their definitions, public pages and API.</summary>
internal static class ProgrammesModule
{
    public static IServiceCollection AddProgrammes(this IServiceCollection services)
    {
        services.AddScoped<ProgrammeService>();
        services.AddScoped<Recipes.IRecipeStep, ProgrammesStep>();

        // Before the site's general enum converter, so the API writes field types as recipes do.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Insert(0, ProgrammeJson.FieldTypes));
        services.AddNavigationProvider<ProgrammesNavigation>();

        // Extension points this feature implements: its content type and search source.
        services.AddContentType(ProgrammeContentTypes.Programme);
        services.AddSearchSource<ProgrammeSearch>();
        return services;
    }

    public static IEndpointRouteBuilder MapProgrammes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProgrammeApi();
        return endpoints;
    }
}
