using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// Runs a request on one searcher: one pass collects the page's top documents and counts the facets over every
/// match; stored fields are read for the page's hits only.
/// </summary>
internal static class IndexSearch
{
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, new SortField(IndexSchema.Updated, SortFieldType.INT64, reverse: true));
    private static readonly Sort ByNewest = new(new SortField(IndexSchema.Updated, SortFieldType.INT64, reverse: true));
    /// <summary>Below this many documents per core a search runs on one thread: starting threads would cost more than it saves.</summary>
    public const int DefaultMinSliceDocuments = 25_000;

    private static readonly Sort ByName = new(new SortField(IndexSchema.TitleSort, SortFieldType.STRING), new SortField(IndexSchema.Updated, SortFieldType.INT64, reverse: true));

    public static SearchResults Run(IndexSearcher searcher, SearchRequest request, Analyzer folded, Analyzer exact, int minSliceDocuments = DefaultMinSliceDocuments)
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

        var (page, total, facets) = Collect(searcher, plan.Query, sort, skip, take, wanted, minSliceDocuments);
        var hits = new List<SearchHit>(page.Length);
        if (skip < total)
        {
            var exactHits = plan.Exact is { } exactQuery && page.Length > 0 ? ExactMatches(searcher, searcher.CreateNormalizedWeight(exactQuery), page) : null;
            var leaves = searcher.IndexReader.Leaves;
            var scratch = new BytesRef();
            foreach (var scoreDoc in page)
            {
                var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
                var values = leaf.AtomicReader.GetBinaryDocValues(IndexSchema.Hit)
                    ?? throw new InvalidOperationException("A segment of the index has no hit values.");
                values.Get(scoreDoc.Doc - leaf.DocBase, scratch);
                var shown = HitPayload.Decode(scratch);
                hits.Add(new SearchHit(
                    shown.Type,
                    shown.ItemId,
                    shown.Slug,
                    shown.Title,
                    shown.Url,
                    Snippet(shown.Summary, shown.Body, request.Query, plan.HasText),
                    exactHits is not null && exactHits.Contains(scoreDoc.Doc))
                {
                    Summary = shown.Summary,
                    Sectors = shown.Sectors,
                    Locality = shown.Locality,
                    Image = shown.Image,
                    UpdatedUtc = new DateTime(shown.UpdatedTicks, DateTimeKind.Utc),
                });
            }
        }

        return new SearchResults(total, hits, facets, TotalIsEstimate: false);
    }

    /// <summary>
    /// One pass over every match: the page's documents in order, the total and the facet counts. A large index is cut
    /// into consecutive ranges of documents scored at once on the machine's cores, each with its own collectors, whose
    /// pages are merged in the sort's order (ties by document, as one pass would break them) and whose counts are
    /// added: a query matching half of 100,000 documents then takes about half the time on two cores.
    /// </summary>
    private static (ScoreDoc[] Page, int Total, SearchFacets Facets) Collect(IndexSearcher searcher, Query query, Sort sort, long skip, int take, int wanted, int minSliceDocuments)
    {
        var slices = Slices(searcher.IndexReader.Leaves, searcher.IndexReader.MaxDoc, minSliceDocuments);
        var weight = searcher.CreateNormalizedWeight(query);
        var parts = new (TopFieldCollector Top, FacetCounter Facets)[slices.Count];
        if (slices.Count == 1)
        {
            parts[0] = CollectSlice(weight, slices[0], sort, wanted);
        }
        else
        {
            Parallel.For(0, slices.Count, i => parts[i] = CollectSlice(weight, slices[i], sort, wanted));
        }

        var total = parts.Sum(p => p.Top.TotalHits);
        var facets = FacetCounter.Sum(parts.Select(p => p.Facets));
        if (skip >= total)
        {
            return ([], total, facets);
        }

        var page = parts.Length == 1
            ? parts[0].Top.GetTopDocs((int)skip, take).ScoreDocs
            : TopDocs.Merge(sort, (int)skip, take, [.. parts.Select(p => (TopDocs)p.Top.GetTopDocs())]).ScoreDocs;
        return (page, total, facets);
    }

    /// <summary>The matches of one slice (consecutive ranges of segments' documents) scored in document order.</summary>
    private static (TopFieldCollector Top, FacetCounter Facets) CollectSlice(Weight weight, List<(AtomicReaderContext Leaf, int From, int To)> slice, Sort sort, int wanted)
    {
        var top = TopFieldCollector.Create(sort, wanted, fillFields: true, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true);
        var facets = new FacetCounter();
        var both = MultiCollector.Wrap(top, facets);
        foreach (var (leaf, from, to) in slice)
        {
            both.SetNextReader(leaf);
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            if (scorer is null)
            {
                continue;
            }

            both.SetScorer(scorer);
            for (var doc = from == 0 ? scorer.NextDoc() : scorer.Advance(from); doc < to; doc = scorer.NextDoc())
            {
                both.Collect(doc);
            }
        }

        return (top, facets);
    }

    /// <summary>
    /// The documents cut into as many slices of about equal size as the machine has cores, none smaller than
    /// <paramref name="minSliceDocuments"/>; a slice may span segments, and a segment may be cut between slices.
    /// </summary>
    private static List<List<(AtomicReaderContext Leaf, int From, int To)>> Slices(IList<AtomicReaderContext> leaves, int maxDoc, int minSliceDocuments)
    {
        var count = Math.Clamp(maxDoc / Math.Max(1, minSliceDocuments), 1, Math.Max(2, Environment.ProcessorCount));
        var size = (maxDoc + count - 1) / count;
        var slices = new List<List<(AtomicReaderContext, int, int)>> { new() };
        var room = size;
        foreach (var leaf in leaves)
        {
            var from = 0;
            var docs = leaf.AtomicReader.MaxDoc;
            while (from < docs)
            {
                if (room == 0)
                {
                    slices.Add([]);
                    room = size;
                }

                var to = Math.Min(docs, from + room);
                slices[^1].Add((leaf, from, to));
                room -= to - from;
                from = to;
            }
        }

        return slices;
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

    /// <summary>Which of the page's documents match a weight: one scorer per segment, advanced through its hits in order.</summary>
    private static HashSet<int> ExactMatches(IndexSearcher searcher, Weight weight, ScoreDoc[] page)
    {
        var found = new HashSet<int>();
        var leaves = searcher.IndexReader.Leaves;
        foreach (var segment in page.Select(d => d.Doc).GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[segment.Key];
            var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            if (scorer is null)
            {
                continue;
            }

            foreach (var doc in segment.Order())
            {
                var target = doc - leaf.DocBase;
                var at = scorer.DocID < target ? scorer.Advance(target) : scorer.DocID;
                if (at == DocIdSetIterator.NO_MORE_DOCS)
                {
                    break;
                }

                if (at == target)
                {
                    found.Add(doc);
                }
            }
        }

        return found;
    }
}
