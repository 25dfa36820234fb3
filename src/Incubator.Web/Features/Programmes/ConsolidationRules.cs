namespace Incubator.Web.Features.Programmes;

/// <summary>
/// How score sheets are consolidated, each rule switchable per programme. The defaults follow the council rules for
/// provincial S&amp;T tasks (Circular 20/2023/TT-BKHCN): totals on a 100-point scale; a sheet whose total is more than
/// 20% away from the mean of all sheets is set aside; an application fails when more than a quarter of its reviewers
/// gave 0 on any one criterion; ties among passing applications go to the smaller requested amount.
/// </summary>
/// <param name="OutlierShare">A sheet is set aside when |total − mean| &gt; share × mean; null keeps every sheet.</param>
/// <param name="ZeroVetoShare">The application fails when, on any criterion, more than this share of sheets gave 0; null turns the rule off.</param>
/// <param name="TieBreakBySmallerAmount">Among equal means, the smaller requested amount ranks first.</param>
/// <param name="HundredPointScale">
/// Reviewers score on the council's 100-point scale as the criteria stand, so the criteria's maximum points must add
/// up to 100; off, totals are still scaled to 100 for consolidation.
/// </param>
internal sealed record ConsolidationRules(decimal? OutlierShare, decimal? ZeroVetoShare, bool TieBreakBySmallerAmount, bool HundredPointScale = false)
{
    public static ConsolidationRules Default { get; } = new(0.2m, 0.25m, TieBreakBySmallerAmount: true);
}
