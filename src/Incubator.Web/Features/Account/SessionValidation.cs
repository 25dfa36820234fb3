using System.Security.Claims;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Checks every authenticated request, cookie and bearer alike, against the database: the session in the ticket is
/// live, the user exists, is neither disabled nor locked out, and the ticket's security stamp is the stored one.
/// Otherwise the request is anonymous (an API answers 401, a page sends to sign-in) and the cookie is deleted. The
/// role claims frozen in the ticket are replaced by the user's current roles, so a role taken away is refused on the
/// very next request and every policy (<see cref="PermissionHandler"/>, <c>User.IsInRole</c>) reads the same truth.
/// </summary>
/// <remarks>
/// Why a claims transformation rather than the cookie's OnValidatePrincipal and Identity's SecurityStampValidator:
/// the stamp validator runs only for the cookie and only every ValidationInterval (30 minutes by default), and the
/// bearer handler has no hook after it reads a token. ASP.NET Core runs the transformation after every successful
/// authentication, whichever scheme (cookie, bearer, or both through Identity's combined scheme, also when an
/// endpoint names its own scheme), so this is the one place that sees every ticket. Cost: one indexed read of the
/// session with its user, one of the user's roles, and a write of last-seen at most once a minute.
/// </remarks>
internal sealed class SessionValidation(
    IncubatorDbContext db,
    TimeProvider clock,
    IOptions<IdentityOptions> identityOptions,
    IHttpContextAccessor http,
    ILogger<SessionValidation> logger) : IClaimsTransformation
{
    private static readonly object CacheKey = new();
    private static readonly object RefusedKey = new();

    /// <summary>
    /// Turns a refused ticket into a failed authentication for the rest of the request. A transformation can only
    /// return a principal, and an anonymous principal in a successful result would make authorization answer 403
    /// ("signed in, but not allowed") where the truth is 401 ("not signed in": sign in again).
    /// </summary>
    public static async Task FailRefusedAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Items[RefusedKey] is string reason && context.Features.Get<IAuthenticateResultFeature>() is { } feature)
        {
            feature.AuthenticateResult = AuthenticateResult.Fail(reason);
        }

        await next();
    }

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);

        // Identity's principal factory names every signed-in identity this way, bearer included; the two-factor and
        // external-login identities (other types) are steps of a sign-in, not sessions, and pass untouched.
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity || identity.AuthenticationType != IdentityConstants.ApplicationScheme)
        {
            return principal;
        }

        var context = http.HttpContext;
        if (context?.Items[CacheKey] is (ClaimsPrincipal seen, ClaimsPrincipal result) && (ReferenceEquals(seen, principal) || ReferenceEquals(result, principal)))
        {
            return result;
        }

        var transformed = await CheckAsync(identity, context) ?? new ClaimsPrincipal(new ClaimsIdentity());
        if (context is not null)
        {
            context.Items[CacheKey] = (principal, transformed);
        }

        return transformed;
    }

    private async Task<ClaimsPrincipal?> CheckAsync(ClaimsIdentity identity, HttpContext? context)
    {
        var claimTypes = identityOptions.Value.ClaimsIdentity;
        var userId = identity.FindFirst(claimTypes.UserIdClaimType)?.Value;
        var sessionId = identity.FindFirst(UserSessions.ClaimType)?.Value;
        var stamp = identity.FindFirst(claimTypes.SecurityStampClaimType)?.Value;
        var cancellationToken = context?.RequestAborted ?? default;
        if (userId is null || sessionId is null)
        {
            return await RefuseAsync(context, userId, "the ticket carries no session");
        }

        var found = await (
                from session in db.UserSessions.AsNoTracking()
                join user in db.Users.AsNoTracking() on session.UserId equals user.Id
                where session.Id == sessionId
                select new { session.UserId, session.EndedUtc, session.LastSeenUtc, user.SecurityStamp, user.Disabled, user.LockoutEnd, user.TwoFactorEnabled })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = found switch
        {
            null => "the session or its user does not exist",
            { UserId: var owner } when owner != userId => "the session belongs to another user",
            { EndedUtc: not null } => "the session has ended",
            { Disabled: true } => "the user is disabled",
            { LockoutEnd: { } end } when end.UtcDateTime > now => "the user is locked out",
            { SecurityStamp: var stored } when !string.Equals(stored ?? string.Empty, stamp ?? string.Empty, StringComparison.Ordinal) => "the security stamp changed",
            _ => null,
        };
        if (refusal is not null)
        {
            return await RefuseAsync(context, userId, refusal);
        }

        if (now - found!.LastSeenUtc >= UserSessions.TouchInterval)
        {
            var before = now - UserSessions.TouchInterval;
            await db.UserSessions.Where(s => s.Id == sessionId && s.LastSeenUtc <= before)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), cancellationToken);
        }

        var roles = await (
                from link in db.UserRoles.AsNoTracking()
                join role in db.Roles.AsNoTracking() on link.RoleId equals role.Id
                where link.UserId == userId
                select role.Name)
            .ToListAsync(cancellationToken);

        // The ticket's roles, and the role grants Identity copied into it at sign-in, are as old as the ticket.
        var claims = identity.Claims
            .Where(c => c.Type != identity.RoleClaimType && c.Type != Permissions.ClaimType && c.Type != SecondFactorRule.ClaimType)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer))
            .Concat(roles.OfType<string>().Select(r => new Claim(identity.RoleClaimType, r)))
            // Read with the session anyway, so the second-factor rule needs no query of its own on each request.
            .Append(new Claim(SecondFactorRule.ClaimType, found.TwoFactorEnabled ? "true" : "false"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    private async Task<ClaimsPrincipal?> RefuseAsync(HttpContext? context, string? userId, string reason)
    {
        logger.LogInformation("Refused the session of user {UserId}: {Reason}", userId, reason);
        if (context is not null)
        {
            context.Items[RefusedKey] = reason;
        }

        // A browser's dead cookie is deleted so it stops being sent; a bearer client simply gets 401s.
        if (context is not null && !context.Response.HasStarted
            && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.Request.Cookies.Keys.Any(k => k.StartsWith(AccountModule.CookieName, StringComparison.Ordinal)))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        return null;
    }
}
