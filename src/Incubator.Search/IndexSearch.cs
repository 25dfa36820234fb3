using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Incubator.Search;

/// <summary>
/// Runs a request on one searcher: one pass collects the page's top documents and counts the facets over every
/// match; stored fields are read for the page's hits only.
/// </summary>
internal static class IndexSearch
{
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, new SortField(IndexSchema.Updated, SortFieldType.INT64, reverse: true));
    private static readonly Sort ByNewest = new(new SortField(IndexSchema.Updated, SortFieldType.INT64, reverse: true));
    private static readonly Sort ByName = new(new SortField(IndexSchema.TitleSort, SortFieldType.STRING), new SortField(IndexSchema.Updated, SortFieldType.INT64, reverse: true));

    public static SearchResults Run(IndexSearcher searcher, SearchRequest request, Analyzer folded, Analyzer exact)
    {
        var plan = IndexQuery.Build(request, folded, exact);
        var sort = request.Sort switch
        {
            SearchSort.Name => ByName,
            SearchSort.Newest => ByNewest,
            _ => plan.HasText ? ByRelevance : ByNewest,
        };

        // The page is computed in 64 bits and bounded by the index: page 10,000,000 must not allocate a queue for
        // a billion hits nor overflow.
        var take = request.Take;
        var skip = (long)(Math.Max(1, request.Page) - 1) * take;
        var maxDoc = Math.Max(1, searcher.IndexReader.MaxDoc);
        var wanted = (int)Math.Clamp(skip + take, 1, maxDoc);

        var top = TopFieldCollector.Create(sort, wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false);
        var facets = new FacetCounter();
        searcher.Search(plan.Query, MultiCollector.Wrap(top, facets));

        var total = top.TotalHits;
        var hits = new List<SearchHit>(skip >= total ? 0 : take);
        if (skip < total)
        {
            var page = top.GetTopDocs((int)skip, take).ScoreDocs;
            var exactWeight = plan.Exact is { } exactQuery && page.Length > 0 ? searcher.CreateNormalizedWeight(exactQuery) : null;
            foreach (var scoreDoc in page)
            {
                var stored = searcher.Doc(scoreDoc.Doc, IndexSchema.HitFields);
                hits.Add(new SearchHit(
                    Text(stored, IndexSchema.Type),
                    Text(stored, IndexSchema.ItemId),
                    Text(stored, IndexSchema.Slug),
                    Text(stored, IndexSchema.Title),
                    Text(stored, IndexSchema.Url),
                    Snippet(Text(stored, IndexSchema.Summary), Text(stored, IndexSchema.Body), request.Query, plan.HasText),
                    exactWeight is not null && Matches(searcher, exactWeight, scoreDoc.Doc))
                {
                    Summary = Text(stored, IndexSchema.Summary),
                    Sectors = [.. stored.GetValues(IndexSchema.Sector, CultureInfo.InvariantCulture)],
                    Locality = stored.Get(IndexSchema.Locality, CultureInfo.InvariantCulture),
                    Image = stored.Get(IndexSchema.Image, CultureInfo.InvariantCulture),
                    UpdatedUtc = stored.GetField(IndexSchema.Updated)?.GetInt64Value() is { } ticks ? new DateTime(ticks, DateTimeKind.Utc) : default,
                });
            }
        }

        return new SearchResults(total, hits, facets.Facets(), TotalIsEstimate: false);
    }

    public static List<SearchHit> Suggest(IndexSearcher searcher, Query query, int max)
    {
        var top = TopFieldCollector.Create(ByRelevance, max, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false);
        searcher.Search(query, top);
        var hits = new List<SearchHit>();
        foreach (var scoreDoc in top.GetTopDocs().ScoreDocs)
        {
            var stored = searcher.Doc(scoreDoc.Doc, IndexSchema.SuggestionFields);
            hits.Add(new SearchHit(
                Text(stored, IndexSchema.Type),
                Text(stored, IndexSchema.ItemId),
                Text(stored, IndexSchema.Slug),
                Text(stored, IndexSchema.Title),
                Text(stored, IndexSchema.Url),
                string.Empty,
                ExactMatch: false));
        }

        return hits;
    }

    private static string Text(Document stored, string field) => stored.GetField(field)?.GetStringValue(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The passage that shows why a document matched: from the summary and body, else the summary alone.</summary>
    private static string Snippet(string summary, string body, SearchQuery query, bool hasText)
    {
        var snippet = hasText ? Snippets.Build($"{summary}\n{body}", query) : string.Empty;
        if (snippet.Length == 0 || !snippet.Contains("<mark>", StringComparison.Ordinal))
        {
            var shown = Snippets.Build(summary.Length > 0 ? summary : body, query);
            snippet = shown.Length > 0 ? shown : snippet;
        }

        return snippet;
    }

    /// <summary>Whether one document matches a weight: its segment's scorer advanced to it.</summary>
    private static bool Matches(IndexSearcher searcher, Weight weight, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
        var target = doc - leaf.DocBase;
        return scorer is not null && scorer.Advance(target) == target;
    }
}
