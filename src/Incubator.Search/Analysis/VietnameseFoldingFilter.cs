using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Incubator.Search.Analysis;

/// <summary>
/// Folds each term in its own buffer (<see cref="VietnameseFolding"/>): "đổi" → "doi", "hoà" and "hòa" → "hoa",
/// "ăn", "ân" → "an", "ơn" → "on", "ưu" → "uu".
/// </summary>
/// <remarks>
/// Lucene's <c>ASCIIFoldingFilter</c> does fold đ/Đ to d/D and the Vietnamese letters to their base, but it also
/// rewrites much that is not a diacritic: "æ" becomes "ae", "ß" "ss", "ﬁ" "fi", "²" "2", "①" "1", fullwidth letters
/// plain ones, and it leaves Greek and Cyrillic accents alone. The rest of the site folds with
/// <see cref="SearchText.Fold"/> (queries, snippets, suggestions), so the index folds exactly like it — one rule for
/// what "without accents" means — and a term never changes length except by losing marks.
/// </remarks>
internal sealed class VietnameseFoldingFilter : TokenFilter
{
    private readonly ICharTermAttribute termAttribute;

    public VietnameseFoldingFilter(TokenStream input)
        : base(input)
    {
        termAttribute = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var length = VietnameseFolding.FoldInPlace(termAttribute.Buffer.AsSpan(0, termAttribute.Length));
        if (length > 0)
        {
            termAttribute.Length = length;
        }
        else if (length < 0)
        {
            var folded = SearchText.Fold(termAttribute.ToString());
            if (folded.Length > 0)
            {
                termAttribute.SetEmpty().Append(folded);
            }
        }

        return true;
    }
}
