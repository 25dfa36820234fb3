namespace Incubator.Search.Analysis;

/// <summary>What a token of the Vietnamese tokenizer stands for.</summary>
public enum SearchTokenKind
{
    /// <summary>A plain word: a run of letters, digits and combining marks.</summary>
    Word,

    /// <summary>
    /// Words joined as typed ("kh&amp;cn", "4.0", "lienhe@sokhcn.gov.vn", "0101234567-001"), or a part of such a
    /// run that is itself a compound (the domain of an address), or the joined words without their joiner
    /// ("khcn" beside "kh&amp;cn"). It stands at the position of its first part, after that part.
    /// </summary>
    Compound,

    /// <summary>One word of a compound, at its own position: the parts of a compound follow each other like words.</summary>
    Part,
}
