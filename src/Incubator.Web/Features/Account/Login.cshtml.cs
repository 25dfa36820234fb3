using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.SignIn)]
internal sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, IStringLocalizer<LoginModel> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>The password was right but the address is not confirmed yet: offer the confirmation e-mail again.</summary>
    public bool OfferConfirmation { get; private set; }

    public IActionResult OnGet() => Infrastructure.BadRequests.HasControlCharacters(ReturnUrl) ? InvalidReturnUrl() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Infrastructure.BadRequests.HasControlCharacters(ReturnUrl))
        {
            return InvalidReturnUrl();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        if (result.Succeeded)
        {
            return LocalRedirect(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl });
        }

        // Whether the account is locked or unconfirmed is said only to someone who gave its password (see
        // IncubatorSignInManager); everyone else reads the same words for an unknown address and a wrong password.
        if (result.IsNotAllowed && await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: false })
        {
            OfferConfirmation = true;
            Error = localizer["Confirm your e-mail address first: follow the link in the e-mail we sent you."];
        }
        else
        {
            Error = result.IsLockedOut
                ? localizer["Too many failed attempts: this account is locked for 15 minutes."]
                : localizer["The e-mail or password is not right."];
        }

        return Page();
    }

    /// <summary>The options the browser's navigator.credentials.get() takes, for any passkey of this site.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    /// <summary>Signs in with a passkey: the device's screen lock stands for both the password and the second factor.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential)
    {
        var result = string.IsNullOrEmpty(credential) ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasskeySignInAsync(credential);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // The password form's fields were not part of this attempt: their rules have nothing to say about it.
        ModelState.Clear();
        Error = result.IsLockedOut
            ? localizer["Too many failed attempts: this account is locked for 15 minutes."]
            : localizer["The passkey could not be used to sign in."];
        return Page();
    }

    /// <summary>The error page (status-code pages re-execute it) with the reason, rather than a redirect Kestrel cannot write.</summary>
    private BadRequestResult InvalidReturnUrl()
    {
        HttpContext.Items["ErrorMessage"] = localizer["The return address in the link is not valid."].Value;
        return BadRequest();
    }
}
