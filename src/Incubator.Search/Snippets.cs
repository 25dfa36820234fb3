using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Text;

namespace Incubator.Search;

/// <summary>
/// Cuts a passage of a document around the words a query matched and marks them. Everything is HTML-encoded; the
/// only markup in the result is <c>&lt;mark&gt;</c> around matched words. Matching is folded, so "doi moi" marks
/// "Đổi mới" in the original, accented text.
/// </summary>
public static class Snippets
{
    /// <summary>How many words a snippet shows.</summary>
    public const int DefaultWords = 32;

    // Vietnamese letters stay letters; only what HTML gives meaning to is encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Build(string? text, SearchQuery query, int words = DefaultWords)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var nfc = VietnameseText.ToNfc(WellFormedText.Of(text));
        var spans = WordSpans(nfc);
        if (spans.Count == 0)
        {
            return Html.Encode(Shorten(nfc, 200));
        }

        // Only the words up to the first match and those of the passage shown are folded and compared: a long body
        // costs its word boundaries, not a fold of every word.
        var first = -1;
        for (var i = 0; i < spans.Count && first < 0; i++)
        {
            first = Matched(nfc, spans[i], query) ? i : -1;
        }

        var start = first < 0 ? 0 : Math.Max(0, first - (words / 4));
        var end = Math.Min(spans.Count, start + words);
        start = Math.Max(0, Math.Min(start, end - words));
        var matched = new bool[end - start];
        for (var i = start; i < end; i++)
        {
            matched[i - start] = i == first || (i > first && first >= 0 && Matched(nfc, spans[i], query));
        }

        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("… ");
        }

        var from = spans[start].Start;
        for (var i = start; i < end; i++)
        {
            html.Append(Html.Encode(nfc[from..spans[i].Start]));
            var word = Html.Encode(nfc.Substring(spans[i].Start, spans[i].Length));
            html.Append(matched[i - start] ? $"<mark>{word}</mark>" : word);
            from = spans[i].Start + spans[i].Length;
        }

        if (end < spans.Count)
        {
            html.Append(" …");
        }
        else
        {
            html.Append(Html.Encode(nfc[from..]));
        }

        return html.ToString().Trim();
    }

    private static bool Matched(string text, (int Start, int Length) span, SearchQuery query)
    {
        var folded = SearchText.Fold(text.Substring(span.Start, span.Length).ToLowerInvariant());
        foreach (var term in query.Required)
        {
            if (Matches(term, folded))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(QueryTerm term, string foldedWord)
    {
        foreach (var w in term.FoldedWords)
        {
            if (string.Equals(w, foldedWord, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return term.Prefix && foldedWord.StartsWith(term.FoldedWords[^1], StringComparison.Ordinal);
    }

    private static List<(int Start, int Length)> WordSpans(string text)
    {
        var spans = new List<(int, int)>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var rune = Rune.GetRuneAt(text, i);
            var isWord = SearchText.IsWordRune(rune);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                spans.Add((start, i - start));
                start = -1;
            }

            i += rune.Utf16SequenceLength;
        }

        if (start >= 0)
        {
            spans.Add((start, text.Length - start));
        }

        return spans;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
