using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Programmes;

/// <summary>The support programmes feature: their definitions, public pages and API.</summary>
public static class ProgrammesModule
{
    public static IServiceCollection AddProgrammes(this IServiceCollection services)
    {
        services.AddScoped<ProgrammeService>();
        services.AddScoped<Recipes.IRecipeStep, ProgrammesStep>();

        // Before the site's general enum converter, so the API writes field types as recipes do.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Insert(0, ProgrammeJson.FieldTypes));
        services.AddNavigationProvider<ProgrammesNavigation>();
        return services;
    }

    public static IEndpointRouteBuilder MapProgrammes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProgrammeApi();
        return endpoints;
    }
}
