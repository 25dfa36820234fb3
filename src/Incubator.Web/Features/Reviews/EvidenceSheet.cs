namespace Incubator.Web.Features.Reviews;

/// <summary>
/// One reviewer's sheet as the leader reads it before deciding: the points per criterion, the total and whether the
/// council's rules set it aside. <see cref="Points"/> is null while the sheet is not in; <see cref="Result"/> is null
/// when the sheet is not counted (not in yet, or scored against an earlier rubric).
/// </summary>
internal sealed record EvidenceSheet(string Reviewer, IReadOnlyDictionary<string, int>? Points, SheetResult? Result, string? Comment)
{
    public bool Submitted => Points is not null;
}
