using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>An applicant'\''s own applications, and the back office'\''s list.</summary>
internal sealed class ApplicationsNavigation(IStringLocalizer<ApplicationsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 510, localizer["My applications"]) { Page = "/Applications/Index", Shows = NavigationEntry.SignedIn },
        new(NavigationMenus.BackOffice, 310, localizer["Applications"]) { Page = "/Applications/Admin/Index", Section = localizer["Support"], Policy = Policies.BackOffice },
    ];
}
