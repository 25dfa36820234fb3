using System.Globalization;
using Incubator.Web.Features.Programmes;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// The council's verdict in words, for the decision page, the applicant's history and the rejection e-mail: a failing
/// application is told why ("Không đạt: điểm trung bình 64,33 &lt; 70", or the criterion too many reviewers scored 0).
/// Numbers are written the way the localizer's culture writes them.
/// </summary>
internal static class ConsolidationWords
{
    /// <summary>The verdict on the decision page, passing or not.</summary>
    public static string Verdict(IStringLocalizer localizer, ConsolidationResult result, Rubric rubric, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ConsolidationOutcome.Passed => localizer["Passed: mean score {0} ≥ {1}.", Mean(result, culture), PassMark(rubric, culture)],
            ConsolidationOutcome.NoSheets => localizer["No score sheet is in yet."],
            _ => Reason(localizer, result, rubric, culture)!,
        };
    }

    /// <summary>Why the application did not pass, or null when it passed (or nothing was scored).</summary>
    public static string? Reason(IStringLocalizer localizer, ConsolidationResult result, Rubric rubric, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(culture);
        switch (result.Outcome)
        {
            case ConsolidationOutcome.BelowPassMark:
                return localizer["Not passed: mean score {0} < {1}", Mean(result, culture), PassMark(rubric, culture)];
            case ConsolidationOutcome.ZeroVeto:
                var criterion = rubric.Criteria.FirstOrDefault(c => c.Key == result.FailedCriterion);
                var share = (rubric.EffectiveRules.ZeroVetoShare ?? 0) * 100;
                return localizer["Not passed: more than {0}% of the reviewers gave 0 points on “{1}”", share.ToString("0.##", culture), criterion?.Label.For(culture) ?? result.FailedCriterion ?? string.Empty];
            case ConsolidationOutcome.AllSetAside:
                return localizer["No verdict: the outlier rule set every sheet aside, so the council has to score again."];
            default:
                return null;
        }
    }

    private static string Mean(ConsolidationResult result, CultureInfo culture) => result.DisplayMean is { } mean ? mean.ToString("0.00", culture) : "—";

    private static string PassMark(Rubric rubric, CultureInfo culture) => rubric.PassMark.ToString("0.##", culture);
}
