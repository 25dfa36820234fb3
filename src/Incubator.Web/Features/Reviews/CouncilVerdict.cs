using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews;

/// <summary>The council's consolidation of an application's sheets, as the workflow's condition computed it.</summary>
internal static class CouncilVerdict
{
    /// <summary>
    /// The verdict over the submitted sheets that are valid against the rubric, or null when none is in or the rubric
    /// is invalid. Reads with tracking, so a sheet saved in the same step (the last reviewer's) counts.
    /// </summary>
    public static async Task<ConsolidationResult?> ConsolidateAsync(IncubatorDbContext db, string applicationId, Rubric rubric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rubric);
        if (rubric.Validate().Count > 0)
        {
            return null;
        }

        // Filtered after loading: the database does not yet hold what the step changed on the tracked reviews.
        var sheets = (await db.Reviews.Where(r => r.ApplicationId == applicationId).ToListAsync(cancellationToken))
            .Where(r => r.SubmittedUtc is not null && r.Scores is not null && Consolidation.ValidateSheet(rubric, r.Scores).Count == 0)
            .Select(r => new ScoreSheet(r.ReviewerId, r.Scores!))
            .ToList();
        return sheets.Count == 0 ? null : Consolidation.Consolidate(rubric, sheets);
    }
}
