using System.Globalization;

namespace Incubator.Search.Analysis;

/// <summary>
/// Puts the tone mark of a word-final "oa", "oe" or "uy" on the second vowel: "hòa" → "hoà", "thúy" → "thuý",
/// "khỏe" → "khoẻ". Vietnamese writes these syllables both ways (the older placement on the first vowel, the newer
/// one on the second); both are right and people search with either, so the exact terms agree on one and a query
/// with the right tone ranks the same whichever placement a document uses. With a final consonant ("hoàng",
/// "thuyết") both placements agree already, so only the end of a word (or of a part before a joiner) changes.
/// Works on lower-case NFC text, in place: the length never changes.
/// </summary>
internal static class TonePlacement
{
    // The five tones (huyền, sắc, hỏi, ngã, nặng) of each vowel concerned, in the same order.
    private const string ToneO = "òóỏõọ";
    private const string ToneA = "àáảãạ";
    private const string ToneE = "èéẻẽẹ";
    private const string ToneU = "ùúủũụ";
    private const string ToneY = "ỳýỷỹỵ";

    /// <summary>Moves the tones in <paramref name="term"/>; whether anything moved.</summary>
    public static bool Normalise(Span<char> term)
    {
        var changed = false;
        for (var i = 0; i + 1 < term.Length; i++)
        {
            var first = term[i];
            if (first < '\u00E0')
            {
                continue; // no toned vowel below à: the common case leaves at once
            }

            int tone;
            string second;
            if ((tone = ToneO.IndexOf(first)) >= 0)
            {
                second = term[i + 1] switch
                {
                    'a' => ToneA,
                    'e' => ToneE,
                    _ => string.Empty,
                };
            }
            else if ((tone = ToneU.IndexOf(first)) >= 0)
            {
                second = term[i + 1] == 'y' ? ToneY : string.Empty;
            }
            else
            {
                continue;
            }

            if (second.Length == 0
                || (i + 2 < term.Length && IsLetterOrMark(term[i + 2]))
                || (i > 0 && IsVowel(term[i - 1])))
            {
                continue;
            }

            term[i] = ToneO.Contains(first) ? 'o' : 'u';
            term[i + 1] = second[tone];
            changed = true;
        }

        return changed;
    }

    private static bool IsLetterOrMark(char c) => char.IsLetter(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Whether a letter is a vowel, with or without its marks ("ư", "ở", "y").</summary>
    private static bool IsVowel(char c)
    {
        Span<char> one = [c];
        return VietnameseFolding.FoldInPlace(one) == 1 && "aeiouy".Contains(one[0]);
    }
}
