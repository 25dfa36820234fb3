using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Admin;

/// <summary>The back-office dashboard, and the way to it from the public menu.</summary>
internal sealed class AdminNavigation(IStringLocalizer<AdminNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 550, localizer["Back office"]) { Page = "/Admin/Index", Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 100, localizer["Dashboard"]) { Page = "/Admin/Index", Policy = Policies.BackOffice },
    ];
}
