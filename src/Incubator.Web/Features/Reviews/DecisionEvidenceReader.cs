using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// Reads the evidence for a decision (<see cref="DecisionEvidence"/>) with the same rules the workflow and the ranking
/// apply, so the page shows exactly what the verdict and the budget check rest on.
/// </summary>
internal sealed class DecisionEvidenceReader(IncubatorDbContext db, ReviewerAssignment assignment, CouncilRanking ranking, ApplicationWorkflow workflow)
{
    public async Task<DecisionEvidence> ReadAsync(SupportApplication application, Programme programme, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(programme);
        var (committed, remaining) = await workflow.BudgetAsync(programme);
        var rubric = programme.Rubric.Validate().Count == 0 ? programme.Rubric : null;
        var emails = (await assignment.ReviewersAsync(application.Id, cancellationToken)).ToDictionary(r => r.ReviewerId, r => r.Email, StringComparer.Ordinal);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == application.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        ConsolidationResult? consolidation = null;
        var means = new Dictionary<string, decimal>(StringComparer.Ordinal);
        decimal? meanOfCounted = null;
        var counted = rubric is null
            ? []
            : reviews.Where(r => r.SubmittedUtc is not null && r.Scores is not null && Consolidation.ValidateSheet(rubric, r.Scores).Count == 0).ToList();
        if (rubric is not null && counted.Count > 0)
        {
            var result = Consolidation.Consolidate(rubric, [.. counted.Select(r => new ScoreSheet(r.ReviewerId, r.Scores!))]);
            consolidation = result;
            meanOfCounted = result.Sheets.Average(s => s.Total);

            // The mean per criterion of the sheets the outlier rule kept, the ones the verdict rests on.
            var kept = counted.Where(r => result.Sheets.Any(s => s.ReviewerId == r.ReviewerId && !s.SetAside)).Select(r => r.Scores!).ToList();
            if (kept.Count > 0)
            {
                foreach (var criterion in rubric.Criteria)
                {
                    means[criterion.Key] = (decimal)kept.Sum(points => points[criterion.Key]) / kept.Count;
                }
            }
        }

        var sheets = reviews.Select(r => new EvidenceSheet(
            emails.GetValueOrDefault(r.ReviewerId, r.ReviewerId),
            r.SubmittedUtc is null ? null : r.Scores,
            consolidation?.Sheets.FirstOrDefault(s => s.ReviewerId == r.ReviewerId),
            r.Comment)).ToList();
        var ranked = await ranking.RankAsync(programme, cancellationToken);
        return new DecisionEvidence(
            rubric, sheets, consolidation, means, meanOfCounted, ranked.PlaceOf(application.Id), ranked.Passing.Count,
            application.RequestedAmount, programme.MaxPerApplication, programme.Budget, committed, remaining);
    }
}
