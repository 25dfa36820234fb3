using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.People;

/// <summary>The back office's people (contacts).</summary>
internal sealed class PeopleNavigation(IStringLocalizer<PeopleNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 332, localizer["People"]) { Page = "/People/Admin/Index", Section = localizer["Relationships"], Policy = Policies.BackOffice },
    ];
}
