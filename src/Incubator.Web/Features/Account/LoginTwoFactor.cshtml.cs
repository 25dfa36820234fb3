using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or (with <c>recovery</c>) a recovery code.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.TwoFactor)]
internal sealed class LoginTwoFactorModel(SignInManager<User> signIn, SecurityAudit audit, IStringLocalizer<LoginTwoFactorModel> localizer) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Sign in with a recovery code instead of the app's code.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Recovery { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The first step has expired (or never happened): start again with the password.
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }

        var result = Recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(new string((Code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray()))
            : await signIn.TwoFactorAuthenticatorSignInAsync(new string((Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray()), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            if (Recovery)
            {
                await audit.RecordAsync(SecurityEventKinds.RecoveryCodeUsed, user.Id, user.Email);
            }

            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut
            ? localizer["Too many failed attempts: this account is locked for 15 minutes."]
            : Recovery ? localizer["This recovery code is not right or has been used."] : localizer["The code is not right. Type the code the app shows now."];
        return Page();
    }
}
