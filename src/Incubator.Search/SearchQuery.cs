using Incubator.Core.Text;

namespace Incubator.Search;

/// <summary>One thing a query asks for or excludes: a word or a quoted phrase, in exact (NFC, lower-case) words.</summary>
/// <param name="Words">One word, or the words of a phrase in order.</param>
/// <param name="Prefix">Whether the last word matches as a prefix (the word someone is still typing).</param>
public sealed record QueryTerm(IReadOnlyList<string> Words, bool Prefix)
{
    /// <summary>The same words folded.</summary>
    public IReadOnlyList<string> FoldedWords { get; } = [.. Words.Select(SearchText.Fold)];
}

/// <summary>
/// A query as the engines receive it: what visitors typed, parsed into words, "quoted phrases" and -exclusions.
/// Nothing of the raw text survives but words (letters, digits, marks), so quotes, brackets, operators, column
/// names like <c>title:x</c> and any length of input become plain words and can never reach MATCH or to_tsquery
/// as syntax.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Input beyond this many characters is ignored.</summary>
    public const int MaxInputLength = 1000;

    /// <summary>At most this many terms (words or phrases) are searched for.</summary>
    public const int MaxTerms = 16;

    /// <summary>A phrase longer than this is cut to its first words.</summary>
    public const int MaxPhraseWords = 10;

    /// <summary>The last word is matched as a prefix only from this many letters, so "a" does not expand to half the index.</summary>
    public const int MinPrefixLength = 2;

    private SearchQuery(IReadOnlyList<QueryTerm> required, IReadOnlyList<QueryTerm> excluded)
    {
        Required = required;
        Excluded = excluded;
    }

    public static SearchQuery Empty { get; } = new([], []);

    /// <summary>Every result contains all of these (folded).</summary>
    public IReadOnlyList<QueryTerm> Required { get; }

    /// <summary>No result contains any of these (folded).</summary>
    public IReadOnlyList<QueryTerm> Excluded { get; }

    /// <summary>Nothing to search for: list everything in scope instead.</summary>
    public bool IsEmpty => Required.Count == 0 && Excluded.Count == 0;

    /// <summary>Whether the exact (accented) form could rank some results above others.</summary>
    public bool HasRequired => Required.Count > 0;

    /// <summary>
    /// Parses what someone typed. A word preceded by "-" (at the start or after a space) is excluded; text between
    /// double quotes is a phrase (an unclosed quote runs to the end); everything else that is not a letter or digit
    /// separates words. With <paramref name="prefixLastWord"/>, the last required word matches as a prefix unless
    /// the input ends with a space or a closing quote.
    /// </summary>
    public static SearchQuery Parse(string? input, bool prefixLastWord = true)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Empty;
        }

        var text = VietnameseText.ToNfc(WellFormedText.Of(input.Length > MaxInputLength ? input[..MaxInputLength] : input));
        var required = new List<QueryTerm>();
        var excluded = new List<QueryTerm>();
        var lastRequiredIsOpenWord = false;
        var i = 0;
        while (i < text.Length && required.Count + excluded.Count < MaxTerms)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var negated = false;
            if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
                c = text[i];
            }

            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var inner = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                var words = SearchText.Words(inner);
                if (words.Count > 0)
                {
                    var term = new QueryTerm([.. words.Take(MaxPhraseWords)], Prefix: false);
                    (negated ? excluded : required).Add(term);
                    lastRequiredIsOpenWord = false;
                }

                continue;
            }

            // A run up to the next space or quote: it may hold several words ("title:x", "e-commerce", "(a|b)").
            var stop = i;
            while (stop < text.Length && !char.IsWhiteSpace(text[stop]) && text[stop] != '"')
            {
                stop++;
            }

            foreach (var word in SearchText.Words(text[i..stop]))
            {
                if (required.Count + excluded.Count >= MaxTerms)
                {
                    break;
                }

                (negated ? excluded : required).Add(new QueryTerm([word], Prefix: false));
                lastRequiredIsOpenWord = !negated;
            }

            i = stop;
        }

        var endsOpen = text.Length > 0 && !char.IsWhiteSpace(text[^1]) && text[^1] != '"';
        if (prefixLastWord && endsOpen && lastRequiredIsOpenWord && required.Count > 0)
        {
            var last = required[^1];
            if (last.Words.Count == 1 && last.FoldedWords[0].Length >= MinPrefixLength)
            {
                required[^1] = last with { Prefix = true };
            }
        }

        return new SearchQuery(required, excluded);
    }

}
