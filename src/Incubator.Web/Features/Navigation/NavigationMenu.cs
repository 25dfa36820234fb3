using Microsoft.AspNetCore.Authorization;

namespace Incubator.Web.Features.Navigation;

/// <summary>An entry the user may use, with its address and whether it is the page being shown.</summary>
internal sealed record NavigationLink(NavigationEntry Entry, string? Href, bool Current);

/// <summary>A menu as drawn: its name and the links the user may use, in order.</summary>
internal sealed record NavigationView(string Menu, IReadOnlyList<NavigationLink> Links);

/// <summary>Gathers a menu's entries from every feature's provider and keeps those the user may use.</summary>
internal sealed class NavigationMenu(IEnumerable<INavigationProvider> providers, IAuthorizationService authorization, LinkGenerator links)
{
    public async Task<NavigationView> BuildAsync(string menu, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var here = (context.Request.PathBase + context.Request.Path).Value;

        // Each policy is decided once per menu: a permission check reads the user's grants.
        var allowed = new Dictionary<string, bool>(StringComparer.Ordinal);
        var result = new List<NavigationLink>();
        foreach (var entry in providers.SelectMany(p => p.GetEntries()).Where(e => e.Menu == menu).OrderBy(e => e.Order))
        {
            if (entry.Shows is { } shows && !shows(user))
            {
                continue;
            }

            if (entry.Policy is { } policy)
            {
                if (!allowed.TryGetValue(policy, out var may))
                {
                    may = allowed[policy] = (await authorization.AuthorizeAsync(user, policy)).Succeeded;
                }

                if (!may)
                {
                    continue;
                }
            }

            // Not from the current request's values: a page's own route values (a handler, a type) must not leak
            // into another page's link.
            var href = entry.Page is { } page
                ? links.GetPathByPage(page, handler: null, values: entry.RouteValues, pathBase: context.Request.PathBase)
                  ?? throw new InvalidOperationException($"The menu entry \"{entry.Label.Name}\" leads to the page {page}, which has no route for those values.")
                : null;
            result.Add(new NavigationLink(entry, href, href is not null && string.Equals(href, here, StringComparison.OrdinalIgnoreCase)));
        }

        return new NavigationView(menu, result);
    }
}
