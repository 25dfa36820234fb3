using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Organisations;

/// <summary>A member'\''s own organisations, and the profiles waiting for review in the back office.</summary>
internal sealed class OrganisationsNavigation(IStringLocalizer<OrganisationsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 500, localizer["My organisation"]) { Page = "/Organisations/Index", Shows = NavigationEntry.SignedIn },
        new(NavigationMenus.BackOffice, 331, localizer["All organisations"]) { Page = "/Organisations/Admin/Index", Section = localizer["Relationships"], Policy = Policies.BackOffice },
        new(NavigationMenus.BackOffice, 200, localizer["Profiles to review"]) { Page = "/Organisations/Admin/Moderation", Section = localizer["Directory"], Policy = Policies.BackOffice },
    ];
}
