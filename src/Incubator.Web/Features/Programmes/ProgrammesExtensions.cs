namespace Incubator.Web.Features.Programmes;

public static class ProgrammesExtensions
{
    public static IServiceCollection AddIncubatorProgrammes(this IServiceCollection services)
    {
        services.AddScoped<ProgrammeService>();
        services.AddScoped<Recipes.IRecipeStep, ProgrammesStep>();

        // Before the site's general enum converter, so the API writes field types as recipes do.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Insert(0, ProgrammeJson.FieldTypes));

        // Extension points this feature implements: its content type and search source.
        Content.ContentTypeRegistrations.AddContentType(services, ProgrammeContentTypes.Programme);
        Search.SearchRegistrations.AddSearchSource<ProgrammeSearch>(services);
        return services;
    }
}
