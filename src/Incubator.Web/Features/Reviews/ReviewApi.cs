using System.Security.Claims;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Programmes;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// Reviewer assignment (staff) and score sheets (reviewers). A reviewer sees only what they are assigned, and an
/// application only after declaring no conflict of interest; anything else is 404.
/// </summary>
public static class ReviewApi
{
    public sealed record AssignRequest(List<string>? Reviewers, int? Automatic);

    public sealed record AssignedReviewer(string ReviewerId, string Email, bool NoConflictDeclared, bool Submitted);

    public sealed record ReviewRequest(Dictionary<string, int>? Scores, string? Comment, bool? NoConflict);

    public sealed record ReviewResponse(string ApplicationId, bool NoConflictDeclared, IReadOnlyDictionary<string, int>? Scores, string? Comment, DateTime? SubmittedUtc);

    public sealed record MyAssignment(string ApplicationId, string Title, bool NoConflictDeclared, DateTime? SubmittedUtc);

    private const int MaxCommentLength = 4000;

    public static void MapReviewApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/applications/{id}/reviewers", AssignAsync).WithTags("Reviews").RequireAuthorization(Policies.Staff);
        endpoints.MapGet("/api/applications/{id}/reviewers", ListReviewersAsync).WithTags("Reviews").RequireAuthorization(Policies.BackOffice);
        endpoints.MapPut("/api/applications/{id}/reviews/mine", ReviewAsync).WithTags("Reviews").RequireAuthorization();
        endpoints.MapGet("/api/applications/{id}/reviews/mine", MineAsync).WithTags("Reviews").RequireAuthorization();
        endpoints.MapGet("/api/reviews/mine", AssignmentsAsync).WithTags("Reviews").RequireAuthorization();
    }

    private static async Task<Results<Ok<List<AssignedReviewer>>, NotFound, ValidationProblem>> AssignAsync(
        string id, AssignRequest request, ClaimsPrincipal user, UserManager<User> users, IncubatorDbContext db, WorkflowService workflows, IClock clock,
        IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return TypedResults.NotFound();
        }

        if (application.Status == SupportApplication.Draft)
        {
            return Invalid("reviewers", localizer["Reviewers are assigned to submitted applications."]);
        }

        var chosen = new List<string>();
        var errors = new List<string>();
        foreach (var email in (request.Reviewers ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var reviewer = await users.FindByEmailAsync(email.Trim());
            if (reviewer is null || !await ReviewerPool.MayReviewAsync(db, application, reviewer.Id))
            {
                errors.Add(localizer["{0} is not a reviewer who may review this application.", email].Value);
            }
            else
            {
                chosen.Add(reviewer.Id);
            }
        }

        if (request.Automatic is > 0 and <= 10)
        {
            chosen.AddRange((await ReviewerPool.SuggestAsync(db, application, request.Automatic.Value)).Where(r => !chosen.Contains(r)));
        }
        else if (request.Automatic is not null and not 0)
        {
            errors.Add(localizer["Ask for between 1 and 10 reviewers chosen automatically."].Value);
        }

        if (errors.Count > 0 || chosen.Count == 0)
        {
            return Invalid("reviewers", errors.Count > 0 ? string.Join(" ", errors) : localizer["Name at least one reviewer by e-mail, or ask for some chosen automatically."]);
        }

        var existing = await db.Reviews.Where(r => r.ApplicationId == id).Select(r => r.ReviewerId).ToListAsync(cancellationToken);
        var added = chosen.Except(existing).ToList();
        foreach (var reviewer in added)
        {
            db.Reviews.Add(new Review { ApplicationId = id, ReviewerId = reviewer, AssignedUtc = clock.UtcNow, AssignedBy = users.GetUserId(user) });
        }

        // When review is already under way, the new reviewers join the instance's assignees so they can score.
        await workflows.AddAssigneesAsync(id, added, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ReviewersAsync(db, id, cancellationToken));
    }

    private static async Task<Results<Ok<List<AssignedReviewer>>, NotFound>> ListReviewersAsync(string id, IncubatorDbContext db, CancellationToken cancellationToken) =>
        await db.Applications.AnyAsync(a => a.Id == id, cancellationToken) ? TypedResults.Ok(await ReviewersAsync(db, id, cancellationToken)) : TypedResults.NotFound();

    private static async Task<Ok<List<MyAssignment>>> AssignmentsAsync(ClaimsPrincipal user, UserManager<User> users, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        var rows = await db.Reviews.AsNoTracking().Where(r => r.ReviewerId == userId)
            .Join(db.Applications, r => r.ApplicationId, a => a.Id, (r, a) => new MyAssignment(a.Id, a.Title, r.NoConflictDeclaredUtc != null, r.SubmittedUtc))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<ReviewResponse>, NotFound>> MineAsync(string id, ClaimsPrincipal user, UserManager<User> users, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == id && r.ReviewerId == userId, cancellationToken);
        return review is null ? TypedResults.NotFound() : TypedResults.Ok(Response(review));
    }

    /// <summary>
    /// Declares no conflict (<c>noConflict: true</c>) and, with scores, submits the sheet, which takes the workflow's
    /// "scored" step in the same save. Declaring a conflict (<c>false</c>) withdraws the reviewer from the application.
    /// </summary>
    private static async Task<Results<Ok<ReviewResponse>, NoContent, NotFound, ValidationProblem, Conflict<ApplicationApi.ProblemLike>>> ReviewAsync(
        string id, ReviewRequest request, ClaimsPrincipal user, UserManager<User> users, IncubatorDbContext db, ProgrammeService programmes, WorkflowService workflows, IClock clock,
        IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        for (var attempt = 0; ; attempt++)
        {
            var review = await db.Reviews.FirstOrDefaultAsync(r => r.ApplicationId == id && r.ReviewerId == userId, cancellationToken);
            var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (review is null || application is null)
            {
                return TypedResults.NotFound();
            }

            if (request.NoConflict == false)
            {
                if (review.SubmittedUtc is not null)
                {
                    return Conflict(localizer["Your score sheet was already submitted."], id);
                }

                db.Reviews.Remove(review);
                await workflows.RemoveAssigneeAsync(id, userId, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.NoContent();
            }

            if (review.NoConflictDeclaredUtc is null && request.NoConflict != true)
            {
                return Invalid("noConflict", localizer["Declare that you have no conflict of interest with this application first."]);
            }

            review.NoConflictDeclaredUtc ??= clock.UtcNow;
            if (request.Scores is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(Response(review));
            }

            if (review.SubmittedUtc is not null)
            {
                return Conflict(localizer["Your score sheet was already submitted."], id);
            }

            var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
            var problems = Consolidation.ValidateSheet(programme!.Rubric, request.Scores);
            if (request.Comment is { Length: > MaxCommentLength })
            {
                return Invalid("comment", localizer["The comment may be at most {0} characters long.", MaxCommentLength]);
            }

            if (problems.Count > 0)
            {
                return TypedResults.ValidationProblem(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => localizer[p.Message, p.Arguments].Value).ToArray()));
            }

            review.Scores = request.Scores;
            review.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : Core.Text.VietnameseText.ToNfc(request.Comment.Trim());
            review.SubmittedUtc = clock.UtcNow;
            var instance = await workflows.GetAsync(id, cancellationToken);
            var outcome = await workflows.TakeActionAsync(id, "scored", instance?.Version ?? 0, comment: null, data: null, userId, cancellationToken);
            switch (outcome.Status)
            {
                case WorkflowActionStatus.Ok:
                    return TypedResults.Ok(Response(await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == review.Id, cancellationToken)));
                case WorkflowActionStatus.Stale when attempt < 5:
                    // Another reviewer's sheet moved the workflow on first; try again on its new version.
                    db.ChangeTracker.Clear();
                    continue;
                default:
                    db.ChangeTracker.Clear();
                    return Conflict(localizer["This application is not waiting for your score now."], id);
            }
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static Conflict<ApplicationApi.ProblemLike> Conflict(string message, string id) => TypedResults.Conflict(new ApplicationApi.ProblemLike(message, id));

    private static ReviewResponse Response(Review review) => new(review.ApplicationId, review.NoConflictDeclaredUtc is not null, review.Scores, review.Comment, review.SubmittedUtc);

    private static Task<List<AssignedReviewer>> ReviewersAsync(IncubatorDbContext db, string id, CancellationToken cancellationToken) =>
        db.Reviews.AsNoTracking().Where(r => r.ApplicationId == id)
            .Join(db.Users, r => r.ReviewerId, u => u.Id, (r, u) => new AssignedReviewer(r.ReviewerId, u.Email ?? u.Id, r.NoConflictDeclaredUtc != null, r.SubmittedUtc != null))
            .ToListAsync(cancellationToken);
}
