using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Search;

/// <summary>/search: the whole ecosystem in the visitor's scope, narrowed by facets, a page at a time.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Search)]
internal sealed class IndexModel(SearchPages pages) : PageModel
{
    public SearchView View { get; private set; } = new() { Path = string.Empty };

    // "page" is also the route value Razor Pages names the page by, which plain binding would read instead of the query.
    public async Task OnGetAsync(string? q, string? type, string? sector, string? locality, string? stage,
        [FromQuery(Name = "page")] string? pageNumber, string? pageSize, CancellationToken cancellationToken) =>
        View = await pages.LoadAsync(User, Url.Page("/Search/Index")!, new SearchPageInput(q, type, sector, locality, stage, pageNumber, pageSize), cancellationToken);
}
