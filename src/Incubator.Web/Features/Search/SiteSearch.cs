using System.Security.Claims;
using Incubator.Search;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Search;

/// <summary>What a page or the API asks for: the visitor's words and the facet values that narrow them.</summary>
internal sealed record SiteSearchInput(string? Q, string? Type = null, string? Sector = null, string? Locality = null, string? Stage = null, int Page = 1, int PageSize = 20, bool Prefix = true)
{
    /// <summary>The engine's filters; a locality takes every code beneath it in the localities' tree.</summary>
    public SearchFilters Filters(LocalityScope localities) =>
        new(Blank(Type), Blank(Sector), Blank(Locality) is { } locality ? localities.Within(locality) : null, Blank(Stage));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The site's search: the caller's rights become the search's scope, read afresh from the database for every
/// search and checked item by item. The public sees published public documents; the back office (staff, leaders,
/// administrators) also every private one; anyone else signed in also the private documents the features'
/// <see cref="ISearchScopeSource"/>s let them read (e.g. their own applications, the ones they review), each linked
/// to the page where that person reads it.
/// </summary>
internal sealed class SiteSearch(LuceneSearchIndex index, IAuthorizationService authorization, UserManager<User> users, TaxonomyService taxonomies, IEnumerable<ISearchScopeSource> scopeSources)
{
    public async Task<SearchResults> SearchAsync(ClaimsPrincipal user, SiteSearchInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (scope, urls) = await ScopeAsync(user, cancellationToken);
        var localities = await taxonomies.LocalitiesAsync(cancellationToken);
        var request = new SearchRequest(SearchQuery.Parse(input.Q, input.Prefix), input.Filters(localities), scope, input.Page, input.PageSize);
        var results = index.Search(request);

        // A district's count includes its communes', as its filter takes them.
        var rolledUp = localities.RollUp(results.Facets.Locality).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        results = results with { Facets = results.Facets with { Locality = rolledUp } };
        if (scope.AllPrivate)
        {
            return results;
        }

        // The stored link is the back office's; each person reads a private item where its source says (e.g. /my, /reviews).
        var items = results.Items.Select(hit => urls.TryGetValue(SearchDocument.KeyOf(hit.Type, hit.ItemId), out var url) ? hit with { Url = url } : hit).ToList();
        return results with { Items = items };
    }

    /// <summary>Titles for the search box: the first items visible to the caller whose title starts with the typed words.</summary>
    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(ClaimsPrincipal user, string? text, int max, CancellationToken cancellationToken = default)
    {
        var (scope, urls) = await ScopeAsync(user, cancellationToken);
        var hits = index.Suggest(text, scope, max);
        return scope.AllPrivate ? hits : [.. hits.Select(hit => urls.TryGetValue(SearchDocument.KeyOf(hit.Type, hit.ItemId), out var url) ? hit with { Url = url } : hit)];
    }

    private async Task<(SearchScope Scope, Dictionary<string, string> Urls)> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true || users.GetUserId(user) is not { } userId)
        {
            return (SearchScope.Public, []);
        }

        if ((await authorization.AuthorizeAsync(user, Policies.BackOffice)).Succeeded)
        {
            return (SearchScope.Everything, []);
        }

        // A later source's address wins for an item two sources give (reviews are registered after applications).
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in scopeSources)
        {
            foreach (var item in await source.ItemsAsync(userId, cancellationToken))
            {
                urls[SearchDocument.KeyOf(item.Type, item.ItemId)] = item.Url;
            }
        }

        return (new SearchScope(false, [.. urls.Keys]), urls);
    }
}

/// <summary>A private document a person may find, and where they read it.</summary>
internal sealed record ScopedSearchItem(string Type, string ItemId, string Url);

/// <summary>
/// A feature's private documents that a signed-in person outside the back office may find (their own, the ones they
/// work on), read afresh for every search.
/// </summary>
internal interface ISearchScopeSource
{
    Task<IReadOnlyList<ScopedSearchItem>> ItemsAsync(string userId, CancellationToken cancellationToken);
}
