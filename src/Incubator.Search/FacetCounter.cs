using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// Counts every match by type, sector, locality and stage while the ranking collector sees the same matches: one pass,
/// exact counts, by ordinal per segment (<see cref="SegmentFacetOrds"/>), turned into names once per segment.
/// </summary>
internal sealed class FacetCounter : ICollector
{
    private readonly Dictionary<string, int> _type = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _locality = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stage = new(StringComparer.Ordinal);

    private SegmentFacetOrds? _ords;
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
        _ords = SegmentFacetOrds.Of(context.AtomicReader);
        _typeCounts = Counts(_ords.TypeNames.Length);
        _sectorCounts = Counts(_ords.SectorNames.Length);
        _localityCounts = Counts(_ords.LocalityNames.Length);
        _stageCounts = Counts(_ords.StageNames.Length);
    }

    public void Collect(int doc)
    {
        var ords = _ords!;
        Count(ords.Type[doc], _typeCounts);
        Count(ords.Locality[doc], _localityCounts);
        Count(ords.Stage[doc], _stageCounts);
        for (var i = ords.SectorStart[doc]; i < ords.SectorStart[doc + 1]; i++)
        {
            _sectorCounts[ords.Sectors[i]]++;
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

    private static void Count(int ord, int[] counts)
    {
        if (ord >= 0)
        {
            counts[ord]++;
        }
    }

    private void FlushSegment()
    {
        if (_ords is { } ords)
        {
            Add(_type, _typeCounts, ords.TypeNames);
            Add(_sector, _sectorCounts, ords.SectorNames);
            Add(_locality, _localityCounts, ords.LocalityNames);
            Add(_stage, _stageCounts, ords.StageNames);
        }

        _ords = null;
        _typeCounts = _sectorCounts = _localityCounts = _stageCounts = [];
    }

    /// <summary>Adds a segment's counts, by ordinal, to the totals by name.</summary>
    private static void Add(Dictionary<string, int> into, int[] counts, string[] names)
    {
        for (var ord = 0; ord < counts.Length; ord++)
        {
            if (counts[ord] > 0)
            {
                into[names[ord]] = into.GetValueOrDefault(names[ord]) + counts[ord];
            }
        }
    }

    private static Dictionary<string, int> Sorted(Dictionary<string, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
