using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps;

/// <summary>Follow-up tasks over JSON, for staff: set one, list one's own, complete one.</summary>
internal static class FollowUpApi
{
    /// <summary><c>dueOn</c>: an ISO date (Vietnam calendar); <c>assignee</c>: the e-mail of a staff user.</summary>
    public sealed record TaskRequest(string? Title, DateOnly? DueOn, string? Assignee, string? OrganisationId, string? PersonId, string? ApplicationId);

    public sealed record TaskResponse(
        string Id, string Title, DateOnly DueOn, string AssigneeId, string? OrganisationId, string? PersonId, string? ApplicationId, string Status, bool Overdue,
        DateTime? ClosedUtc, string Url);

    public static void MapFollowUpApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff);
        group.MapPost("/", CreateAsync).Produces<TaskResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/mine", MineAsync).Produces<List<TaskResponse>>().ProducesValidationProblem();
        group.MapPost("/{id}/complete", CompleteAsync).Produces<TaskResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(
        TaskRequest request, ClaimsPrincipal user, UserManager<User> users, RelationshipDirectory directory, SaveFollowUp save, LinkGenerator links, TimeProvider clock,
        IStringLocalizer<SaveFollowUp> localizer, CancellationToken cancellationToken)
    {
        var assignee = await directory.StaffByEmailAsync(request.Assignee, cancellationToken);
        var input = new FollowUpInput(request.Title, request.DueOn, assignee, request.OrganisationId, request.PersonId, request.ApplicationId);
        var result = await save.CreateAsync(input, users.GetUserId(user)!, cancellationToken);
        return await result.RespondAsync(localizer, task =>
        {
            var response = Response(task, FollowUpOrder.Today(clock), links);
            return Task.FromResult<IResult>(TypedResults.Created(response.Url, response));
        });
    }

    private static async Task<IResult> MineAsync(
        string? status, ClaimsPrincipal user, UserManager<User> users, IncubatorDbContext db, LinkGenerator links, TimeProvider clock,
        IStringLocalizer<SaveFollowUp> localizer, CancellationToken cancellationToken)
    {
        FollowUpStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status) && !string.Equals(status, "all", StringComparison.OrdinalIgnoreCase))
        {
            if (!Enum.TryParse<FollowUpStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return CommandResult.Invalid("status", "Status must be open, done, cancelled or all.").ToProblem(localizer);
            }

            wanted = parsed;
        }

        var userId = users.GetUserId(user)!;
        var query = db.Set<FollowUpTask>().AsNoTracking().Where(t => t.AssigneeId == userId);
        if (wanted is { } w)
        {
            query = query.Where(t => t.Status == w);
        }

        var today = FollowUpOrder.Today(clock);
        var tasks = FollowUpOrder.Sort(await query.ToListAsync(cancellationToken), today);
        return TypedResults.Ok(tasks.Select(t => Response(t, today, links)).ToList());
    }

    private static async Task<IResult> CompleteAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, SaveFollowUp save, LinkGenerator links, TimeProvider clock, IStringLocalizer<SaveFollowUp> localizer,
        CancellationToken cancellationToken)
    {
        var result = await save.CloseAsync(id, FollowUpStatus.Done, users.GetUserId(user)!, cancellationToken);
        return await result.RespondAsync(localizer, task => Task.FromResult<IResult>(TypedResults.Ok(Response(task, FollowUpOrder.Today(clock), links))));
    }

    private static TaskResponse Response(FollowUpTask t, DateOnly today, LinkGenerator links) => new(
        t.Id, t.Title, t.DueOn, t.AssigneeId, t.OrganisationId, t.PersonId, t.ApplicationId, t.Status.ToString().ToLowerInvariant(), FollowUpOrder.IsOverdue(t, today),
        t.ClosedUtc is { } closed ? DateTime.SpecifyKind(closed, DateTimeKind.Utc) : null, links.PathToPage("/FollowUps/Admin/Edit", new { id = t.Id }));
}
