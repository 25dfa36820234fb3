using Incubator.Search;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;
using Incubator.Web.Features.Targets;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Incubator.Web.Features.Home;

/// <summary>
/// The home page leads with what a founder comes for: the programmes open now and a call to apply, then the
/// ecosystem's figures, the latest news and the plans' targets. Each directory's count and the news come from the
/// search index (which holds exactly the published public items); the programmes, the targets' summary and the
/// portal's pages from caches that a save clears (<see cref="HomeHighlights"/>, <see cref="HomePages"/>); no table is
/// read per visit.
/// </summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
internal sealed class IndexModel(PublicIndex index, ContentTypeRegistry types, HomePages pages, HomeHighlights highlights, TimeProvider clock) : PageModel
{
    public const int NewsCount = 3;

    /// <summary>At most this many open programmes are shown; the programmes page lists them all.</summary>
    public const int ProgrammeCount = 6;

    public IReadOnlyList<HomeHighlights.OpenProgramme> Open { get; private set; } = [];
    public int OpenCount { get; private set; }
    public List<(ContentTypeDefinition Type, int Count)> Counts { get; } = [];
    public IReadOnlyList<SearchHit> News { get; private set; } = [];
    public TargetSummary TargetStates { get; private set; } = new(0, 0, 0, 0);
    public IReadOnlyList<HomePages.Link> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var open = await highlights.OpenProgrammesAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        Open = [.. open.Take(ProgrammeCount)];
        OpenCount = open.Count;
        TargetStates = await highlights.TargetsAsync(cancellationToken);
        var search = await index.ReadAsync(cancellationToken);

        // One search counts every type: an empty query over the public documents, its type facet.
        var all = search.Search(new SearchRequest(SearchQuery.Parse(null), SearchFilters.None, SearchScope.Public, 1, 1));
        foreach (var type in types.Directory)
        {
            Counts.Add((type, all.Facets.Type.GetValueOrDefault(type.Name)));
        }

        News = search.Search(new SearchRequest(SearchQuery.Parse(null), new SearchFilters(NewsArticle.TypeName), SearchScope.Public, 1, NewsCount, SearchSort.Newest)).Items;
        Pages = await pages.GetAsync(cancellationToken);
    }
}
