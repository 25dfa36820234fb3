using Lucene.Net.Analysis;

namespace Incubator.Search.Analysis;

/// <summary>
/// The Vietnamese tokenizer with its filters: exact terms (NFC, lower case, one tone placement) or folded ones (no
/// diacritics, đ → d). There is no stemming and no stop word: Vietnamese words are syllables that do not inflect,
/// and the most common ones ("của", "và", "các") must stay in phrases. Lucene keeps one set of components per thread
/// and field and reuses it for every document, so the buffers of the tokenizer are allocated once per thread.
/// </summary>
internal sealed class VietnameseAnalyzer(bool folded) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new VietnameseTokenizer(reader);
        TokenStream stream = folded ? new VietnameseFoldingFilter(tokenizer) : new TonePlacementFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
