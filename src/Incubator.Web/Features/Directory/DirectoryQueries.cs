using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Directory;

/// <summary>How a directory is ordered: by name (the default) or the most recently published first.</summary>
internal enum DirectorySort
{
    Name,
    Newest,
}

internal sealed record DirectoryFilter(string? Sector, string? Locality, string? Stage, int Page = 1, int PageSize = DirectoryFilter.DefaultPageSize, DirectorySort Sort = DirectorySort.Name)
{
    public const int DefaultPageSize = 12;
    public const int MaxPageSize = 100;
}

/// <summary>A profile as a directory lists it: what its card shows, all read from the index.</summary>
internal sealed record DirectoryCard(string ContentItemId, string Slug, string Title, string Summary, IReadOnlyList<string> Sectors, string? Locality, string? Logo);

/// <summary>
/// How many profiles each value of a filter would list, the other filters kept: a sector's count is taken with the
/// chosen locality and stage but any sector, so every option says what choosing it gives. A locality's count holds
/// its communes'.
/// </summary>
internal sealed record DirectoryCounts(IReadOnlyDictionary<string, int> Sector, IReadOnlyDictionary<string, int> Locality, IReadOnlyDictionary<string, int> Stage)
{
    public static DirectoryCounts None { get; } = new(new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());
}

internal sealed record DirectoryPage(int Total, IReadOnlyList<DirectoryCard> Items, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public DirectoryCounts Counts { get; init; } = DirectoryCounts.None;
}

/// <summary>
/// The public directory: published profiles only, filtered by sector, locality (a province includes its communes) and
/// stage. Lists and counts come from the search index, which holds exactly the published public profiles; a profile
/// page reads its one row by the type's slug index.
/// </summary>
internal sealed class DirectoryQueries(IncubatorDbContext db, TaxonomyService taxonomies, ContentTypeRegistry types, PublicIndex index)
{
    /// <summary>The directory type listed at this route, or null.</summary>
    public ContentTypeDefinition? TypeAt(string? route) => types.ByRoute(route) is { IsDirectory: true } t ? t : null;

    /// <summary>One page of a directory and its total.</summary>
    public Task<DirectoryPage> ListAsync(ContentTypeDefinition type, DirectoryFilter filter, CancellationToken cancellationToken = default) =>
        ListAsync(type, filter, withCounts: false, cancellationToken);

    /// <summary>One page of a directory, its total, and with <paramref name="withCounts"/> the count of every filter's values.</summary>
    public async Task<DirectoryPage> ListAsync(ContentTypeDefinition type, DirectoryFilter filter, bool withCounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(filter);
        var localities = await taxonomies.LocalitiesAsync(cancellationToken);
        var sector = Blank(filter.Sector);
        var locality = Blank(filter.Locality);

        // Stage belongs to startups: no other directory has a stage to match.
        var stage = Blank(filter.Stage);
        if (stage is not null && type != DirectoryContentTypes.Startup)
        {
            return new DirectoryPage(0, [], filter.Page, filter.PageSize);
        }

        var search = await index.ReadAsync(cancellationToken);
        SearchResults Run(string? sector, string? locality, string? stage, int page, int pageSize) => search.Search(new SearchRequest(
            SearchQuery.Parse(null),
            new SearchFilters(type.Name, sector, locality is null ? null : localities.Within(locality), stage),
            SearchScope.Public,
            page,
            pageSize,
            filter.Sort == DirectorySort.Newest ? SearchSort.Newest : SearchSort.Name));

        // A page far past the end lists nothing; the index is not asked to rank more documents than it holds.
        var results = Run(sector, locality, stage, filter.Page, filter.PageSize);
        var cards = results.Items.Select(h => new DirectoryCard(h.ItemId, h.Slug, h.Title, h.Summary, h.Sectors, h.Locality, h.Image)).ToList();
        var page = new DirectoryPage(results.Total, cards, filter.Page, filter.PageSize);
        if (!withCounts)
        {
            return page;
        }

        // Each filter in force is left out of its own counts (one more search of the index each, no page read).
        var facets = results.Facets;
        var sectors = sector is null ? facets.Sector : Run(null, locality, stage, 1, 1).Facets.Sector;
        var localityCounts = locality is null ? facets.Locality : Run(sector, null, stage, 1, 1).Facets.Locality;
        var stages = stage is null ? facets.Stage : Run(sector, locality, null, 1, 1).Facets.Stage;
        return page with { Counts = new DirectoryCounts(sectors, localities.RollUp(localityCounts), stages) };
    }

    public Task<DirectoryProfile?> BySlugAsync(ContentTypeDefinition type, string slug, CancellationToken cancellationToken = default) =>
        type.Query(db).AsNoTracking().OfType<DirectoryProfile>().Where(x => x.Published && x.DeletedUtc == null).FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
