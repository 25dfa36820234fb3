using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Incubator.Search.Analysis;

/// <summary>
/// The analyzers of the index, one per kind of field: <see cref="Folded"/> finds a word typed with or without its
/// tone marks, <see cref="Exact"/> keeps the accented form so that a query with the right accents ranks first. The
/// index and the query builder take their analyzers from here and nowhere else, so the words a query looks for are
/// always the words the index holds. <see cref="Version"/> changes whenever what they produce changes: an index built
/// by another version is rebuilt.
/// </summary>
public static class SearchAnalyzers
{
    /// <summary>The Lucene version whose behaviour the analyzers ask for.</summary>
    public const LuceneVersion Lucene = LuceneVersion.LUCENE_48;

    /// <summary>Changes with every change to what the analyzers produce; an index written by another is rebuilt.</summary>
    public const int Version = 1;

    /// <summary>
    /// NFC, lower case, tone marks and đ folded: "Đổi mới" gives "doi", "moi". Placeholder until the Vietnamese
    /// analyzer lands; the signature is the contract.
    /// </summary>
    public static Analyzer Folded() => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Lucene, reader);
        TokenStream stream = new LowerCaseFilter(Lucene, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>NFC and lower case, the accents kept: "Đổi mới" gives "đổi", "mới".</summary>
    public static Analyzer Exact() => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Lucene, reader);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Lucene, tokenizer));
    });
}
