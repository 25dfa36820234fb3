using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>
/// The link sent to a new address. Opening it only shows a button: the change happens on the POST, so a mail
/// scanner that fetches links cannot make it. Open to anonymous visitors, since the link may be opened on another
/// device; the token, bound to the account, the address and the security stamp, is the proof.
/// </summary>
internal sealed class ConfirmEmailChangeModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    SecurityAudit audit,
    IncubatorDbContext db,
    TimeProvider clock,
    IStringLocalizer<ConfirmEmailChangeModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string UserId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    public bool Done { get; private set; }
    public bool SignedIn { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        var token = EmailTokens.Decode(Code);

        if (user is null || token is null)
        {
            Error = localizer["This link is no longer valid; ask for a new one."];
            return Page();
        }

        var previous = user.Email;
        // The user name follows the address when it was the address (every account the site creates), in the same
        // update as the e-mail, so that signing in with the new address works at once.
        var userNameFollows = string.Equals(user.UserName, previous, StringComparison.OrdinalIgnoreCase);
        if (userNameFollows)
        {
            user.UserName = Email;
        }

        var result = await users.ChangeEmailAsync(user, Email, token);
        if (!result.Succeeded)
        {
            Error = result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? localizer["This address is already used by another account."]
                : localizer["This link is no longer valid; ask for a new one."];
            return Page();
        }

        audit.Add(SecurityEventKinds.EmailChanged, user.Id, Email, $"from {previous}");
        if (!string.IsNullOrEmpty(previous))
        {
            db.OutboxEmails.Add(new OutboxEmail
            {
                To = previous,
                Subject = localizer["The e-mail address of your account was changed"],
                HtmlBody = localizer["The e-mail address of your account was changed to {0}. If you did not do this, reset your password and contact the site's staff at once.", System.Net.WebUtility.HtmlEncode(Email)],
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
        }

        await db.SaveChangesAsync();

        // ChangeEmailAsync renewed the security stamp, ending every session; the browser that confirmed keeps its own
        // when it belongs to this account.
        if (users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
            SignedIn = true;
        }

        Done = true;
        return Page();
    }
}
