using Incubator.Core.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

internal enum DisableOutcome
{
    Done,
    NotFound,
    Self,
}

/// <summary>
/// Administrators turn accounts off and on. A disabled account cannot sign in by any route (the sign-in manager refuses
/// it), and disabling signs it out everywhere at once: every session ends and the security stamp changes, in the same
/// save as the flag and its audit entry.
/// </summary>
internal sealed class DisableUser(UserManager<User> users, UserSessions sessions, SecurityAudit audit, TimeProvider clock)
{
    public async Task<DisableOutcome> DisableAsync(string id, string actorId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return DisableOutcome.NotFound;
        }

        // An administrator who could disable themselves could lock the site's last administrator out.
        if (user.Id == actorId)
        {
            return DisableOutcome.Self;
        }

        if (!user.Disabled)
        {
            user.Disabled = true;
            user.DisabledUtc = clock.GetUtcNow().UtcDateTime;
            user.DisabledById = actorId;
            audit.Add(SecurityEventKinds.UserDisabled, user.Id, user.Email, actorId: actorId);
        }

        // Also when it was already disabled: whatever session might remain ends.
        await sessions.EndAllAsync(user.Id, SessionEndReasons.Disabled, cancellationToken);
        return DisableOutcome.Done;
    }

    public async Task<DisableOutcome> EnableAsync(string id, string actorId)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return DisableOutcome.NotFound;
        }

        if (user.Disabled)
        {
            user.Disabled = false;
            user.DisabledUtc = null;
            user.DisabledById = null;
            audit.Add(SecurityEventKinds.UserEnabled, user.Id, user.Email, actorId: actorId);
            var result = await users.UpdateAsync(user);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        return DisableOutcome.Done;
    }

    /// <summary>POST /api/admin/users/{id}/disable and /enable: 204, or ProblemDetails 404 (unknown id) and 400 (oneself).</summary>
    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/users/{id}").WithTags("Admin").RequireAuthorization(Policies.Administration);
        group.MapPost("/disable", async (string id, HttpContext context, DisableUser service, IStringLocalizer<DisableUser> localizer) =>
            Answer(await service.DisableAsync(id, ActorId(context), context.RequestAborted), localizer));
        group.MapPost("/enable", async (string id, HttpContext context, DisableUser service, IStringLocalizer<DisableUser> localizer) =>
            Answer(await service.EnableAsync(id, ActorId(context)), localizer));

        static string ActorId(HttpContext context) => context.RequestServices.GetRequiredService<UserManager<User>>().GetUserId(context.User)!;
    }

    private static Results<NoContent, ProblemHttpResult> Answer(DisableOutcome outcome, IStringLocalizer localizer) => outcome switch
    {
        DisableOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: localizer["No user has this id."]),
        DisableOutcome.Self => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: localizer["You cannot disable your own account."]),
        _ => TypedResults.NoContent(),
    };
}
