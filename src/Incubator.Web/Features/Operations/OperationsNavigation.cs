using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Operations;

/// <summary>The back office's system page, for administrators.</summary>
internal sealed class OperationsNavigation(IStringLocalizer<OperationsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 440, localizer["System"]) { Page = "/Operations/Admin/System", Section = localizer["Site"], Policy = Policies.Administration },
    ];
}
