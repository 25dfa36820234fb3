namespace Incubator.Web.Features.Navigation;

/// <summary>
/// A feature's entries in the site's menus. Each feature implements one and registers it in its module
/// (<see cref="NavigationModule.AddNavigationProvider{T}"/>); the themes draw their menus from all of them, so a new
/// feature's pages appear in the menus without a theme or a central list knowing about it.
/// </summary>
internal interface INavigationProvider
{
    /// <summary>The feature's entries, for every menu; called during the request, so labels are in its language.</summary>
    IEnumerable<NavigationEntry> GetEntries();
}
