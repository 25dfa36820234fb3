using System.Globalization;
using System.Security.Claims;
using Incubator.Search;
using Incubator.Web.Features.Taxonomies;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Search;

/// <summary>The query string of a search page as typed into the address bar: anything may be in it, nothing fails.</summary>
internal sealed record SearchPageInput(string? Q, string? Type, string? Sector, string? Locality, string? Stage, string? Page, string? PageSize);

/// <summary>One facet value as a link: its name in the visitor's language and how many results it keeps.</summary>
internal sealed record FacetLink(string Code, string Name, int Count, bool Active, string Url);

/// <summary>A facet (type, sector, locality or stage) and its values.</summary>
internal sealed record FacetGroup(string Facet, IReadOnlyList<FacetLink> Values);

/// <summary>A filter in force, with the link that drops it and keeps everything else.</summary>
internal sealed record ActiveFilter(string Facet, string Name, string RemoveUrl);

/// <summary>A search page as drawn: the query, its results, facets, active filters and paging, with every link built.</summary>
internal sealed class SearchView
{
    public const int DefaultPageSize = 20;

    /// <summary>The highest page anyone can ask for, as the API allows; beyond the last page the last is shown.</summary>
    public const int MaxPage = 10_000;

    public static readonly string[] FacetNames = ["type", "sector", "locality", "stage"];

    public required string Path { get; init; }
    public string? Q { get; init; }
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();
    public int PageNumber { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Null when nothing was asked: the page invites a query instead of listing everything.</summary>
    public SearchResults? Results { get; init; }

    public IReadOnlyList<FacetGroup> Facets { get; init; } = [];
    public IReadOnlyList<ActiveFilter> Active { get; init; } = [];

    public bool Prompt => Results is null;
    /// <summary>The pages to offer: the total is exact, every match counted.</summary>
    public int Pages => Results is null ? 1 : PageCount(Results.Total, PageSize);

    public static int PageCount(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>This search's address with some parameters changed (null removes one); the page goes back to 1 unless given.</summary>
    public string Link(IReadOnlyDictionary<string, string?>? changes = null, int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>> { new("q", string.IsNullOrWhiteSpace(Q) ? null : Q) };
        foreach (var facet in FacetNames)
        {
            var value = changes is not null && changes.TryGetValue(facet, out var changed) ? changed : Filters.GetValueOrDefault(facet);
            values.Add(new(facet, value));
        }

        if (page is > 1)
        {
            values.Add(new("page", page.Value.ToString(CultureInfo.InvariantCulture)));
        }

        if (PageSize != DefaultPageSize)
        {
            values.Add(new("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)));
        }

        return Path + QueryString.Create(values.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
    }

    /// <summary>The names of the document types, as the features that index them registered them.</summary>
    public SearchTypeNames TypeNames { get; init; } = SearchTypeNames.None;

    /// <summary>The localisation key of a document type's singular name.</summary>
    public string TypeName(string type) => TypeNames.Singular(type);
}

/// <summary>
/// Reads a search page's query string leniently (a bad page number shows page 1, a page past the end shows the last),
/// runs the caller's search, and names the facet values in the visitor's language. Shared by /search and /admin/search,
/// which differ only in the scope the caller brings.
/// </summary>
internal sealed class SearchPages(SiteSearch search, TaxonomyService taxonomies, SearchTypeNames typeNames, IStringLocalizer<SearchPages> localizer)
{
    public async Task<SearchView> LoadAsync(ClaimsPrincipal user, string path, SearchPageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var q = string.IsNullOrWhiteSpace(input.Q) ? null : input.Q.Trim();
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (facet, value) in new[] { ("type", input.Type), ("sector", input.Sector), ("locality", input.Locality), ("stage", input.Stage) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                filters[facet] = value.Trim();
            }
        }

        var pageSize = Number(input.PageSize, SearchView.DefaultPageSize, SearchRequest.MaxPageSize);
        var page = Number(input.Page, 1, SearchView.MaxPage);

        // Text that holds no word ("(", "-") asks for nothing, like an empty box: no reason to list the whole site.
        if (SearchQuery.Parse(q).IsEmpty && filters.Count == 0)
        {
            return new SearchView { Path = path, Q = q, PageSize = pageSize, TypeNames = typeNames };
        }

        var criteria = new SiteSearchInput(q, filters.GetValueOrDefault("type"), filters.GetValueOrDefault("sector"), filters.GetValueOrDefault("locality"), filters.GetValueOrDefault("stage"), page, pageSize);
        var results = await search.SearchAsync(user, criteria, cancellationToken);
        var last = SearchView.PageCount(results.Total, pageSize);
        if (page > last)
        {
            page = last;
            results = await search.SearchAsync(user, criteria with { Page = page }, cancellationToken);
        }

        var view = new SearchView { Path = path, Q = q, Filters = filters, PageNumber = page, PageSize = pageSize, Results = results, TypeNames = typeNames };
        var names = new Dictionary<(string Facet, string Code), string>();
        async Task<string> NameAsync(string facet, string code) => names.TryGetValue((facet, code), out var known)
            ? known
            : names[(facet, code)] = facet switch
            {
                "type" => localizer[typeNames.Plural(code)].Value,
                "sector" => await taxonomies.NameAsync(TaxonomyTerm.Sectors, code, cancellationToken),
                "stage" => await taxonomies.NameAsync(TaxonomyTerm.Stages, code, cancellationToken),
                _ => await LocalityNameAsync(code, cancellationToken),
            };

        var groups = new List<FacetGroup>();
        foreach (var (facet, counts) in new[] { ("type", results.Facets.Type), ("sector", results.Facets.Sector), ("locality", results.Facets.Locality), ("stage", results.Facets.Stage) })
        {
            var values = new List<FacetLink>();
            foreach (var (code, count) in counts)
            {
                var active = filters.GetValueOrDefault(facet) == code;
                values.Add(new FacetLink(code, await NameAsync(facet, code), count, active, view.Link(new Dictionary<string, string?> { [facet] = active ? null : code })));
            }

            groups.Add(new FacetGroup(facet, values));
        }

        var activeFilters = new List<ActiveFilter>();
        foreach (var facet in SearchView.FacetNames)
        {
            if (filters.TryGetValue(facet, out var code))
            {
                activeFilters.Add(new ActiveFilter(facet, await NameAsync(facet, code), view.Link(new Dictionary<string, string?> { [facet] = null })));
            }
        }

        return new SearchView
        {
            Path = path, Q = q, Filters = filters, PageNumber = page, PageSize = pageSize, Results = results, Facets = groups, Active = activeFilters, TypeNames = typeNames,
        };
    }

    /// <summary>A commune is named with its province ("Tân Giang, Cao Bằng"): commune names repeat across provinces.</summary>
    private async Task<string> LocalityNameAsync(string code, CancellationToken cancellationToken)
    {
        var name = await taxonomies.NameAsync(TaxonomyTerm.Localities, code, cancellationToken);
        var terms = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        var parent = terms.FirstOrDefault(t => t.Code == code)?.ParentCode;
        return parent is null ? name : $"{name}, {await taxonomies.NameAsync(TaxonomyTerm.Localities, parent, cancellationToken)}";
    }

    /// <summary>A whole number from 1 to <paramref name="max"/>; anything else (text, zero, negative) is the fallback, a larger number the maximum.</summary>
    private static int Number(string? value, int fallback, int max)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number < 1 ? fallback : Math.Min(number, max);
        }

        // Too many digits for an int is still "a lot", not a mistake.
        return !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit) ? max : fallback;
    }
}
