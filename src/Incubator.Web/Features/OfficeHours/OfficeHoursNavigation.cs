using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>Staff's mentoring hours after the mentoring page; a mentor's office hours in the site's menu, for mentors.</summary>
internal sealed class OfficeHoursNavigation(IStringLocalizer<OfficeHoursNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 376, localizer["Mentoring hours"]) { Page = "/OfficeHours/Admin/Hours", Section = localizer["Incubation"], Policy = Policies.Staff },
        new(NavigationMenus.Public, 516, localizer["My office hours"]) { Page = "/OfficeHours/MentorHours", Shows = u => u.IsInRole(Roles.Mentor) },
    ];
}
