using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Pages;

/// <summary>News in the public menu.</summary>
internal sealed class PagesNavigation(IStringLocalizer<PagesNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 300, localizer["News"]) { Page = "/Pages/News" },
    ];
}
