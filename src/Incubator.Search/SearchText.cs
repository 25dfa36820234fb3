using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Incubator.Core.Text;

namespace Incubator.Search;

/// <summary>
/// Splits text into the words the index holds. A word is a run of letters, digits and combining marks; everything
/// else separates words. Each word is kept twice: in its exact form (NFC, lower case) and folded (no diacritics,
/// đ → d), so that a query typed with or without accents finds it and one typed with the right accents ranks first.
/// The engines never tokenise by themselves: they receive these words joined by spaces.
/// </summary>
public static class SearchText
{
    /// <summary>The longest word kept; longer runs (a pasted hash, a base64 blob) are cut, not dropped.</summary>
    public const int MaxWordLength = 64;

    // Folding normalises twice per word; a site's vocabulary is small and repeats, so each word is folded once. The
    // cache stops growing at a bound, so text full of distinct words (hashes, codes) cannot make it a leak.
    private const int MaxCachedFolds = 200_000;
    private static readonly ConcurrentDictionary<string, string> Folds = new(StringComparer.Ordinal);

    /// <summary>The words of <paramref name="text"/> in their exact form: NFC, lower case.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var nfc = VietnameseText.ToNfc(WellFormedText.Of(text));
        var current = new StringBuilder();
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in nfc.EnumerateRunes())
        {
            // A combining mark belongs to the letter before it; alone it is no word (and would fold to an empty
            // lexeme, which PostgreSQL refuses in a tsquery).
            if (IsWordRune(rune) && !(current.Length == 0 && IsMark(rune)))
            {
                if (current.Length < MaxWordLength)
                {
                    var length = Rune.ToLowerInvariant(rune).EncodeToUtf16(utf16);
                    current.Append(utf16[..length]);
                }
            }
            else if (current.Length > 0)
            {
                words.Add(Finish(current));
            }
        }

        if (current.Length > 0)
        {
            words.Add(Finish(current));
        }

        return words;
    }

    /// <summary>The folded form of one exact word: "đổi" → "doi".</summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Ascii.IsValid(word) && !word.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return word; // nothing to fold: the common case for half of what people type
        }

        if (Folds.TryGetValue(word, out var folded))
        {
            return folded;
        }

        folded = VietnameseText.Fold(word).Normalize(NormalizationForm.FormC);
        if (Folds.Count < MaxCachedFolds)
        {
            Folds.TryAdd(word, folded);
        }

        return folded;
    }

    /// <summary>Whether the word carries anything folding removes (accents, đ).</summary>
    public static bool HasDiacritics(string word) => !string.Equals(Fold(word), word, StringComparison.Ordinal);

    /// <summary>The exact words of a text joined by spaces, as the engines store them.</summary>
    public static string ExactLine(IEnumerable<string> words) => string.Join(' ', words);

    /// <summary>The folded words of a text joined by spaces, as the engines store them.</summary>
    public static string FoldedLine(IEnumerable<string> words) => string.Join(' ', words.Select(Fold));

    private static string Finish(StringBuilder current)
    {
        var word = current.ToString();
        if (!word.IsNormalized(NormalizationForm.FormC))
        {
            word = word.Normalize(NormalizationForm.FormC);
        }

        current.Clear();
        return word;
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    internal static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };
}
