using System.Globalization;
using System.Text;

namespace Incubator.Search.Analysis;

/// <summary>
/// Folds an exact term the way <see cref="SearchText.Fold"/> does (tone marks and every other diacritic removed,
/// đ/Đ → d, lower case), in place and without allocating: each character of the basic plane is looked up in a table
/// built once from its canonical decomposition. "ă", "â" fold to "a", "ơ" to "o", "ư" to "u", "ê" to "e", and
/// since the tone mark goes, old and new tone placement ("hoà", "hòa") fold alike.
/// </summary>
/// <remarks>
/// A character whose folding the table cannot say alone sends the whole term to <see cref="SearchText.Fold"/>:
/// surrogate pairs, spacing marks and Hangul jamo (which can compose with what follows once a mark between them is
/// gone), and characters that decompose into more than one letter. None of them is Vietnamese.
/// </remarks>
internal static class VietnameseFolding
{
    private const char Drop = '\uFFFF';
    private const char Complex = '\uFFFE';

    private static readonly char[] Table = Build();

    /// <summary>
    /// Folds <paramref name="term"/> in place and gives its new length, or -1 (the term untouched) if it needs
    /// <see cref="SearchText.Fold"/>.
    /// </summary>
    public static int FoldInPlace(Span<char> term)
    {
        var table = Table;
        foreach (var c in term)
        {
            if (table[c] == Complex)
            {
                return -1; // before anything is written, so the term is still whole for the slow path
            }
        }

        var written = 0;
        foreach (var c in term)
        {
            var folded = table[c];
            if (folded != Drop)
            {
                term[written++] = folded;
            }
        }

        return written;
    }

    /// <summary>The folded form of an exact term, by the table where it can.</summary>
    public static string Fold(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var buffer = term.ToCharArray();
        var length = FoldInPlace(buffer);
        return length < 0 ? SearchText.Fold(term) : new string(buffer, 0, length);
    }

    private static char[] Build()
    {
        var table = new char[0x10000];
        Span<char> one = stackalloc char[1];
        for (var code = 0; code < table.Length; code++)
        {
            var c = (char)code;
            table[code] = c switch
            {
                'đ' or 'Đ' => 'd',
                Drop or Complex => Complex,
                _ when char.IsSurrogate(c) => Complex,
                _ when c is >= '\u1100' and <= '\u11FF' => Complex,
                _ => FoldOne(c, one),
            };
        }

        return table;
    }

    private static char FoldOne(char c, Span<char> one)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.NonSpacingMark:
                return Drop;
            case UnicodeCategory.SpacingCombiningMark:
                return Complex;
        }

        if (c < 0x80)
        {
            return char.ToLowerInvariant(c);
        }

        // Unassigned and private-use characters have no decomposition; Normalize refuses some of them.
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
        {
            return c;
        }

        one[0] = c;
        string decomposed;
        try
        {
            decomposed = new string(one).Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return Complex;
        }

        var kept = Complex;
        var count = 0;
        foreach (var d in decomposed)
        {
            var kind = CharUnicodeInfo.GetUnicodeCategory(d);
            if (kind == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (kind == UnicodeCategory.SpacingCombiningMark || char.IsSurrogate(d) || ++count > 1)
            {
                return Complex;
            }

            kept = d is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(d);
        }

        return count == 0 ? Drop : kept;
    }
}
