using Incubator.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Identity's user manager with one rule added where every caller passes: whatever changes what a user may do or how
/// they prove who they are changes the security stamp, and a changed stamp ends every session of the user.
/// Identity already changes the stamp for a password change or reset, an e-mail change and two-factor changes; it
/// does not for the loss of a role (RemoveFromRole) or an administrator's lock, so those are added here. A role given
/// ends nothing: roles are read afresh on every request (see <see cref="SessionValidation"/>), and a new stamp would
/// void the confirmation link a new applicant was just sent. Sessions end
/// twice over: their rows are marked ended (what /account/sessions shows), and <see cref="SessionValidation"/> refuses
/// any ticket whose stamp is not the stored one.
/// </summary>
internal sealed class IncubatorUserManager(
    IUserStore<User> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<User> passwordHasher,
    IEnumerable<IUserValidator<User>> userValidators,
    IEnumerable<IPasswordValidator<User>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<User>> logger,
    IncubatorDbContext db,
    UserSessions sessions,
    SecurityAudit audit,
    IEnumerable<IEmailConfirmedListener> confirmedListeners)
    : UserManager<User>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> RemoveFromRoleAsync(User user, string role) =>
        await ThenNewStampAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(User user, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        var result = await base.RemoveFromRolesAsync(user, list);
        return list.Count == 0 ? result : await ThenNewStampAsync(user, result);
    }

    /// <summary>
    /// A key that is not in use yet (two-factor sign-in off) protects nothing, so making one, the first step of
    /// enrolling, ends no session; Identity's own method changes the stamp, which would void the very token or cookie
    /// the person is enrolling with. Replacing a key in use still does.
    /// </summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await GetTwoFactorEnabledAsync(user) || Store is not IUserAuthenticatorKeyStore<User> keys)
        {
            return await base.ResetAuthenticatorKeyAsync(user);
        }

        await keys.SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        return await UpdateAsync(user);
    }

    /// <summary>An administrator locking an account out (an end in the future) signs it out everywhere.</summary>
    public override async Task<IdentityResult> SetLockoutEndDateAsync(User user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return lockoutEnd > DateTimeOffset.UtcNow ? await ThenNewStampAsync(user, result) : result;
    }

    public override async Task<IdentityResult> ConfirmEmailAsync(User user, string token) =>
        await ThenTellConfirmedAsync(user, await base.ConfirmEmailAsync(user, token));

    public override async Task<IdentityResult> ChangeEmailAsync(User user, string newEmail, string token) =>
        await ThenTellConfirmedAsync(user, await base.ChangeEmailAsync(user, newEmail, token));

    public override async Task<IdentityResult> ResetPasswordAsync(User user, string token, string newPassword)
    {
        var result = await base.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            await audit.RecordAsync(SecurityEventKinds.PasswordReset, user.Id, user.Email);
        }

        return result;
    }

    /// <summary>Every save of a user passes here; when it changed the stored stamp, the user's sessions end.</summary>
    protected override async Task<IdentityResult> UpdateUserAsync(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(CancellationToken);
        var result = await base.UpdateUserAsync(user);
        if (result.Succeeded && !string.Equals(stored, user.SecurityStamp, StringComparison.Ordinal))
        {
            await sessions.EndRowsAsync(user.Id, SessionEndReasons.SecurityChange, CancellationToken);
        }

        return result;
    }

    private async Task<IdentityResult> ThenNewStampAsync(User user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;

    /// <summary>A confirmed address is told to the features that link records to it (<see cref="IEmailConfirmedListener"/>).</summary>
    private async Task<IdentityResult> ThenTellConfirmedAsync(User user, IdentityResult result)
    {
        if (result.Succeeded)
        {
            foreach (var listener in confirmedListeners)
            {
                await listener.EmailConfirmedAsync(user, CancellationToken);
            }
        }

        return result;
    }
}
