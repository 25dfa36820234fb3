using Incubator.Web.Features.Navigation;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Operations;

/// <summary>Running the site: each instance's heartbeat and the operator's system page.</summary>
internal static class OperationsModule
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<SiteInstance>();
        services.AddSingleton<HeartbeatService>();
        services.AddHostedService(sp => sp.GetRequiredService<HeartbeatService>());
        services.AddScoped<SystemOverview>();
        services.AddNavigationProvider<OperationsNavigation>();
        return services;
    }
}
