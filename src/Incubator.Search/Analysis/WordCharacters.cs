using System.Globalization;
using System.Text;

namespace Incubator.Search.Analysis;

/// <summary>
/// What each character is to the tokenizer: part of a word (a letter or digit that may start one), a combining mark
/// (part of a word only after a letter or digit), a joiner (kept inside a token only between word characters), or a
/// separator. The rule for words is <see cref="SearchText.IsWordRune"/>, so the index and the older word splitter agree
/// on what a word is; the classes of the basic plane are looked up once into a table because the tokenizer asks for
/// every character of every document.
/// </summary>
internal static class WordCharacters
{
    public const byte Separator = 0;
    public const byte Letter = 1;
    public const byte Mark = 2;
    public const byte Joiner = 3;

    private static readonly byte[] Classes = Build();

    // char.ToLowerInvariant of every character of the basic plane: outside ASCII it is a call into the globalisation
    // library per character, and every Vietnamese word has such letters.
    private static readonly char[] Lower = BuildLower();

    /// <summary>The class of a code point; a lone surrogate half (given as its code unit) is a separator.</summary>
    public static byte Classify(int codePoint) => codePoint < Classes.Length
        ? Classes[codePoint]
        : codePoint <= 0x10FFFF ? ClassOf(new Rune(codePoint)) : Separator;

    /// <summary>
    /// The joiners: "&amp;" (KH&amp;CN), "." (4.0, so.gov.vn), "-" and the Unicode hyphens (0101234567-001, e-mail),
    /// "@" (addresses), "_" (user names) and "/" (document numbers such as 62/KH-UBND, dates).
    /// </summary>
    public static bool IsJoiner(int codePoint) => codePoint is '&' or '.' or '-' or '@' or '_' or '/' or '\u2010' or '\u2011';

    /// <summary>
    /// Lower-cases <paramref name="source"/> into <paramref name="destination"/> (as long) the way
    /// <see cref="char.ToLowerInvariant"/> does; a surrogate pair is lower-cased as one code point.
    /// </summary>
    public static void ToLower(ReadOnlySpan<char> source, Span<char> destination)
    {
        var lower = Lower;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (char.IsSurrogate(c))
            {
                source[i..].ToLowerInvariant(destination[i..]);
                return;
            }

            destination[i] = lower[c];
        }
    }

    private static char[] BuildLower()
    {
        var lower = new char[0x10000];
        for (var c = 0; c < lower.Length; c++)
        {
            lower[c] = char.ToLowerInvariant((char)c);
        }

        return lower;
    }

    private static byte[] Build()
    {
        var classes = new byte[0x10000];
        for (var c = 0; c < classes.Length; c++)
        {
            classes[c] = c is >= 0xD800 and <= 0xDFFF ? Separator : ClassOf(new Rune(c));
        }

        return classes;
    }

    private static byte ClassOf(Rune rune)
    {
        if (IsJoiner(rune.Value))
        {
            return Joiner;
        }

        if (!SearchText.IsWordRune(rune))
        {
            return Separator;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            ? Mark
            : Letter;
    }
}
