using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// What a leader reads before deciding an application: every reviewer's points per criterion (sheets set aside marked,
/// with the mean of all counted sheets they were measured against), the mean per criterion of the sheets kept, the
/// council's verdict, the application's place in the programme's ranking, and the money: requested amount, the
/// programme's cap, budget, committed and remaining amounts.
/// </summary>
internal sealed record DecisionEvidence(
    Rubric? Rubric,
    IReadOnlyList<EvidenceSheet> Sheets,
    ConsolidationResult? Consolidation,
    IReadOnlyDictionary<string, decimal> CriterionMeans,
    decimal? MeanOfCounted,
    int? Place,
    int Ranked,
    long? Requested,
    long Cap,
    long Budget,
    long Committed,
    long Remaining)
{
    /// <summary>The outlier rule's share as a percentage (20 for 0.2), or null when the programme keeps every sheet.</summary>
    public decimal? OutlierPercent => Rubric?.EffectiveRules.OutlierShare is { } share ? share * 100 : null;
}
