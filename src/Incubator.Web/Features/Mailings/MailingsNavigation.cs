using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings;

/// <summary>The back office's segments and mailings, after the other relationships' pages; staff only, as the pages are.</summary>
internal sealed class MailingsNavigation(IStringLocalizer<MailingsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 350, localizer["Segments"]) { Page = "/Mailings/Admin/Segments", Section = localizer["Relationships"], Policy = Policies.Staff },
        new(NavigationMenus.BackOffice, 355, localizer["Mailings"]) { Page = "/Mailings/Admin/Mailings", Section = localizer["Relationships"], Policy = Policies.Staff },
    ];
}
