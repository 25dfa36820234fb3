using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Support;

/// <summary>The approved support list, in the footer.</summary>
internal sealed class SupportNavigation(IStringLocalizer<SupportNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Footer, 100, localizer["Approved support"]) { Page = "/Support/Approved" },
    ];
}
