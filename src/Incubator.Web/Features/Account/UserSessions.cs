using System.Security.Claims;
using System.Security.Cryptography;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Account;

/// <summary>
/// The server-side sessions of users: started at each sign-in (cookie or bearer), ended by signing out, by the user,
/// by an administrator or by any change of the account's security stamp. Call <see cref="EndAllAsync"/> to sign a user
/// out everywhere; a password, e-mail or role change made through <see cref="UserManager{User}"/> already ends them all,
/// because every change of the security stamp does (see <see cref="IncubatorUserManager"/>).
/// </summary>
internal sealed class UserSessions(IncubatorDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>The claim carrying the session id in the cookie ticket and the bearer tokens.</summary>
    public const string ClaimType = "incubator:session";

    /// <summary>How often, at most, a session's last-seen time is written.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an idle session can still be used: the cookie's sliding expiry (8 hours, see AccountModule) and
    /// Identity's refresh-token lifetime (14 days, its default). Used only to show a session as no longer active.
    /// </summary>
    private static readonly TimeSpan CookieIdleLimit = TimeSpan.FromHours(8);
    private static readonly TimeSpan BearerIdleLimit = TimeSpan.FromDays(14);

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirst(ClaimType)?.Value;

    /// <summary>Starts a session for a sign-in now, from the current request's address and browser; returns its id.</summary>
    public async Task<string> StartAsync(string userId, string kind, CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext;
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)),
            UserId = userId,
            Kind = kind,
            CreatedUtc = now,
            LastSeenUtc = now,
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Cut(request?.Request.Headers.UserAgent.ToString(), 300),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the session exists, belongs to the user and has not ended.</summary>
    public Task<bool> IsLiveAsync(string sessionId, string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedUtc == null, cancellationToken);

    /// <summary>Ends one session (of <paramref name="userId"/> when given); false when there was no such live session.</summary>
    public async Task<bool> EndAsync(string sessionId, string reason, string? userId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await db.UserSessions
            .Where(s => s.Id == sessionId && s.EndedUtc == null && (userId == null || s.UserId == userId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken);
        return ended > 0;
    }

    /// <summary>
    /// Signs the user out everywhere: ends every session and changes the security stamp, so that every cookie, access
    /// token and refresh token issued before stops working on its next request, whichever instance receives it. Saves
    /// with whatever else the caller changed on the same DbContext (a disabled flag, an audit entry).
    /// </summary>
    public async Task EndAllAsync(string userId, string reason, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FindAsync([userId], cancellationToken);
        if (user is not null)
        {
            user.SecurityStamp = NewStamp();
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var session in await db.UserSessions.Where(s => s.UserId == userId && s.EndedUtc == null).ToListAsync(cancellationToken))
        {
            session.EndedUtc = now;
            session.EndReason = reason;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends the session rows only, after the security stamp changed elsewhere (which already refuses their tokens).</summary>
    internal Task<int> EndRowsAsync(string userId, string reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions.Where(s => s.UserId == userId && s.EndedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>The user's most recent sessions, newest first.</summary>
    public Task<List<UserSession>> RecentAsync(string userId, int count = 20, CancellationToken cancellationToken = default) =>
        db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedUtc).Take(count).ToListAsync(cancellationToken);

    /// <summary>Still usable: not ended and not idle beyond what its cookie or refresh token allows.</summary>
    public bool IsActive(UserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var limit = session.Kind == UserSessionKinds.Bearer ? BearerIdleLimit : CookieIdleLimit;
        return session.EndedUtc is null && clock.GetUtcNow().UtcDateTime - session.LastSeenUtc < limit;
    }

    /// <summary>The same form Identity uses (a random Base32-like string); only equality with the ticket's copy matters.</summary>
    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    private static string? Cut(string? text, int length) => string.IsNullOrEmpty(text) ? null : text.Length > length ? text[..length] : text;
}
