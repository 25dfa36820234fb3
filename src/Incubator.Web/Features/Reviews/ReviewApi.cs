using System.Security.Claims;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// Reviewer assignment (staff) and score sheets (reviewers). A reviewer sees only what they are assigned, and an
/// application only after declaring no conflict of interest; anything else is 404.
/// </summary>
internal static class ReviewApi
{
    public sealed record AssignRequest(List<string>? Reviewers, int? Automatic);

    public sealed record ReviewRequest(Dictionary<string, int>? Scores, string? Comment, bool? NoConflict);

    public sealed record ReviewResponse(string ApplicationId, bool NoConflictDeclared, IReadOnlyDictionary<string, int>? Scores, string? Comment, DateTime? SubmittedUtc);

    public sealed record MyAssignment(string ApplicationId, string Title, bool NoConflictDeclared, DateTime? SubmittedUtc);

    public static void MapReviewApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/applications/{id}/reviewers", AssignAsync).WithTags("Reviews").RequireAuthorization(Policies.Staff);
        endpoints.MapGet("/api/applications/{id}/reviewers", ListReviewersAsync).WithTags("Reviews").RequireAuthorization(Policies.BackOffice);
        endpoints.MapPut("/api/applications/{id}/reviews/mine", ReviewAsync).WithTags("Reviews").RequireAuthorization();
        endpoints.MapGet("/api/applications/{id}/reviews/mine", MineAsync).WithTags("Reviews").RequireAuthorization();
        endpoints.MapGet("/api/reviews/mine", AssignmentsAsync).WithTags("Reviews").RequireAuthorization();
    }

    private static async Task<Results<Ok<List<AssignedReviewer>>, NotFound, ValidationProblem>> AssignAsync(
        string id, AssignRequest request, ClaimsPrincipal user, UserManager<User> users, ReviewerAssignment assignment, CancellationToken cancellationToken)
    {
        var result = await assignment.AssignAsync(id, request.Reviewers, request.Automatic, users.GetUserId(user), cancellationToken);
        if (!result.Found)
        {
            return TypedResults.NotFound();
        }

        return result.Error is { } error ? Invalid("reviewers", error) : TypedResults.Ok(result.Reviewers.ToList());
    }

    private static async Task<Results<Ok<List<AssignedReviewer>>, NotFound>> ListReviewersAsync(string id, IncubatorDbContext db, ReviewerAssignment assignment, CancellationToken cancellationToken) =>
        await db.Applications.AnyAsync(a => a.Id == id, cancellationToken) ? TypedResults.Ok(await assignment.ReviewersAsync(id, cancellationToken)) : TypedResults.NotFound();

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
    private static async Task<Results<Ok<ReviewResponse>, NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        string id, ReviewRequest request, ClaimsPrincipal user, UserManager<User> users, ReviewSubmission reviews, CancellationToken cancellationToken)
    {
        var result = await reviews.ReviewAsync(id, users.GetUserId(user)!, request.Scores, request.Comment, request.NoConflict, cancellationToken);
        return result.Outcome switch
        {
            ReviewOutcome.Ok => TypedResults.Ok(Response(result.Review!)),
            ReviewOutcome.Withdrawn => TypedResults.NoContent(),
            ReviewOutcome.NotFound => TypedResults.NotFound(),
            ReviewOutcome.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value)),
            _ => Conflict(result.Message!, id),
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult Conflict(string message, string id) => ApplicationApi.ConflictProblem(message, id);

    private static ReviewResponse Response(Review review) => new(review.ApplicationId, review.NoConflictDeclaredUtc is not null, review.Scores, review.Comment, review.SubmittedUtc);
}
