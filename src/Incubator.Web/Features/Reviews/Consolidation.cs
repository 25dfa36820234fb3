using System.Globalization;
using Incubator.Web.Features.Programmes;

namespace Incubator.Web.Features.Reviews;

/// <summary>One reviewer's points, keyed by criterion key.</summary>
internal sealed record ScoreSheet(string ReviewerId, IReadOnlyDictionary<string, int> Points);

/// <summary>A sheet's total on the 100-point scale (exact) and whether the outlier rule set it aside.</summary>
internal sealed record SheetResult(string ReviewerId, decimal Total, bool SetAside)
{
    /// <summary>The total as the council's minutes show it: 2 decimals, halves away from zero.</summary>
    public decimal DisplayTotal => Consolidation.ForDisplay(Total);
}

/// <summary>Why an application passed or failed, in the order the rules are applied.</summary>
public enum ConsolidationOutcome
{
    Passed,
    BelowPassMark,

    /// <summary>Too many reviewers gave 0 on one criterion; see <see cref="ConsolidationResult.FailedCriterion"/>.</summary>
    ZeroVeto,

    /// <summary>The outlier rule set every sheet aside, so there is no mean to judge: the council has to score again.</summary>
    AllSetAside,

    NoSheets,
}

/// <summary>The council's consolidated verdict on one application.</summary>
/// <param name="Outcome">Why it passed or failed.</param>
/// <param name="Mean">The exact mean of the sheets kept; null when none is kept.</param>
/// <param name="Sheets">Every sheet, in the order given, set-aside ones included.</param>
/// <param name="FailedCriterion">With <see cref="ConsolidationOutcome.ZeroVeto"/>, the first vetoed criterion in rubric order.</param>
internal sealed record ConsolidationResult(
    ConsolidationOutcome Outcome, decimal? Mean, IReadOnlyList<SheetResult> Sheets, string? FailedCriterion = null)
{
    public bool Passed => Outcome == ConsolidationOutcome.Passed;

    /// <summary>The mean as the council's minutes show it: 2 decimals, halves away from zero.</summary>
    public decimal? DisplayMean => Mean is { } mean ? Consolidation.ForDisplay(mean) : null;
}

/// <summary>
/// The council rules for provincial S&amp;T tasks (Circular 20/2023/TT-BKHCN), as pure functions of a rubric and its
/// score sheets. Each rule is switched and tuned per programme through <see cref="ConsolidationRules"/>.
/// </summary>
/// <remarks>
/// <para>Arithmetic: every sheet scores every criterion, so all totals share the denominator Σ maxPoints. Totals and
/// means are therefore each computed as one correctly rounded decimal division of whole numbers
/// (100 × points ÷ (sheets × Σ maxPoints)), so equal means are equal decimals however many sheets produced them, and
/// the rules compare whole point sums by cross-multiplying, never the divided values. Boundaries are thus exact:
/// a sheet exactly 20% from the mean is kept, a mean of exactly 70 reaches a pass mark of 70. Only
/// <see cref="SheetResult.DisplayTotal"/> and <see cref="ConsolidationResult.DisplayMean"/> round (2 decimals,
/// halves away from zero as councils round by hand); a mean of 69.996 shows as 70.00 and still fails a 70 mark.</para>
/// <para>Edge cases: the outlier rule needs at least 3 sheets, because with two sheets both are equally far from their
/// mean and the rule cannot say which one is off (it would set aside both or neither), and with one there is nothing
/// to compare. A mean of 0 sets nothing aside (no total is more than 0 away from it). The zero veto counts every
/// sheet, set-aside ones included: a 0 is a reviewer's judgement on one criterion, and the sheet carrying it is often
/// the very one whose total is far from the others, so the outlier rule must not be able to swallow the veto. When the
/// outlier rule sets aside every sheet (e.g. totals 30, 30, 90, 90), the result is
/// <see cref="ConsolidationOutcome.AllSetAside"/> rather than a guess either way. A zero veto outranks both that and the
/// pass mark. Shares of exactly 0 and 1 are allowed: a zero-veto share of 0 fails on any single 0.</para>
/// </remarks>
internal static class Consolidation
{
    /// <summary>
    /// Totals each sheet, sets outliers aside, applies the zero veto and the pass mark.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The rubric or a sheet is invalid (check them with <see cref="Rubric.Validate"/> and <see cref="ValidateSheet"/>
    /// first), or one reviewer has two sheets.
    /// </exception>
    public static ConsolidationResult Consolidate(Rubric rubric, IReadOnlyList<ScoreSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(sheets);
        ThrowIfInvalid(rubric, sheets);

        if (sheets.Count == 0)
        {
            return new(ConsolidationOutcome.NoSheets, null, []);
        }

        var rules = rubric.EffectiveRules;
        long maxPoints = rubric.Criteria.Sum(c => (long)c.MaxPoints);
        var points = sheets.Select(s => rubric.Criteria.Sum(c => (long)s.Points[c.Key])).ToList();
        long count = sheets.Count;
        var sum = points.Sum();

        // |total − mean| > share × mean, multiplied through by count × maxPoints / 100 to stay in whole points.
        var setAside = points
            .Select(p => rules.OutlierShare is { } share && count >= 3 && Math.Abs(count * p - sum) > share * sum)
            .ToList();

        var results = sheets
            .Select((s, i) => new SheetResult(s.ReviewerId, 100m * points[i] / maxPoints, setAside[i]))
            .ToList();

        var kept = points.Where((_, i) => !setAside[i]).ToList();
        decimal? mean = kept.Count == 0 ? null : 100m * kept.Sum() / (kept.Count * maxPoints);

        if (rules.ZeroVetoShare is { } zeroShare)
        {
            var vetoed = rubric.Criteria.FirstOrDefault(c => sheets.Count(s => s.Points[c.Key] == 0) > zeroShare * count);
            if (vetoed is not null)
            {
                return new(ConsolidationOutcome.ZeroVeto, mean, results, vetoed.Key);
            }
        }

        if (kept.Count == 0)
        {
            return new(ConsolidationOutcome.AllSetAside, null, results);
        }

        // mean ≥ pass mark, multiplied through by kept × maxPoints so the comparison is exact.
        var passes = 100m * kept.Sum() >= rubric.PassMark * kept.Count * maxPoints;
        return new(passes ? ConsolidationOutcome.Passed : ConsolidationOutcome.BelowPassMark, mean, results);
    }

    /// <summary>
    /// The passing applications, best first: higher mean, then (when the rules say so) the smaller requested amount,
    /// then the earlier submission; applications equal on all three keep the order given.
    /// </summary>
    public static IReadOnlyList<T> Rank<T>(
        IEnumerable<(T Item, ConsolidationResult Result, long RequestedAmount, DateTime SubmittedUtc)> applications,
        ConsolidationRules rules)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(rules);
        var all = applications.ToList();
        if (all.Any(a => a.Result is null || (a.Result.Passed && a.Result.Mean is null)))
        {
            throw new ArgumentException("Every application needs its consolidation result, with a mean when it passed.", nameof(applications));
        }

        var ordered = all.Where(a => a.Result.Passed).OrderByDescending(a => a.Result.Mean!.Value);
        if (rules.TieBreakBySmallerAmount)
        {
            ordered = ordered.ThenBy(a => a.RequestedAmount);
        }

        return ordered.ThenBy(a => a.SubmittedUtc).Select(a => a.Item).ToList();
    }

    /// <summary>
    /// Every problem with one reviewer's points against a rubric, keyed <c>scores.&lt;criterionKey&gt;</c>: criteria
    /// in rubric order first, then unknown keys in ordinal order; empty when the sheet is valid.
    /// </summary>
    public static IReadOnlyList<ScoringError> ValidateSheet(Rubric rubric, IReadOnlyDictionary<string, int> points)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(points);
        var errors = new List<ScoringError>();
        var criteria = rubric.Criteria ?? [];

        foreach (var criterion in criteria.Where(c => c?.Key is not null))
        {
            var path = $"scores.{criterion.Key}";
            if (!points.TryGetValue(criterion.Key, out var value))
            {
                errors.Add(new(path, "A score is required."));
            }
            else if (value < 0 || value > criterion.MaxPoints)
            {
                errors.Add(new(path, "The score must be a whole number from 0 to {0}, not {1}.", criterion.MaxPoints, value));
            }
        }

        var known = criteria.Where(c => c?.Key is not null).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in points.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new($"scores.{key}", "\"{0}\" is not a criterion of this rubric.", key));
        }

        return errors;
    }

    internal static decimal ForDisplay(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    // Callers validate at the edge; reaching here with bad input is a bug, and a silent wrong verdict would be worse.
    private static void ThrowIfInvalid(Rubric rubric, IReadOnlyList<ScoreSheet> sheets)
    {
        var rubricErrors = rubric.Validate();
        if (rubricErrors.Count > 0)
        {
            throw new ArgumentException("Invalid rubric: " + string.Join("; ", rubricErrors), nameof(rubric));
        }

        var problems = new List<string>();
        var reviewers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            if (sheet?.Points is null)
            {
                problems.Add("a sheet has no points");
                continue;
            }

            if (!reviewers.Add(sheet.ReviewerId))
            {
                problems.Add($"reviewer '{sheet.ReviewerId}' has more than one sheet");
            }

            problems.AddRange(ValidateSheet(rubric, sheet.Points).Select(e => $"reviewer '{sheet.ReviewerId}', {e}"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid score sheets: " + string.Join("; ", problems), nameof(sheets));
        }
    }
}
