using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Interactions;

/// <summary>The back office's list of interactions.</summary>
internal sealed class InteractionsNavigation(IStringLocalizer<InteractionsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.BackOffice, 340, localizer["Interactions"]) { Page = "/Interactions/Admin/Index", Section = localizer["Relationships"], Policy = Policies.Staff },
    ];
}
