using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Incubator.Search.Analysis;

/// <summary>
/// Splits text into the words of the index, in NFC and lower case (invariant). A word is a run of letters, digits and
/// combining marks (<see cref="WordCharacters"/>); a combining mark with no letter or digit before it is no word.
/// </summary>
/// <remarks>
/// <para>
/// <b>NFC.</b> Each run is gathered whole before it is normalised, across as many reads of the input as it takes,
/// so a base letter and its combining mark that arrive in two reads still compose; a mark can only compose with the
/// letter before it, and a letter is always in the same run as the marks after it. Normalising runs rather than the
/// input (a CharFilter) keeps the offsets those of the text as given, which the snippets need, and costs nothing for
/// text that is already NFC (almost all of it: the site stores NFC).
/// </para>
/// <para>
/// <b>Compounds.</b> A joiner (<see cref="WordCharacters.IsJoiner"/>) between two word characters keeps the runs
/// together, so "KH&amp;CN", "4.0", "lienhe@sokhcn.gov.vn", "0101234567-001" and "62/KH-UBND" are found as typed.
/// Their parts are found too. Positions follow the parts, so that a compound takes as many positions as it has
/// parts and phrases read across it as across plain words:
/// </para>
/// <list type="bullet">
/// <item>each part takes a position of its own, as a plain word would ("kh" at p, "cn" at p + 1, the next word at
/// p + 2), so a phrase of plain words ("sở kh cn tỉnh", which is also what the site's query parser makes of
/// "Sở KH&amp;CN tỉnh") matches across the compound;</item>
/// <item>the whole compound stands at the position of its first part, after it ("kh", then "kh&amp;cn" at p, with
/// increment 0), so a phrase analysed the same way ("sở kh&amp;cn tỉnh") matches too, as long as the query keeps the
/// positions; and whoever takes the first token at each position reads the words the text holds;</item>
/// <item>runs joined only by "&amp;" are also indexed without it ("khcn", the other common spelling), at the same
/// position as the whole;</item>
/// <item>in an address, the local part and the domain are compounds of their own when they have several parts
/// ("sokhcn.gov.vn" at the position of "sokhcn"), so a domain typed alone is found as a term.</item>
/// </list>
/// <para>
/// A compound has at most <see cref="MaxParts"/> parts: a joiner after that many separates, so a run of dots and
/// digits cannot make one token list grow without bound. Every term is cut to <see cref="SearchText.MaxWordLength"/>
/// characters (never between the halves of a surrogate pair); a cut term is kept, not dropped, as the older splitter did.
/// </para>
/// </remarks>
internal sealed class VietnameseTokenizer : Tokenizer
{
    public const string WordType = "<WORD>";
    public const string CompoundType = "<COMPOUND>";
    public const string PartType = "<PART>";

    /// <summary>The most parts one compound holds.</summary>
    public const int MaxParts = 16;

    // A part's raw text beyond this is read and ignored: NFC shrinks text by at most a third (a Hangul syllable from
    // three jamo), so 256 raw characters always leave more than MaxWordLength after normalisation.
    private const int MaxRawPart = 256;
    private const int MaxWord = SearchText.MaxWordLength;

    // The whole, the "&"-less spelling, one per part and one per address segment.
    private const int MaxTokens = (2 * MaxParts) + 2;

    private readonly ICharTermAttribute termAttribute;
    private readonly IOffsetAttribute offsetAttribute;
    private readonly IPositionIncrementAttribute positionAttribute;
    private readonly ITypeAttribute typeAttribute;

    // The input, read a buffer at a time; inputBase is the offset of input[0] in the text.
    private readonly char[] input = new char[4096];
    private int inputLength;
    private int inputPosition;
    private int inputBase;
    private bool inputEnded;

    // One code point read ahead (after a joiner) and given back.
    private int pushedCodePoint = -1;
    private int pushedOffset;
    private int pushedLength;

    // The compound being read: part i's raw text is raw[i * MaxRawPart ..][.. rawLength[i]].
    private readonly char[] raw = new char[MaxParts * MaxRawPart];
    private readonly int[] rawLength = new int[MaxParts];
    private readonly int[] partStartOffset = new int[MaxParts];
    private readonly int[] partEndOffset = new int[MaxParts];
    private readonly char[] joiners = new char[MaxParts];
    private int partCount;

    // The normalised terms, laid end to end.
    private readonly char[] normalised = new char[3 * MaxRawPart];
    private readonly char[] text = new char[(MaxTokens + MaxParts) * MaxWord];
    private readonly int[] partTextStart = new int[MaxParts];
    private readonly int[] partTextLength = new int[MaxParts];
    private int textLength;

    // The tokens of the compound, handed out one per IncrementToken.
    private readonly int[] tokenStart = new int[MaxTokens];
    private readonly int[] tokenLength = new int[MaxTokens];
    private readonly int[] tokenIncrement = new int[MaxTokens];
    private readonly int[] tokenStartOffset = new int[MaxTokens];
    private readonly int[] tokenEndOffset = new int[MaxTokens];
    private readonly string[] tokenType = new string[MaxTokens];
    private int tokenCount;
    private int tokenNext;
    private int positionFirstToken;

    public VietnameseTokenizer(TextReader reader)
        : base(reader)
    {
        termAttribute = AddAttribute<ICharTermAttribute>();
        offsetAttribute = AddAttribute<IOffsetAttribute>();
        positionAttribute = AddAttribute<IPositionIncrementAttribute>();
        typeAttribute = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (tokenNext < tokenCount)
        {
            Emit(tokenNext++);
            return true;
        }

        while (true)
        {
            var codePoint = Read(out var offset, out var length);
            if (codePoint < 0)
            {
                return false;
            }

            if (WordCharacters.Classify(codePoint) != WordCharacters.Letter)
            {
                continue; // a separator, a joiner with no word before it, or a mark with no letter before it
            }

            ReadCompound(codePoint, offset, length);
            MakeTokens();
            if (tokenCount > 0)
            {
                Emit(tokenNext++);
                return true;
            }
        }
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(inputBase + inputLength);
        offsetAttribute.SetOffset(final, final);
    }

    public override void Reset()
    {
        base.Reset();
        inputLength = 0;
        inputPosition = 0;
        inputBase = 0;
        inputEnded = false;
        pushedCodePoint = -1;
        partCount = 0;
        tokenCount = 0;
        tokenNext = 0;
    }

    private void Emit(int token)
    {
        ClearAttributes();
        termAttribute.CopyBuffer(text, tokenStart[token], tokenLength[token]);
        offsetAttribute.SetOffset(CorrectOffset(tokenStartOffset[token]), CorrectOffset(tokenEndOffset[token]));
        positionAttribute.PositionIncrement = tokenIncrement[token];
        typeAttribute.Type = tokenType[token];
    }

    /// <summary>Reads runs and the joiners between them, starting with the letter or digit just read.</summary>
    private void ReadCompound(int codePoint, int offset, int length)
    {
        partCount = 0;
        StartPart(codePoint, offset, length);
        while (true)
        {
            codePoint = Read(out offset, out length);
            if (codePoint < 0)
            {
                return;
            }

            var kind = WordCharacters.Classify(codePoint);
            if (kind is WordCharacters.Letter or WordCharacters.Mark)
            {
                Append(codePoint, offset, length);
                continue;
            }

            if (kind == WordCharacters.Joiner && partCount < MaxParts)
            {
                var next = Read(out var nextOffset, out var nextLength);
                if (next >= 0 && WordCharacters.Classify(next) == WordCharacters.Letter)
                {
                    joiners[partCount] = (char)codePoint;
                    StartPart(next, nextOffset, nextLength);
                    continue;
                }

                if (next >= 0)
                {
                    pushedCodePoint = next;
                    pushedOffset = nextOffset;
                    pushedLength = nextLength;
                }
            }

            return; // a separator, or a joiner not followed by a word: either ends the compound
        }
    }

    private void StartPart(int codePoint, int offset, int length)
    {
        rawLength[partCount] = 0;
        partStartOffset[partCount] = offset;
        partCount++;
        Append(codePoint, offset, length);
    }

    private void Append(int codePoint, int offset, int length)
    {
        var part = partCount - 1;
        partEndOffset[part] = offset + length;
        var used = rawLength[part];
        if (used + length > MaxRawPart)
        {
            return; // read on to the end of the run, keeping only its start
        }

        var at = (part * MaxRawPart) + used;
        if (length == 1)
        {
            raw[at] = (char)codePoint;
        }
        else
        {
            var value = codePoint - 0x10000;
            raw[at] = (char)(0xD800 + (value >> 10));
            raw[at + 1] = (char)(0xDC00 + (value & 0x3FF));
        }

        rawLength[part] = used + length;
    }

    private void MakeTokens()
    {
        tokenCount = 0;
        tokenNext = 0;
        textLength = 0;
        for (var part = 0; part < partCount; part++)
        {
            NormalisePart(part);
        }

        if (partCount == 1)
        {
            AddToken(partTextStart[0], partTextLength[0], 1, WordType, 0, 0);
            return;
        }

        var onlyAmpersands = true;
        var hasAt = false;
        for (var part = 1; part < partCount; part++)
        {
            onlyAmpersands &= joiners[part] == '&';
            hasAt |= joiners[part] == '@';
        }

        // Each position starts with its part, then the compounds that start there: whoever takes the first token at
        // each position reads the words as the text has them.
        for (var part = 0; part < partCount; part++)
        {
            AddToken(partTextStart[part], partTextLength[part], 1, PartType, part, part);
            if (part == 0)
            {
                AddToken(AppendCompound(0, partCount, withJoiners: true, out var wholeLength), wholeLength, 0, CompoundType, 0, partCount - 1);
                if (onlyAmpersands)
                {
                    AddToken(AppendCompound(0, partCount, withJoiners: false, out var joinedLength), joinedLength, 0, CompoundType, 0, partCount - 1);
                }
            }

            if (hasAt && (part == 0 || joiners[part] == '@'))
            {
                var end = part + 1;
                while (end < partCount && joiners[end] != '@')
                {
                    end++;
                }

                if (end - part > 1)
                {
                    AddToken(AppendCompound(part, end, withJoiners: true, out var segmentLength), segmentLength, 0, CompoundType, part, end - 1);
                }
            }
        }
    }

    /// <summary>Writes parts [from, to) after the text so far, with or without their joiners, cut to the longest word.</summary>
    private int AppendCompound(int from, int to, bool withJoiners, out int length)
    {
        var start = textLength;
        var limit = start + MaxWord;
        for (var part = from; part < to && textLength < limit; part++)
        {
            if (part > from && withJoiners)
            {
                text[textLength++] = joiners[part];
            }

            var source = text.AsSpan(partTextStart[part], partTextLength[part]);
            var room = limit - textLength;
            var take = CutLength(source, room);
            source[..take].CopyTo(text.AsSpan(textLength));
            textLength += take;
        }

        // A joiner composes with nothing, but two parts put side by side might: a Hangul leading consonant and the
        // vowel that starts the next part become one syllable in NFC.
        var joined = text.AsSpan(start, textLength - start);
        if (!withJoiners
            && !NfcCheck.IsNfc(joined)
            && joined.TryNormalize(normalised, out var written, NormalizationForm.FormC))
        {
            var take = CutLength(normalised.AsSpan(0, written), MaxWord);
            normalised.AsSpan(0, take).CopyTo(text.AsSpan(start));
            textLength = start + take;
        }

        length = textLength - start;
        return start;
    }

    /// <summary>Adds a token, unless it repeats a token already at the same position (a compound cut to its first part).</summary>
    private void AddToken(int start, int length, int increment, string type, int firstPart, int lastPart)
    {
        if (increment == 0)
        {
            var term = text.AsSpan(start, length);
            for (var token = positionFirstToken; token < tokenCount; token++)
            {
                if (term.SequenceEqual(text.AsSpan(tokenStart[token], tokenLength[token])))
                {
                    return;
                }
            }
        }
        else
        {
            positionFirstToken = tokenCount;
        }

        tokenStart[tokenCount] = start;
        tokenLength[tokenCount] = length;
        tokenIncrement[tokenCount] = increment;
        tokenType[tokenCount] = type;
        tokenStartOffset[tokenCount] = partStartOffset[firstPart];
        tokenEndOffset[tokenCount] = partEndOffset[lastPart];
        tokenCount++;
    }

    /// <summary>NFC, cut to the longest word, lower case (invariant): one part's term, written after the text so far.</summary>
    private void NormalisePart(int part)
    {
        ReadOnlySpan<char> source = raw.AsSpan(part * MaxRawPart, rawLength[part]);

        if (!NfcCheck.IsNfc(source)
            && source.TryNormalize(normalised, out var written, NormalizationForm.FormC))
        {
            source = normalised.AsSpan(0, written);
        }

        source = source[..CutLength(source, MaxWord)];
        WordCharacters.ToLower(source, text.AsSpan(textLength, source.Length));
        partTextStart[part] = textLength;
        partTextLength[part] = source.Length;
        textLength += source.Length;
    }

    /// <summary>How much of <paramref name="source"/> fits in <paramref name="room"/> characters without splitting a surrogate pair.</summary>
    private static int CutLength(ReadOnlySpan<char> source, int room)
    {
        if (source.Length <= room)
        {
            return source.Length;
        }

        return room > 0 && char.IsHighSurrogate(source[room - 1]) ? room - 1 : Math.Max(room, 0);
    }

    /// <summary>
    /// The next code point of the input and where it starts (-1 at the end). A surrogate pair split between two reads
    /// is joined; a lone surrogate half comes back as its code unit, which is a separator.
    /// </summary>
    private int Read(out int offset, out int length)
    {
        if (pushedCodePoint >= 0)
        {
            var pushed = pushedCodePoint;
            pushedCodePoint = -1;
            offset = pushedOffset;
            length = pushedLength;
            return pushed;
        }

        if (!Fill())
        {
            offset = inputBase + inputPosition;
            length = 0;
            return -1;
        }

        offset = inputBase + inputPosition;
        var c = input[inputPosition++];
        if (char.IsHighSurrogate(c) && Fill() && char.IsLowSurrogate(input[inputPosition]))
        {
            length = 2;
            return char.ConvertToUtf32(c, input[inputPosition++]);
        }

        length = 1;
        return c;
    }

    /// <summary>Whether a character is left to read, reading the next buffer when this one is used up.</summary>
    private bool Fill()
    {
        if (inputPosition < inputLength)
        {
            return true;
        }

        if (inputEnded)
        {
            return false;
        }

        inputBase += inputLength;
        inputPosition = 0;
        inputLength = 0;
        var read = m_input.Read(input, 0, input.Length);
        if (read <= 0)
        {
            inputEnded = true;
            return false;
        }

        inputLength = read;
        return true;
    }
}
