using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Directory;

/// <summary>The directory's lists in the public menu.</summary>
internal sealed class DirectoryNavigation(IStringLocalizer<DirectoryNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 100, localizer["Startups"]) { Page = "/Directory/Index", RouteValues = new { type = "startups" } },
        new(NavigationMenus.Public, 110, localizer["S&T enterprises"]) { Page = "/Directory/Index", RouteValues = new { type = "enterprises" } },
        new(NavigationMenus.Public, 120, localizer["Mentors"]) { Page = "/Directory/Index", RouteValues = new { type = "mentors" } },
        new(NavigationMenus.Public, 130, localizer["Organisations"]) { Page = "/Directory/Index", RouteValues = new { type = "organisations" } },
    ];
}
