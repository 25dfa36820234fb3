namespace Incubator.Search.Analysis;

/// <summary>One token an analyzer made of a text, as the query side needs it.</summary>
/// <param name="Term">The term as the index holds it.</param>
/// <param name="PositionIncrement">
/// How many positions after the previous token it stands: 1 for the next word, 0 for a token at the same position
/// as the previous one (a compound after its first part).
/// </param>
/// <param name="Position">Its position counted from 0 (the sum of the increments so far, minus one).</param>
/// <param name="Kind">A plain word, a compound, or one part of a compound.</param>
/// <param name="StartOffset">Where it starts in the text given to the analyzer, in UTF-16 code units.</param>
/// <param name="EndOffset">Where it ends in the text given to the analyzer.</param>
public readonly record struct AnalyzedToken(string Term, int PositionIncrement, int Position, SearchTokenKind Kind, int StartOffset, int EndOffset);
