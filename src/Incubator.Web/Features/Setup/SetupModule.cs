using Incubator.Recipes;
using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Caching;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Setup;

/// <summary>Setting up the site: recipes (running, exporting, jobs), the site's identity and settings.</summary>
internal static class SetupModule
{
    public static IServiceCollection AddSetup(this IServiceCollection services)
    {
        services.AddScoped<RecipeExecutor>();
        services.AddDataCache();
        services.AddScoped<SiteIdentityStore>();
        services.AddScoped<IRecipeStep, SettingsStep>();
        services.AddScoped<RecipeRunner>();
        services.AddSiteMetrics<RecipeMetrics>();
        services.TryAddSingleton<SetupConsole>();
        services.AddScoped<RecipeExporter>();
        services.AddSingleton<RecipeJobs>();
        services.AddNavigationProvider<SetupNavigation>();
        services.AddSiteCommand<RecipeCommand>();
        return services;
    }

    public static IEndpointRouteBuilder MapSetup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRecipeApi();
        return endpoints;
    }
}
