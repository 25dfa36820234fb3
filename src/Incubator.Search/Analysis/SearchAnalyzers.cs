using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Incubator.Search.Analysis;

/// <summary>
/// The analyzers of the index, one per kind of field: <see cref="Folded"/> finds a word typed with or without its
/// tone marks, <see cref="Exact"/> keeps the accented form so that a query with the right accents ranks first. The
/// index and the query builder take their analyzers from here and nowhere else, so the words a query looks for are
/// always the words the index holds. <see cref="Version"/> changes whenever what they produce changes: an index built
/// by another version is rebuilt.
/// </summary>
/// <remarks>
/// Both share <see cref="VietnameseTokenizer"/>, so their tokens stand at the same positions with the same offsets:
/// the parts of a compound ("kh", "cn") on consecutive positions like plain words, the compound ("kh&amp;cn") at the
/// position of its first part, after it. A query built from <see cref="Tokens"/> keeps the positions (a phrase adds
/// each term at its <see cref="AnalyzedToken.Position"/>; the tokens at one position are alternatives), or it uses
/// only <see cref="Words"/>, one per position. A key made of a text's words (a title to compare with a query) is
/// made of <see cref="Words"/>, which agree with what <see cref="SearchText.Words"/> and the query parser split.
/// </remarks>
public static class SearchAnalyzers
{
    /// <summary>The Lucene version whose behaviour the analyzers ask for.</summary>
    public const LuceneVersion Lucene = LuceneVersion.LUCENE_48;

    /// <summary>Changes with every change to what the analyzers produce; an index written by another is rebuilt.</summary>
    /// <remarks>2: the Vietnamese tokenizer, folding and tone placement replace the placeholder of version 1.</remarks>
    public const int Version = 2;

    /// <summary>
    /// NFC, lower case, tone marks and every other diacritic folded, đ → d: "Đổi mới" gives "doi", "moi"; "hoà" and
    /// "hòa" both give "hoa".
    /// </summary>
    public static Analyzer Folded() => new VietnameseAnalyzer(folded: true);

    /// <summary>
    /// NFC and lower case, the accents kept: "Đổi mới" gives "đổi", "mới". A word-final "oa", "oe", "uy" carries its
    /// tone on the second vowel whichever placement the text used ("hòa" gives "hoà").
    /// </summary>
    public static Analyzer Exact() => new VietnameseAnalyzer(folded: false);

    /// <summary>
    /// The words <paramref name="analyzer"/> makes of <paramref name="text"/>, one per position, without the compounds
    /// ("Sở KH&amp;CN" gives "so", "kh", "cn" folded): the words <see cref="SearchText.Words"/> splits, analysed.
    /// </summary>
    public static IReadOnlyList<string> Words(Analyzer analyzer, string? text) =>
        [.. Tokens(analyzer, text).Where(t => t.Kind != SearchTokenKind.Compound).Select(t => t.Term)];

    /// <summary>
    /// The tokens <paramref name="analyzer"/> makes of <paramref name="text"/>, for building queries. Never throws for
    /// any text (empty, null, lone surrogates, control characters, megabytes); no token for nothing searchable.
    /// </summary>
    public static IReadOnlyList<AnalyzedToken> Tokens(Analyzer analyzer, string? text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var tokens = new List<AnalyzedToken>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            var kind = type.Type switch
            {
                VietnameseTokenizer.CompoundType => SearchTokenKind.Compound,
                VietnameseTokenizer.PartType => SearchTokenKind.Part,
                _ => SearchTokenKind.Word,
            };
            tokens.Add(new AnalyzedToken(term.ToString(), increment.PositionIncrement, position, kind, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }
}
