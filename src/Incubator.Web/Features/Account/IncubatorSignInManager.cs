using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Identity's sign-in with two changes that keep it from telling which addresses have accounts (for the sign-in page
/// and the API's login alike): an unknown address costs one password hash like a known one, and an account's state
/// (locked, unconfirmed) is told only to someone who gave its password; a wrong password is just "failed".
/// </summary>
internal sealed class IncubatorSignInManager(
    UserManager<User> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName ?? string.Empty);
        if (user is null)
        {
            // The same work as checking a real password, so the answer's timing does not give the address away.
            var dummy = new User();
            _dummyHash ??= UserManager.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
            UserManager.PasswordHasher.VerifyHashedPassword(dummy, _dummyHash, password ?? string.Empty);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password ?? string.Empty, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(User user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            // Identity would answer "locked out" here, before or after counting this failure, to anyone who tries an
            // address five times: a way to learn that the account exists. The count still runs; the answer stays "failed".
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
}
