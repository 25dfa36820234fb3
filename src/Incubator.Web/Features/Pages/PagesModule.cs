using Incubator.Web.Features.Navigation;

namespace Incubator.Web.Features.Pages;

/// <summary>Pages and news articles shown on the public site.</summary>
internal static class PagesModule
{
    public static IServiceCollection AddPages(this IServiceCollection services) =>
        services.AddPageContentTypes().AddNavigationProvider<PagesNavigation>();
}
