using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// A segment's facet values as plain arrays: for each document the ordinal of its type, locality and stage (-1 when
/// it has none) and the range of its sectors' ordinals, with each ordinal's name. Doc values decode packed numbers
/// on every read, which on a query matching half the index was a fifth of its time; a segment never changes, so
/// the arrays are built once, on its first search, and live as long as the segment does.
/// </summary>
internal sealed class SegmentFacetOrds
{
    private static readonly ConditionalWeakTable<object, SegmentFacetOrds> Built = new();

    private SegmentFacetOrds(AtomicReader reader)
    {
        var docs = reader.MaxDoc;
        (Type, TypeNames) = Single(reader.GetSortedDocValues(IndexSchema.Type), docs);
        (Locality, LocalityNames) = Single(reader.GetSortedDocValues(IndexSchema.Locality), docs);
        (Stage, StageNames) = Single(reader.GetSortedDocValues(IndexSchema.Stage), docs);

        SectorStart = new int[docs + 1];
        var sectors = reader.GetSortedSetDocValues(IndexSchema.Sector);
        var ords = new List<int>();
        for (var doc = 0; doc < docs; doc++)
        {
            SectorStart[doc] = ords.Count;
            if (sectors is null)
            {
                continue;
            }

            sectors.SetDocument(doc);
            long ord;
            while ((ord = sectors.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add(checked((int)ord));
            }
        }

        SectorStart[docs] = ords.Count;
        Sectors = [.. ords];
        SectorNames = sectors is null ? [] : Names(checked((int)sectors.ValueCount), (ord, into) => sectors.LookupOrd(ord, into));
    }

    public int[] Type { get; }
    public string[] TypeNames { get; }
    public int[] Locality { get; }
    public string[] LocalityNames { get; }
    public int[] Stage { get; }
    public string[] StageNames { get; }

    /// <summary>Document d's sectors are <c>Sectors[SectorStart[d]..SectorStart[d + 1]]</c>.</summary>
    public int[] SectorStart { get; }

    public int[] Sectors { get; }
    public string[] SectorNames { get; }

    public static SegmentFacetOrds Of(AtomicReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Built.GetValue(reader.CoreCacheKey, _ => new SegmentFacetOrds(reader));
    }

    private static (int[] Ords, string[] Names) Single(SortedDocValues? values, int docs)
    {
        var ords = new int[docs];
        if (values is null)
        {
            Array.Fill(ords, -1);
            return (ords, []);
        }

        for (var doc = 0; doc < docs; doc++)
        {
            ords[doc] = values.GetOrd(doc);
        }

        return (ords, Names(values.ValueCount, (ord, into) => values.LookupOrd(ord, into)));
    }

    private static string[] Names(int count, Action<int, BytesRef> lookup)
    {
        var names = new string[count];
        var scratch = new BytesRef();
        for (var ord = 0; ord < count; ord++)
        {
            lookup(ord, scratch);
            names[ord] = scratch.Utf8ToString();
        }

        return names;
    }
}
