using System.Globalization;
using System.Text;

namespace Incubator.Search.Analysis;

/// <summary>
/// Tells quickly whether a run is already NFC. Nearly every run is (the site stores NFC, and Vietnamese letters are
/// precomposed characters that NFC leaves alone), so a table says for each character of the basic plane whether it
/// can neither change under NFC nor compose with the character before it; only a run holding another character
/// (a combining mark, a Hangul vowel or final consonant, a surrogate, a singleton such as the Ohm sign) is asked of
/// the full normalisation check.
/// </summary>
internal static class NfcCheck
{
    private static readonly bool[] Stable = Build();

    /// <summary>Whether <paramref name="run"/> is in NFC.</summary>
    public static bool IsNfc(ReadOnlySpan<char> run)
    {
        var stable = Stable;
        foreach (var c in run)
        {
            if (!stable[c])
            {
                return run.IsNormalized(NormalizationForm.FormC);
            }
        }

        return true;
    }

    /// <summary>Whether a character is one the table lets through without the full check.</summary>
    internal static bool IsStable(char c) => Stable[c];

    private static bool[] Build()
    {
        var stable = new bool[0x10000];
        for (var code = 0; code < stable.Length; code++)
        {
            var c = (char)code;
            stable[code] = code < 0x300 || (!char.IsSurrogate(c)
                && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.OtherNotAssigned)
                && code is not (>= 0x1160 and <= 0x11FF) // Hangul vowels and final consonants compose with what precedes
                && IsNfcAlone(c));
        }

        return stable;
    }

    private static bool IsNfcAlone(char c)
    {
        try
        {
            return c.ToString().IsNormalized(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
