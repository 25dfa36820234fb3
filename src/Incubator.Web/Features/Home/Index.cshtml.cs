using Incubator.Search;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Home;

/// <summary>
/// The home page: each directory's count and the latest news come from the search index (which holds exactly the
/// published public items), the portal's pages from a cache that a saved page clears; no table is read per visit.
/// </summary>
internal sealed class IndexModel(PublicIndex index, ContentTypeRegistry types, HomePages pages) : PageModel
{
    public const int NewsCount = 3;

    public List<(ContentTypeDefinition Type, int Count)> Counts { get; } = [];
    public IReadOnlyList<SearchHit> News { get; private set; } = [];
    public IReadOnlyList<HomePages.Link> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
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
