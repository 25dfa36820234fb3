using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Asking a signed-in person for their password again before a change that a session left open on a shared computer
/// must not allow (a new password or address, a deletion request). Failures count towards the lockout, as at sign-in.
/// </summary>
internal static class Reauthentication
{
    /// <summary>Null when the password is right; otherwise why not, ready to show.</summary>
    public static async Task<string?> RefuseAsync(SignInManager<User> signIn, User user, string? password, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(localizer);
        var result = await signIn.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return null;
        }

        return result.IsLockedOut
            ? localizer["Too many failed attempts: this account is locked for 15 minutes."]
            : localizer["The current password is not right."];
    }
}
