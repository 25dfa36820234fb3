using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Identity's sign-in with the site's rules in the one place every route passes through (the sign-in page, the API's
/// cookie and bearer login, two-factor and passkey sign-ins): a disabled account cannot sign in; each sign-in starts a
/// server-side session whose id goes into the ticket; signing out ends it; password attempts are audited. It does not
/// tell which addresses have accounts: an unknown address costs one password hash like a known one, and an account's
/// state (locked, unconfirmed, disabled) is told only to someone who gave its password; a wrong password is "failed".
/// </summary>
internal sealed class IncubatorSignInManager(
    UserManager<User> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    UserSessions sessions,
    SecurityAudit audit,
    AccountMetrics metrics)
    : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _dummyHash;
    private bool _refreshing;

    /// <summary>A disabled account is refused like an unconfirmed one (NotAllowed), once its password has been checked.</summary>
    public override async Task<bool> CanSignInAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.Disabled && await base.CanSignInAsync(user);
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName ?? string.Empty);
        if (user is null)
        {
            // The same work as checking a real password, so the answer's timing does not give the address away.
            var dummy = new User();
            _dummyHash ??= UserManager.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
            UserManager.PasswordHasher.VerifyHashedPassword(dummy, _dummyHash, password ?? string.Empty);
            await audit.RecordAsync(SecurityEventKinds.SignInFailed, null, userName, "unknown address");
            metrics.SignInFailed("unknown address");
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(User user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        var (kind, detail) = result switch
        {
            { Succeeded: true } => (SecurityEventKinds.SignInSucceeded, SessionKind()),
            { IsLockedOut: true } => (SecurityEventKinds.LockedOut, "locked out"),
            { IsNotAllowed: true } => (SecurityEventKinds.SignInFailed, user.Disabled ? "account disabled" : "not allowed"),
            { RequiresTwoFactor: true } => (null, null),
            _ => (SecurityEventKinds.SignInFailed, "wrong password"),
        };
        if (kind is not null)
        {
            await audit.RecordAsync(kind, user.Id, user.Email, detail);
        }

        if (kind is SecurityEventKinds.SignInFailed or SecurityEventKinds.LockedOut)
        {
            metrics.SignInFailed(detail!);
        }

        return result;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(User user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            // Identity would answer "locked out" (or "not allowed") here, before or after counting this failure, to anyone
            // who tries an address: a way to learn that the account exists. The count still runs; the answer is "failed".
            if (lockoutOnFailure && UserManager.SupportsUserLockout && !await UserManager.IsLockedOutAsync(user))
            {
                await UserManager.AccessFailedAsync(user);
            }

            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refusal)
        {
            return refusal;
        }

        if (UserManager.SupportsUserLockout)
        {
            await UserManager.ResetAccessFailedCountAsync(user);
        }

        return SignInResult.Success;
    }

    /// <summary>Re-issues the current cookie (after the user changed something of their own) in the same session when it is still live.</summary>
    public override async Task RefreshSignInAsync(User user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(User user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = additionalClaims.Where(c => c.Type != UserSessions.ClaimType).ToList();
        var current = UserSessions.IdOf(Context.User);
        var sameUser = current is not null && UserManager.GetUserId(Context.User) == user.Id;
        string? sessionId = null;
        if (_refreshing && sameUser && await sessions.IsLiveAsync(current!, user.Id))
        {
            sessionId = current;
        }
        else if (current is not null && AuthenticationScheme == IdentityConstants.ApplicationScheme && Context.Request.Headers.Authorization.Count == 0)
        {
            // A new sign-in in this browser replaces its cookie, so the session the old cookie held is over.
            await sessions.EndAsync(current, SessionEndReasons.Replaced);
        }

        sessionId ??= await sessions.StartAsync(user.Id, SessionKind());
        claims.Add(new Claim(UserSessions.ClaimType, sessionId));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Ends the current session on the server (cookie or bearer), then deletes Identity's cookies.</summary>
    public override async Task SignOutAsync()
    {
        if (UserSessions.IdOf(Context.User) is { } sessionId && await sessions.EndAsync(sessionId, SessionEndReasons.SignedOut))
        {
            var user = await UserManager.GetUserAsync(Context.User);
            await audit.RecordAsync(SecurityEventKinds.SignedOut, user?.Id, user?.Email);
        }

        await base.SignOutAsync();
    }

    private string SessionKind() => AuthenticationScheme == IdentityConstants.BearerScheme ? UserSessionKinds.Bearer : UserSessionKinds.Cookie;
}
