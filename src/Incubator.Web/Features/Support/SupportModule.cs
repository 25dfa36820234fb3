using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Support;

/// <summary>The public list of approved support.</summary>
internal static class SupportModule
{
    public static IServiceCollection AddSupport(this IServiceCollection services) =>
        services.AddNavigationProvider<SupportNavigation>();
}
