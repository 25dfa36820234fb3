using System.Globalization;
using System.Text;
using Incubator.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Incubator.Search;

/// <summary>
/// The fields of the index and how a <see cref="SearchDocument"/> becomes a Lucene document. Text is indexed twice:
/// folded (found with or without accents) and exact (ranks a query with the right accents first); only the folded
/// copy of what a hit shows is stored. Facets and sorting read doc values, never stored fields.
/// </summary>
internal static class IndexSchema
{
    /// <summary>Changes with every change to the fields below; an index written by another is rebuilt.</summary>
    public const int Version = 4;

    public const string Key = "key";
    public const string Type = "type";
    public const string ItemId = "itemId";
    public const string Slug = "slug";
    public const string Url = "url";
    public const string Title = "title";
    public const string Summary = "summary";

    /// <summary>
    /// Title, summary, keywords and body in one folded field: every query word must match in it, so a term costs
    /// one postings list to intersect instead of one per field; the title and summary fields add their weight.
    /// </summary>
    public const string All = "all";

    /// <summary>The same text with its accents kept: a query with the right accents ranks the documents that have them first.</summary>
    public const string AllExact = "all_exact";

    /// <summary>The whole title folded, its words joined by single spaces: a query equal to it (or its start) ranks first.</summary>
    public const string TitleFull = "title_full";

    /// <summary>The folded title as a sort key for "by name".</summary>
    public const string TitleSort = "title_sort";

    public const string Public = "public";
    public const string Sector = "sector";
    public const string Locality = "locality";
    public const string Stage = "stage";
    public const string Year = "year";

    /// <summary>The stored name of the image a list shows beside the item (<see cref="SearchDocument.Image"/>).</summary>
    public const string Image = "image";

    /// <summary>Ticks of <see cref="SearchDocument.UpdatedUtc"/>, for "newest first".</summary>
    public const string Updated = "updated";

    public const string Yes = "1";
    public const string No = "0";

    /// <summary>Extra weight of a query word found in the title, and in the summary, above the same word in the body.</summary>
    public const float TitleBoost = 3f;

    public const float SummaryBoost = 1f;

    /// <summary>The binary doc value holding what a hit shows (<see cref="HitPayload"/>).</summary>
    public const string Hit = "hit";

    /// <summary>The stored fields a suggestion reads.</summary>
    public static readonly ISet<string> SuggestionFields = new HashSet<string>(StringComparer.Ordinal) { Type, ItemId, Slug, Title, Url };

    /// <summary>Folded analysis for the searched fields, exact analysis for <see cref="AllExact"/>; keys are not analysed.</summary>
    public static Analyzer CreateAnalyzer(Analyzer folded, Analyzer exact) =>
        new PerFieldAnalyzerWrapper(folded, new Dictionary<string, Analyzer>(StringComparer.Ordinal) { [AllExact] = exact });

    public static Document ToDocument(SearchDocument d, Analyzer folded)
    {
        ArgumentNullException.ThrowIfNull(d);
        var doc = new Document
        {
            new StringField(Key, d.Key, Field.Store.YES),
            new StringField(Type, d.Type, Field.Store.YES),
            new SortedDocValuesField(Type, new BytesRef(d.Type)),
            new StoredField(ItemId, d.ItemId),
            new StoredField(Slug, d.Slug ?? string.Empty),
            new StoredField(Url, d.Url ?? string.Empty),
            new StringField(Public, d.Public ? Yes : No, Field.Store.NO),
            new NumericDocValuesField(Updated, d.UpdatedUtc.Ticks),

            // Stored too: a directory's or the home page's list shows when an item changed without reading its table.
            new StoredField(Updated, d.UpdatedUtc.Ticks),
        };

        if (!string.IsNullOrEmpty(d.Image))
        {
            doc.Add(new StoredField(Image, d.Image));
        }

        doc.Add(new TextField(Title, d.Title ?? string.Empty, Field.Store.YES));
        doc.Add(new TextField(Summary, d.Summary ?? string.Empty, Field.Store.YES));
        doc.Add(new BinaryDocValuesField(Hit, HitPayload.Encode(d)));

        // One text for matching, in both forms. A phrase may run from the end of one part into the next; that is
        // rare and harmless to ranking, and cheaper than a field per part.
        var all = string.Join("\n\n", d.Title, d.Summary, d.Keywords, d.Body);
        doc.Add(new TextField(All, all, Field.Store.NO));
        doc.Add(new TextField(AllExact, all, Field.Store.NO));

        var titleKey = Joined(folded, Title, d.Title);
        doc.Add(new StringField(TitleFull, Truncate(titleKey), Field.Store.NO));
        doc.Add(new SortedDocValuesField(TitleSort, new BytesRef(Truncate(titleKey))));

        foreach (var sector in (d.Sectors ?? []).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(Sector, sector, Field.Store.YES));
            doc.Add(new SortedSetDocValuesField(Sector, new BytesRef(sector)));
        }

        if (!string.IsNullOrEmpty(d.Locality))
        {
            doc.Add(new StringField(Locality, d.Locality, Field.Store.YES));
            doc.Add(new SortedDocValuesField(Locality, new BytesRef(d.Locality)));
        }

        if (!string.IsNullOrEmpty(d.Stage))
        {
            doc.Add(new StringField(Stage, d.Stage, Field.Store.NO));
            doc.Add(new SortedDocValuesField(Stage, new BytesRef(d.Stage)));
        }

        if (d.Year is { } year)
        {
            doc.Add(new StringField(Year, YearTerm(year), Field.Store.NO));
        }

        return doc;
    }

    public static string YearTerm(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The first token <paramref name="analyzer"/> makes at each position of <paramref name="text"/>, joined by single
    /// spaces: the words, without the alternatives stacked on them (a compound such as "kh&amp;cn" after its first
    /// part). The query side joins its words the same way, so a title and a query with the same words give one key.
    /// </summary>
    public static string Joined(Analyzer analyzer, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var joined = new StringBuilder();
        var last = -1;
        foreach (var (term, position) in Tokens(analyzer, field, text))
        {
            if (position == last)
            {
                continue;
            }

            if (joined.Length > 0)
            {
                joined.Append(' ');
            }

            joined.Append(term);
            last = position;
        }

        return joined.ToString();
    }

    /// <summary>The tokens of <paramref name="text"/> with their positions (tokens at one position are synonyms).</summary>
    public static List<(string Term, int Position)> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += Math.Max(0, increment.PositionIncrement);
            if (term.Length > 0)
            {
                tokens.Add((term.ToString(), Math.Max(0, position)));
            }
        }

        stream.End();
        return tokens;
    }

    // A term is at most 32,766 bytes; a title is far shorter, but a pasted page must not make the document fail.
    private static string Truncate(string key) => key.Length <= 1000 ? key : key[..(char.IsHighSurrogate(key[999]) ? 999 : 1000)];
}
