using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// The reviewers' progress and the council's mean for the back office's queue: the reviews and the programmes' rubrics
/// of all the applications asked about are read in two queries, and each mean is consolidated as the application page
/// does it (a sheet no longer valid against the programme's rubric is not counted; the outlier rule applies).
/// </summary>
internal sealed class ReviewProgressSource(IncubatorDbContext db) : IApplicationReviewProgress
{
    public async Task<IReadOnlyDictionary<string, ReviewProgress>> ForAsync(IQueryable<string> applicationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => applicationIds.Contains(r.ApplicationId))
            .Join(db.Applications, r => r.ApplicationId, a => a.Id, (r, a) => new { r.ApplicationId, a.ProgrammeId, r.ReviewerId, r.SubmittedUtc, r.ScoresJson })
            .ToListAsync(cancellationToken);
        var programmeIds = reviews.Where(r => r.SubmittedUtc != null).Select(r => r.ProgrammeId).Distinct().ToList();
        var rubrics = (await db.Programmes.AsNoTracking().Where(p => p.Latest && programmeIds.Contains(p.ContentItemId)).ToListAsync(cancellationToken))
            .ToDictionary(p => p.ContentItemId, p => p.Rubric, StringComparer.Ordinal);

        var result = new Dictionary<string, ReviewProgress>(StringComparer.Ordinal);
        foreach (var group in reviews.GroupBy(r => r.ApplicationId, StringComparer.Ordinal))
        {
            var sheets = group.Where(r => r.SubmittedUtc != null && r.ScoresJson != null)
                .Select(r => new Review { ReviewerId = r.ReviewerId, ScoresJson = r.ScoresJson })
                .ToList();
            result[group.Key] = new ReviewProgress(group.Count(), sheets.Count, Mean(rubrics.GetValueOrDefault(group.First().ProgrammeId), sheets));
        }

        return result;
    }

    private static decimal? Mean(Rubric? rubric, List<Review> submitted)
    {
        if (rubric is null || submitted.Count == 0 || rubric.Validate().Count > 0)
        {
            return null;
        }

        var counted = submitted.Where(r => r.Scores is { } scores && Consolidation.ValidateSheet(rubric, scores).Count == 0).ToList();
        return counted.Count == 0 ? null : Consolidation.Consolidate(rubric, [.. counted.Select(r => new ScoreSheet(r.ReviewerId, r.Scores!))]).Mean;
    }
}
