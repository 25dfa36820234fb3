using System.Security.Claims;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Navigation;

/// <summary>
/// One entry of a menu. It names the Razor page it leads to (and its route values) rather than a path, so a page
/// that changes address keeps its menu entry; or it names a view component that draws itself (the notifications
/// link, whose count is live). It is shown only to a user who meets its <see cref="Policy"/> and <see cref="Shows"/>.
/// </summary>
/// <param name="Menu">One of <see cref="NavigationMenus"/>.</param>
/// <param name="Order">The place in the menu, across all features; entries of one section keep neighbouring numbers.</param>
/// <param name="Label">The text, from the feature's own localiser.</param>
internal sealed record NavigationEntry(string Menu, int Order, LocalizedString Label)
{
    /// <summary>The page's name ("/Directory/Index"), resolved through the site's routes.</summary>
    public string? Page { get; init; }

    /// <summary>The page's route values, e.g. <c>new { type = "startups" }</c>.</summary>
    public object? RouteValues { get; init; }

    /// <summary>A view component drawn in the entry's place instead of a link to <see cref="Page"/>.</summary>
    public string? ViewComponent { get; init; }

    /// <summary>The heading of the group the entry belongs to (the back office's "Directory", "Support"...).</summary>
    public LocalizedString? Section { get; init; }

    /// <summary>The authorization policy (a permission) a user needs to see the entry.</summary>
    public string? Policy { get; init; }

    /// <summary>Any other condition on the user: signed in, signed out, a role.</summary>
    public Func<ClaimsPrincipal, bool>? Shows { get; init; }

    /// <summary>For <see cref="Shows"/>: the user is signed in.</summary>
    public static bool SignedIn(ClaimsPrincipal user) => user?.Identity?.IsAuthenticated == true;

    /// <summary>For <see cref="Shows"/>: the user is not signed in.</summary>
    public static bool SignedOut(ClaimsPrincipal user) => !SignedIn(user);
}
