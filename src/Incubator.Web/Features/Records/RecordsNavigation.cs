using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Records;

/// <summary>The back office'\''s records.</summary>
internal sealed class RecordsNavigation(IStringLocalizer<RecordsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 330, localizer["Records"]) { Page = "/Records/Admin/Index", Section = localizer["Support"], Policy = Policies.BackOffice },
    ];
}
