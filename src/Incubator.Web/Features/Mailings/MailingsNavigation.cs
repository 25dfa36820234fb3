using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings;

/// <summary>The back office's segments and mailings.</summary>
internal sealed class MailingsNavigation(IStringLocalizer<MailingsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 345, localizer["Segments"]) { Page = "/Mailings/Admin/Segments", Section = localizer["Relationships"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 346, localizer["Mailings"]) { Page = "/Mailings/Admin/Mailings", Section = localizer["Relationships"], Policy = Policies.BackOffice },
    ];
}
