using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts;

/// <summary>The back office's cohorts, first of the incubation section (after relationships); staff only, as the pages are.</summary>
internal sealed class CohortsNavigation(IStringLocalizer<CohortsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 370, localizer["Cohorts"]) { Page = "/Cohorts/Admin/Index", Section = localizer["Incubation"], Policy = Policies.Staff },
    ];
}
