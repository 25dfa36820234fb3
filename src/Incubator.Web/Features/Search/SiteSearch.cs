using System.Security.Claims;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Search;

/// <summary>What a page or the API asks for: the visitor's words and the facet values that narrow them.</summary>
public sealed record SiteSearchInput(string? Q, string? Type = null, string? Sector = null, string? Locality = null, string? Stage = null, int Page = 1, int PageSize = 20, bool Prefix = true)
{
    /// <summary>The engine's filters; a locality takes every code beneath it in the localities' tree.</summary>
    public SearchFilters Filters(LocalityScope localities) =>
        new(Blank(Type), Blank(Sector), Blank(Locality) is { } locality ? localities.Within(locality) : null, Blank(Stage));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The site's search: the caller's rights become the search's scope, read afresh from the database for every
/// search and checked item by item. The public sees published public documents; the back office (staff, leaders,
/// administrators) also every application; anyone else signed in also their own applications and the ones they
/// review (assigned, with no conflict declared), each linked to the page where that person reads it.
/// </summary>
public sealed class SiteSearch(IncubatorDbContext db, SearchEngine engine, IAuthorizationService authorization, UserManager<User> users, TaxonomyService taxonomies)
{
    public async Task<SearchResults> SearchAsync(ClaimsPrincipal user, SiteSearchInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (scope, reviewing) = await ScopeAsync(user, cancellationToken);
        var localities = await taxonomies.LocalitiesAsync(cancellationToken);
        var request = new SearchRequest(SearchQuery.Parse(input.Q, input.Prefix), input.Filters(localities), scope, input.Page, input.PageSize);
        var results = await engine.SearchAsync(db, request, cancellationToken);

        // A district's count includes its communes', as its filter takes them.
        var rolledUp = localities.RollUp(results.Facets.Locality).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        results = results with { Facets = results.Facets with { Locality = rolledUp } };
        if (scope.AllPrivate)
        {
            return results;
        }

        // The stored link is the back office's; a reviewer reads an application on /reviews, its owner on /my.
        var items = results.Items.Select(hit => hit.Type != ApplicationSearch.TypeName ? hit : hit with
        {
            Url = reviewing.Contains(hit.ItemId) ? $"/reviews/{hit.ItemId}" : $"/my/applications/{hit.ItemId}",
        }).ToList();
        return results with { Items = items };
    }

    private async Task<(SearchScope Scope, HashSet<string> Reviewing)> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true || users.GetUserId(user) is not { } userId)
        {
            return (SearchScope.Public, []);
        }

        if ((await authorization.AuthorizeAsync(user, Policies.BackOffice)).Succeeded)
        {
            return (SearchScope.Everything, []);
        }

        var own = await db.Applications.Where(a => a.OwnerId == userId).Select(a => a.Id).ToListAsync(cancellationToken);
        var reviewing = (await db.Reviews.Where(r => r.ReviewerId == userId && r.NoConflictDeclaredUtc != null).Select(r => r.ApplicationId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var keys = own.Concat(reviewing).Distinct(StringComparer.Ordinal).Select(id => SearchDocument.KeyOf(ApplicationSearch.TypeName, id)).ToList();
        return (new SearchScope(false, keys), reviewing);
    }
}
