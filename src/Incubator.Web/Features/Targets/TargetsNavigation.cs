using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Targets;

/// <summary>Plan targets: public progress (menu and footer) and the back office'\''s list.</summary>
internal sealed class TargetsNavigation(IStringLocalizer<TargetsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 400, localizer["Targets"]) { Page = "/Targets/Index" },
        new(NavigationMenus.Footer, 200, localizer["Plan targets"]) { Page = "/Targets/Index" },
        new(NavigationMenus.BackOffice, 320, localizer["Plan targets"]) { Page = "/Targets/Admin/Index", Section = localizer["Support"], Policy = Policies.BackOffice },
    ];
}
