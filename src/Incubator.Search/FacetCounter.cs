using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// Counts every match by type, sector, locality and stage while the ranking collector sees the same matches: one pass,
/// exact counts, read from doc values (ordinals counted per segment, turned into names once per segment).
/// </summary>
internal sealed class FacetCounter : ICollector
{
    private readonly Dictionary<string, int> _type = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _locality = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stage = new(StringComparer.Ordinal);
    private readonly BytesRef _scratch = new();

    private SortedDocValues? _typeValues;
    private SortedSetDocValues? _sectorValues;
    private SortedDocValues? _localityValues;
    private SortedDocValues? _stageValues;
    private int[] _typeCounts = [];
    private int[] _sectorCounts = [];
    private int[] _localityCounts = [];
    private int[] _stageCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        FlushSegment();
        var reader = context.AtomicReader;
        _typeValues = reader.GetSortedDocValues(IndexSchema.Type);
        _sectorValues = reader.GetSortedSetDocValues(IndexSchema.Sector);
        _localityValues = reader.GetSortedDocValues(IndexSchema.Locality);
        _stageValues = reader.GetSortedDocValues(IndexSchema.Stage);
        _typeCounts = Counts(_typeValues?.ValueCount ?? 0);
        _sectorCounts = Counts(checked((int)(_sectorValues?.ValueCount ?? 0)));
        _localityCounts = Counts(_localityValues?.ValueCount ?? 0);
        _stageCounts = Counts(_stageValues?.ValueCount ?? 0);
    }

    public void Collect(int doc)
    {
        Count(_typeValues, _typeCounts, doc);
        Count(_localityValues, _localityCounts, doc);
        Count(_stageValues, _stageCounts, doc);
        if (_sectorValues is { } sectors)
        {
            sectors.SetDocument(doc);
            long ord;
            while ((ord = sectors.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _sectorCounts[ord]++;
            }
        }
    }

    /// <summary>The counts, the largest first (ties by name), once the search has run.</summary>
    public SearchFacets Facets()
    {
        FlushSegment();
        return new SearchFacets(Sorted(_type), Sorted(_sector), Sorted(_locality), Sorted(_stage));
    }

    /// <summary>The counts of several counters that saw different documents of one search, added.</summary>
    public static SearchFacets Sum(IEnumerable<FacetCounter> counters)
    {
        var all = counters.ToList();
        if (all.Count == 1)
        {
            return all[0].Facets();
        }

        var sum = new FacetCounter();
        foreach (var counter in all)
        {
            counter.FlushSegment();
            AddAll(sum._type, counter._type);
            AddAll(sum._sector, counter._sector);
            AddAll(sum._locality, counter._locality);
            AddAll(sum._stage, counter._stage);
        }

        return sum.Facets();
    }

    private static void AddAll(Dictionary<string, int> into, Dictionary<string, int> from)
    {
        foreach (var (name, count) in from)
        {
            into[name] = into.GetValueOrDefault(name) + count;
        }
    }

    private static int[] Counts(int size) => size == 0 ? [] : new int[size];

    private static void Count(SortedDocValues? values, int[] counts, int doc)
    {
        if (values is not null)
        {
            var ord = values.GetOrd(doc);
            if (ord >= 0)
            {
                counts[ord]++;
            }
        }
    }

    private void FlushSegment()
    {
        for (var ord = 0; ord < _typeCounts.Length; ord++)
        {
            if (_typeCounts[ord] > 0)
            {
                _typeValues!.LookupOrd(ord, _scratch);
                Add(_type, _typeCounts[ord]);
            }
        }

        for (var ord = 0; ord < _sectorCounts.Length; ord++)
        {
            if (_sectorCounts[ord] > 0)
            {
                _sectorValues!.LookupOrd(ord, _scratch);
                Add(_sector, _sectorCounts[ord]);
            }
        }

        for (var ord = 0; ord < _localityCounts.Length; ord++)
        {
            if (_localityCounts[ord] > 0)
            {
                _localityValues!.LookupOrd(ord, _scratch);
                Add(_locality, _localityCounts[ord]);
            }
        }

        for (var ord = 0; ord < _stageCounts.Length; ord++)
        {
            if (_stageCounts[ord] > 0)
            {
                _stageValues!.LookupOrd(ord, _scratch);
                Add(_stage, _stageCounts[ord]);
            }
        }

        _typeCounts = _sectorCounts = _localityCounts = _stageCounts = [];
    }

    /// <summary>Adds a segment's count to the value <see cref="_scratch"/> holds.</summary>
    private void Add(Dictionary<string, int> into, int count)
    {
        var name = _scratch.Utf8ToString();
        into[name] = into.GetValueOrDefault(name) + count;
    }

    private static Dictionary<string, int> Sorted(Dictionary<string, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
