using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring;

/// <summary>Staff's mentoring page with the other relationships' pages; a mentor's own area in the site's menu, for mentors.</summary>
internal sealed class MentoringNavigation(IStringLocalizer<MentoringNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 375, localizer["Mentoring"]) { Page = "/Mentoring/Admin/Index", Section = localizer["Incubation"], Policy = Policies.Staff },
        new(NavigationMenus.Public, 515, localizer["My mentoring"]) { Page = "/Mentoring/Mentor", Shows = u => u.IsInRole(Roles.Mentor) },
    ];
}
