using Incubator.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Identity's user manager with one rule added where every caller passes: whatever changes what a user may do or how
/// they prove who they are changes the security stamp, and a changed stamp ends every session of the user.
/// Identity already changes the stamp for a password change or reset, an e-mail change and two-factor changes; it
/// does not for roles (AddToRole/RemoveFromRole) or an administrator's lock, so those are added here. Sessions end
/// twice over: their rows are marked ended (what /account/sessions shows), and <see cref="SessionValidation"/> refuses
/// any ticket whose stamp is not the stored one.
/// </summary>
public sealed class IncubatorUserManager(
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
    SecurityAudit audit)
    : UserManager<User>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(User user, string role) =>
        await ThenNewStampAsync(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(User user, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        var result = await base.AddToRolesAsync(user, list);
        return list.Count == 0 ? result : await ThenNewStampAsync(user, result);
    }

    public override async Task<IdentityResult> RemoveFromRoleAsync(User user, string role) =>
        await ThenNewStampAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(User user, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        var result = await base.RemoveFromRolesAsync(user, list);
        return list.Count == 0 ? result : await ThenNewStampAsync(user, result);
    }

    /// <summary>An administrator locking an account out (an end in the future) signs it out everywhere.</summary>
    public override async Task<IdentityResult> SetLockoutEndDateAsync(User user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return lockoutEnd > DateTimeOffset.UtcNow ? await ThenNewStampAsync(user, result) : result;
    }

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
}
