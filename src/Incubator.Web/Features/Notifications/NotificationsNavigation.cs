using Incubator.Web.Features.Navigation;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Notifications;

/// <summary>The notifications link, with its live count, drawn by its own view component.</summary>
internal sealed class NotificationsNavigation(IStringLocalizer<NotificationsNavigation> localizer) : INavigationProvider
{
    public IEnumerable<NavigationEntry> GetEntries() =>
    [
        new(NavigationMenus.Public, 530, localizer["Notifications"]) { ViewComponent = "NotificationsLink", Shows = NavigationEntry.SignedIn },
    ];
}
