using Incubator.Core.Time;
using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Account;

/// <summary>Accounts that an administrator (or the first start) creates: e-mail confirmed, roles given at once.</summary>
internal static class UserAccounts
{
    /// <summary>Creates the user and adds the roles; nothing is created when Identity refuses the e-mail or password.</summary>
    public static async Task<(User User, IdentityResult Result)> CreateConfirmedAsync(
        UserManager<User> users, TimeProvider clock, string email, string password, IEnumerable<string> roles, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(clock);
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, password);
        var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
        if (result.Succeeded && wanted.Count > 0)
        {
            result = await users.AddToRolesAsync(user, wanted);
        }

        return (user, result);
    }
}
