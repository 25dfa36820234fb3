using System.Security.Claims;
using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// An item's workflow over JSON. Back-office users see every item's, with internal entries; the owner of an item
/// sees its own without them; anyone else gets 404, as if the item had no workflow.
/// </summary>
internal static class WorkflowApi
{
    private const int MaxCommentLength = 4000;

    /// <param name="Data">Values by name, of the types the outcome declares: numbers, true/false and lists as JSON, or as text.</param>
    public sealed record ActionRequest(string? Action, int? Version, string? Comment, Dictionary<string, JsonElement>? Data);

    /// <param name="Activity">The step's id.</param>
    /// <param name="ActivityName">What people read for the step, in the request's language.</param>
    /// <param name="OutcomeName">What people read for the outcome, in the request's language.</param>
    public sealed record HistoryEntryResponse(DateTime At, string? By, string Activity, string Outcome, string? Comment, string ActivityName, string OutcomeName);

    /// <param name="WorkflowTypeName">The type's name in the request's language.</param>
    public sealed record WorkflowResponse(
        Guid InstanceId, string WorkflowType, int TypeVersion, string Status, int Version, IReadOnlyList<string> AvailableActions, IReadOnlyList<HistoryEntryResponse> History,
        string WorkflowTypeName);

    public static void MapWorkflowApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/items/{id}").WithTags("Workflows").RequireAuthorization();
        group.MapGet("/workflow", GetAsync);
        group.MapPost("/actions", TakeActionAsync)
            .Produces<WorkflowResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<WorkflowResponse>, NotFound>> GetAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, WorkflowItems items, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        var access = await AccessAsync(id, user, userId, authorization, items, cancellationToken);
        if (access is Access.None || await workflows.GetAsync(id, cancellationToken) is not { } instance)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await StateAsync(instance, userId, access, workflows, cancellationToken));
    }

    private static async Task<IResult> TakeActionAsync(
        string id, ActionRequest request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, WorkflowItems items,
        WorkflowService workflows, IStringLocalizer<WorkflowService> localizer, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(user)!;
        var access = await AccessAsync(id, user, userId, authorization, items, cancellationToken);
        if (access is Access.None)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Action))
        {
            errors["action"] = "Choose an action.";
        }

        if (request.Version is not > 0)
        {
            errors["version"] = "Give the version of the workflow the action was chosen on.";
        }

        if (request.Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = localizer["The comment may be at most {0} characters long.", MaxCommentLength];
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).ToProblem(localizer);
        }

        var outcome = await workflows.TakeJsonActionAsync(id, request.Action!, request.Version!.Value, request.Comment, request.Data, userId, cancellationToken);
        return await outcome.ToCommandResult().RespondAsync(
            localizer, async instance => TypedResults.Ok(await StateAsync(instance, userId, access, workflows, cancellationToken)));
    }

    private enum Access
    {
        None,
        Owner,
        BackOffice,
    }

    private static async Task<Access> AccessAsync(
        string id, ClaimsPrincipal user, string userId, IAuthorizationService authorization, WorkflowItems items, CancellationToken cancellationToken)
    {
        if ((await authorization.AuthorizeAsync(user, Policies.BackOffice)).Succeeded)
        {
            return Access.BackOffice;
        }

        return (await items.FindAsync([id], cancellationToken)).GetValueOrDefault(id) is { OwnerId: { } owner } && owner == userId ? Access.Owner : Access.None;
    }

    private static async Task<WorkflowResponse> StateAsync(WorkflowInstanceRecord instance, string userId, Access access, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var history = await workflows.HistoryAsync(instance.Id, includeInternal: access == Access.BackOffice, cancellationToken);
        var names = await workflows.NamesAsync(instance, cancellationToken);
        return new WorkflowResponse(
            instance.Id,
            instance.TypeKey,
            instance.TypeVersion,
            instance.Status.ToString().ToLowerInvariant(),
            instance.Version,
            await workflows.AvailableActionsAsync(instance, userId, cancellationToken),
            [.. history.Select(h => new HistoryEntryResponse(h.AtUtc, h.By, h.ActivityId, h.Outcome, h.Comment, names.Activity(h.ActivityId), names.Outcome(h.ActivityId, h.Outcome)))],
            names.TypeName());
    }
}
