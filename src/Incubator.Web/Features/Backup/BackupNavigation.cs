using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Backup;

/// <summary>The back office's backups, for administrators.</summary>
internal sealed class BackupNavigation(IStringLocalizer<BackupNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 445, localizer["Backups"]) { Page = "/Backup/Admin/Index", Section = localizer["Site"], Policy = Policies.Administration },
    ];
}
