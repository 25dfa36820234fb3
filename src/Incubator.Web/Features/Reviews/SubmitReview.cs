using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

internal enum ReviewOutcome
{
    /// <summary>Declared, or the sheet was submitted; <see cref="ReviewResult.Review"/> holds the saved review.</summary>
    Ok,

    /// <summary>The reviewer declared a conflict and is no longer assigned.</summary>
    Withdrawn,

    /// <summary>Not assigned to this application (or it does not exist).</summary>
    NotFound,

    /// <summary>Nothing saved; <see cref="ReviewResult.Errors"/> says why, keyed by field (<c>scores.novelty</c>, <c>comment</c>).</summary>
    Invalid,

    /// <summary>Nothing saved: already submitted, or the workflow does not wait for this score.</summary>
    Conflict,
}

internal sealed record ReviewResult(ReviewOutcome Outcome, Review? Review, IReadOnlyDictionary<string, string[]> Errors, string? Message = null)
{
    private static readonly Dictionary<string, string[]> None = [];

    public static ReviewResult Of(ReviewOutcome outcome, Review? review = null) => new(outcome, review, None);

    public static ReviewResult Refused(string message) => new(ReviewOutcome.Conflict, null, None, message);

    public static ReviewResult Invalid(string field, string message) => new(ReviewOutcome.Invalid, null, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// A reviewer's side of an assignment, for the API and the reviewer's pages alike: declare no conflict of interest
/// (or a conflict, which withdraws them), then submit the score sheet, which takes the workflow's "scored" step in
/// the same save.
/// </summary>
internal sealed class ReviewSubmission(
    IncubatorDbContext db, ProgrammeService programmes, WorkflowService workflows, ReviewerWithdrawal withdrawal, TimeProvider clock, IStringLocalizer<ApplicationService> localizer)
{
    public const int MaxCommentLength = 4000;

    /// <summary>
    /// <paramref name="noConflict"/> true declares no conflict, false declares one and withdraws the reviewer; with
    /// <paramref name="scores"/> the sheet is submitted too (no conflict must be declared first or in the same call).
    /// </summary>
    public async Task<ReviewResult> ReviewAsync(
        string id, string userId, IReadOnlyDictionary<string, int>? scores, string? comment, bool? noConflict, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var review = await db.Reviews.FirstOrDefaultAsync(r => r.ApplicationId == id && r.ReviewerId == userId, cancellationToken);
            var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (review is null || application is null)
            {
                return ReviewResult.Of(ReviewOutcome.NotFound);
            }

            if (noConflict == false)
            {
                if (review.SubmittedUtc is not null)
                {
                    return ReviewResult.Refused(localizer["Your score sheet was already submitted."]);
                }

                await withdrawal.WithdrawAsync(review, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return ReviewResult.Of(ReviewOutcome.Withdrawn);
            }

            // Staff recording a link to the applicant's organisation withdraws the assignment; a link stored any other
            // way, or recorded while this sheet was on its way, is caught here: a conflicted reviewer's points never count.
            if (review.SubmittedUtc is null
                && (userId == application.OwnerId || await db.ExpertLinks.AnyAsync(l => l.ReviewerId == userId && l.OrganisationId == application.OrganisationId, cancellationToken)))
            {
                return ReviewResult.Refused(localizer["You are linked to the applicant's organisation, so your score sheet cannot be accepted."]);
            }

            if (review.NoConflictDeclaredUtc is null && noConflict != true)
            {
                return ReviewResult.Invalid("noConflict", localizer["Declare that you have no conflict of interest with this application first."]);
            }

            review.NoConflictDeclaredUtc ??= clock.GetUtcNow().UtcDateTime;
            if (scores is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return ReviewResult.Of(ReviewOutcome.Ok, review);
            }

            if (review.SubmittedUtc is not null)
            {
                return ReviewResult.Refused(localizer["Your score sheet was already submitted."]);
            }

            var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
            var problems = Consolidation.ValidateSheet(programme!.Rubric, scores);
            if (comment is { Length: > MaxCommentLength })
            {
                return ReviewResult.Invalid("comment", localizer["The comment may be at most {0} characters long.", MaxCommentLength]);
            }

            if (problems.Count > 0)
            {
                return new ReviewResult(ReviewOutcome.Invalid, null, problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => localizer[p.Message, p.Arguments].Value).ToArray()));
            }

            review.Scores = new Dictionary<string, int>(scores);
            review.Comment = string.IsNullOrWhiteSpace(comment) ? null : Core.Text.VietnameseText.ToNfc(comment.Trim());
            review.SubmittedUtc = clock.GetUtcNow().UtcDateTime;
            var instance = await workflows.GetAsync(id, cancellationToken);
            var outcome = await workflows.TakeActionAsync(id, "scored", instance?.Version ?? 0, comment: null, data: null, userId, cancellationToken);
            switch (outcome.Status)
            {
                case WorkflowActionStatus.Ok:
                    return ReviewResult.Of(ReviewOutcome.Ok, await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == review.Id, cancellationToken));
                case WorkflowActionStatus.Stale when attempt < 5:
                    // Another reviewer's sheet moved the workflow on first; try again on its new version.
                    db.ChangeTracker.Clear();
                    continue;
                default:
                    db.ChangeTracker.Clear();
                    return ReviewResult.Refused(localizer["This application is not waiting for your score now."]);
            }
        }
    }

    /// <summary>The user's assignments, newest first.</summary>
    public async Task<List<(Review Review, SupportApplication Application)>> AssignmentsAsync(string userId, CancellationToken cancellationToken = default) =>
        [.. (await db.Reviews.AsNoTracking().Where(r => r.ReviewerId == userId)
            .Join(db.Applications.AsNoTracking(), r => r.ApplicationId, a => a.Id, (r, a) => new { Review = r, Application = a })
            .ToListAsync(cancellationToken))
            .OrderByDescending(x => x.Review.AssignedUtc).Select(x => (x.Review, x.Application))];
}
