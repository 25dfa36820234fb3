using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Navigation;

/// <summary>The site's menus, drawn from every feature's <see cref="INavigationProvider"/>.</summary>
internal static class NavigationModule
{
    public static IServiceCollection AddNavigation(this IServiceCollection services)
    {
        services.AddScoped<NavigationMenu>();
        return services;
    }

    /// <summary>Adds a feature's menu entries; called from the feature's own module.</summary>
    public static IServiceCollection AddNavigationProvider<T>(this IServiceCollection services)
        where T : class, INavigationProvider
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<INavigationProvider, T>());
        return services;
    }
}
