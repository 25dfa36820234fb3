using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>A signed-in person's event registrations in the site's menu, after their applications.</summary>
internal sealed class RegistrationsNavigation(IStringLocalizer<RegistrationsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 512, localizer["My events"]) { Page = "/Events/Registrations/Mine", Shows = NavigationEntry.SignedIn },
    ];
}
