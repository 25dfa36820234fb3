namespace Incubator.Search;

/// <summary>
/// What one item contributes to the index (Orchard's full-text aspect): the feature that owns the item builds it
/// from the item's published version, or from its live state for private records such as applications.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>The item's type, e.g. "startup", "programme", "application": also the type facet.</summary>
    public required string Type { get; init; }

    /// <summary>The item's stable id within its type.</summary>
    public required string ItemId { get; init; }

    public string Slug { get; init; } = string.Empty;
    public required string Title { get; init; }

    /// <summary>Where a result links to.</summary>
    public required string Url { get; init; }

    /// <summary>A short text shown when nothing in the body matched.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>The searchable text: description, body, the fields the type wants found. Snippets are cut from it.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Found but not shown: taxonomy terms' names in both languages, codes, tax numbers.</summary>
    public string Keywords { get; init; } = string.Empty;

    /// <summary>Public items are seen by everyone; the others only by whom <see cref="SearchScope"/> admits, item by item.</summary>
    public bool Public { get; init; }

    public IReadOnlyList<string> Sectors { get; init; } = [];
    public string? Locality { get; init; }
    public string? Stage { get; init; }

    /// <summary>The year the item belongs to (a startup's founding, a record's year), filtered by <see cref="SearchFilters.Year"/>.</summary>
    public int? Year { get; init; }

    /// <summary>When the item last changed; an empty query lists the newest first.</summary>
    public DateTime UpdatedUtc { get; init; }

    /// <summary>The stored name of an image a list shows beside the item (a profile's logo); stored, not searched.</summary>
    public string? Image { get; init; }

    /// <summary>Type and id together: the document's identity in the index.</summary>
    public string Key => KeyOf(Type, ItemId);

    public static string KeyOf(string type, string itemId) => $"{type}/{itemId}";
}

/// <summary>
/// Which non-public documents a search may return, decided per item from the caller's live rights: everything
/// (staff) or the listed document keys (a reviewer's assigned applications, an applicant's own).
/// </summary>
public sealed record SearchScope(bool AllPrivate, IReadOnlyCollection<string> PrivateKeys)
{
    public static SearchScope Public { get; } = new(false, []);
    public static SearchScope Everything { get; } = new(true, []);
}

/// <summary>
/// Narrowing of a search by facet values; null means no filter. <paramref name="Localities"/> is every locality code
/// the filter takes (a province with all its districts and communes): the host knows the localities' tree, the engine
/// only matches codes.
/// </summary>
public sealed record SearchFilters(string? Type = null, string? Sector = null, IReadOnlyList<string>? Localities = null, string? Stage = null, int? Year = null)
{
    public static SearchFilters None { get; } = new();
}

public sealed record SearchRequest(SearchQuery Query, SearchFilters Filters, SearchScope Scope, int Page = 1, int PageSize = 20, SearchSort Sort = SearchSort.Relevance)
{
    public const int MaxPageSize = 100;

    public int Skip => (Math.Max(1, Page) - 1) * Take;

    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One result; <see cref="SnippetHtml"/> is HTML-encoded text whose only markup is &lt;mark&gt;.</summary>
public sealed record SearchHit(string Type, string ItemId, string Slug, string Title, string Url, string SnippetHtml, bool ExactMatch)
{
    /// <summary>The document's summary as given (plain text): what a directory's card shows.</summary>
    public string Summary { get; init; } = string.Empty;

    public IReadOnlyList<string> Sectors { get; init; } = [];
    public string? Locality { get; init; }

    /// <summary>See <see cref="SearchDocument.Image"/>.</summary>
    public string? Image { get; init; }

    public DateTime UpdatedUtc { get; init; }
}

/// <summary>
/// Counts of the matching documents by facet value, exact, over every match of the query within the scope and the
/// filters (so with a type filter the type facet holds that type alone, its count equal to the total). The engine
/// counts a locality only under the document's own code; a host that knows the localities' tree adds each count to
/// the ancestors, whose filter takes it.
/// </summary>
public sealed record SearchFacets(
    IReadOnlyDictionary<string, int> Type,
    IReadOnlyDictionary<string, int> Sector,
    IReadOnlyDictionary<string, int> Locality,
    IReadOnlyDictionary<string, int> Stage);

/// <summary>The page of results, the number of matches and the facets.</summary>
/// <param name="Total">The exact number of matches.</param>
/// <param name="TotalIsEstimate">
/// Always false: the index ranks and counts every match. The field stays because the API's JSON carries it.
/// </param>
public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Items, SearchFacets Facets, bool TotalIsEstimate = false);
