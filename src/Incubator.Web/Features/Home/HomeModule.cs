using Incubator.Web.Infrastructure.Caching;

namespace Incubator.Web.Features.Home;

/// <summary>The home page.</summary>
internal static class HomeModule
{
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddDataCache();
        services.AddScoped<HomePages>();
        services.AddScoped<HomeHighlights>();
        return services;
    }
}
