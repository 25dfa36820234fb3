using System.Globalization;
using System.Security.Claims;
using Incubator.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Search;

/// <summary>
/// GET /api/search: ranked, highlighted, faceted results in the caller's scope (anonymous: the public's).
/// GET /api/search/suggest: the first titles for what someone is typing, for the search box.
/// </summary>
internal static class SearchApi
{
    public sealed record Hit(string Type, string Id, string Slug, string Title, string Snippet, string Url);

    /// <param name="TotalIsEstimate">Always false: every match is ranked and counted (kept for the API's clients).</param>
    public sealed record Response(int Total, IReadOnlyList<Hit> Items, SearchFacets Facets, bool TotalIsEstimate);

    public sealed record Suggestion(string Type, string Title, string Url);

    public const int SuggestionCount = 8;

    public static void MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", SearchAsync).WithTags("Search").RequireRateLimiting(Infrastructure.RateLimitPolicies.Search);
        endpoints.MapGet("/api/search/suggest", SuggestAsync).WithTags("Search").RequireRateLimiting(Infrastructure.RateLimitPolicies.Search);
    }

    private static async Task<Results<Ok<Response>, ValidationProblem>> SearchAsync(
        string? q, string? type, string? sector, string? locality, string? stage, string? page, string? pageSize,
        ClaimsPrincipal user, SiteSearch search, IStringLocalizer<SiteSearch> localizer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = Number(page, 1, 1, 10_000, "page", "The page must be a whole number from 1 to 10000.", errors, localizer);
        var size = Number(pageSize, 20, 1, SearchRequest.MaxPageSize, "pageSize", "The page size must be a whole number from 1 to 100.", errors, localizer);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var results = await search.SearchAsync(user, new SiteSearchInput(q, type, sector, locality, stage, pageNumber, size), cancellationToken);
        return TypedResults.Ok(new Response(
            results.Total,
            [.. results.Items.Select(h => new Hit(h.Type, h.ItemId, h.Slug, h.Title, h.SnippetHtml, h.Url))],
            results.Facets,
            false));
    }

    private static async Task<Ok<List<Suggestion>>> SuggestAsync(string? q, ClaimsPrincipal user, SiteSearch search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.Ok(new List<Suggestion>());
        }

        var hits = await search.SuggestAsync(user, q, SuggestionCount, cancellationToken);
        return TypedResults.Ok(hits.Select(h => new Suggestion(h.Type, h.Title, h.Url)).ToList());
    }

    private static int Number(string? value, int fallback, int min, int max, string field, string message, Dictionary<string, string[]> errors, IStringLocalizer localizer)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[field] = [localizer[message]];
        return fallback;
    }
}
