using Incubator.Recipes;
using Incubator.Web.Infrastructure.Caching;

namespace Incubator.Web.Features.Taxonomies;

/// <summary>The taxonomies feature: sectors, localities and the other term lists, their recipe step and API.</summary>
internal static class TaxonomiesModule
{
    public static IServiceCollection AddTaxonomies(this IServiceCollection services)
    {
        services.AddDataCache();
        services.AddScoped<TaxonomyService>();
        services.AddScoped<IRecipeStep, TaxonomiesStep>();
        return services;
    }

    public static IEndpointRouteBuilder MapTaxonomies(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTaxonomyApi();
        return endpoints;
    }
}
