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
        // A syllable ends at the end of the term or before ASCII punctuation (a joiner inside a compound, a space in
        // a text); a toned vowel can only be at the end of a syllable, so nothing else is looked at.
        var changed = false;
        for (var end = 2; end <= term.Length; end++)
        {
            if (end == term.Length || (term[end] < 0x80 && !char.IsAsciiLetterOrDigit(term[end])))
            {
                changed |= MoveTone(term, end - 2);
            }
        }

        return changed;
    }

    private static bool MoveTone(Span<char> term, int i)
    {
        var first = term[i];
        if (first < '\u00E0')
        {
            return false; // no toned vowel below à
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
            return false;
        }

        if (second.Length == 0 || (i > 0 && IsVowel(term[i - 1])))
        {
            return false;
        }

        term[i] = ToneO.Contains(first) ? 'o' : 'u';
        term[i + 1] = second[tone];
        return true;
    }

    /// <summary>Whether a letter is a vowel, with or without its marks ("ư", "ở", "y").</summary>
    private static bool IsVowel(char c)
    {
        Span<char> one = [c];
        return VietnameseFolding.FoldInPlace(one) == 1 && "aeiouy".Contains(one[0]);
    }
}
