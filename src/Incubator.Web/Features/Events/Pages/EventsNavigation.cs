using Incubator.Web.Features.Account;
using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Pages;

/// <summary>Events: the public list and the back office's.</summary>
internal sealed class EventsNavigation(IStringLocalizer<EventsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 250, localizer["Events"]) { Page = "/Events/Index" },
        new(NavigationMenus.BackOffice, 315, localizer["Events"]) { Page = "/Events/Admin/Index", Section = localizer["Support"], Policy = Policies.Staff },
    ];
}
