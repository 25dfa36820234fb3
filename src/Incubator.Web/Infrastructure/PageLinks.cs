namespace Incubator.Web.Infrastructure;

/// <summary>
/// Paths to the site's Razor pages from the routes, for code that runs outside a page (search sources, workflow items,
/// indicators), so a page that moves takes its links along instead of leaving hand-written paths behind.
/// </summary>
internal static class PageLinks
{
    /// <summary>
    /// The path of <paramref name="page"/> (e.g. "/Applications/Admin/Show") with <paramref name="values"/> filling its
    /// route and the rest going into the query. Throws when the page has no route, as an empty link would fail silently.
    /// </summary>
    public static string PathToPage(this LinkGenerator links, string page, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.GetPathByPage(page, handler: null, values) ?? throw new InvalidOperationException($"No route to the page {page} with these values.");
    }
}
