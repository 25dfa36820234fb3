using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Where the confirmation e-mail leads, for the registration page and Identity's API alike (whose own endpoint answers
/// with English text): confirms the address, or for an e-mail change, moves the account to the new address.
/// </summary>
internal sealed class ConfirmEmailModel(UserManager<User> users, SecurityAudit audit) : PageModel
{
    public bool Confirmed { get; private set; }
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code, string? changedEmail)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || EmailTokens.Decode(code) is not { } token)
        {
            return;
        }

        if (string.IsNullOrEmpty(changedEmail))
        {
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
            return;
        }

        var previous = user.Email;
        var result = await users.ChangeEmailAsync(user, changedEmail, token);
        if (result.Succeeded && string.Equals(user.UserName, previous, StringComparison.OrdinalIgnoreCase))
        {
            result = await users.SetUserNameAsync(user, changedEmail);
        }

        if (result.Succeeded)
        {
            await audit.RecordAsync(SecurityEventKinds.EmailChanged, user.Id, changedEmail, $"{previous} -> {changedEmail}");
        }

        Confirmed = Changed = result.Succeeded;
    }
}
