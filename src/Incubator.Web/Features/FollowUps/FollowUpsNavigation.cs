using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps;

/// <summary>"My tasks" in the back office.</summary>
internal sealed class FollowUpsNavigation(IStringLocalizer<FollowUpsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 335, localizer["My tasks"]) { Page = "/FollowUps/Admin/Index", Section = localizer["Relationships"], Policy = Policies.Staff },
    ];
}
