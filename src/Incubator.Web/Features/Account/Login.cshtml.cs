using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.SignIn)]
public sealed class LoginModel(SignInManager<User> signIn, IStringLocalizer<LoginModel> localizer) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => Infrastructure.BadRequests.HasControlCharacters(ReturnUrl) ? InvalidReturnUrl() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Infrastructure.BadRequests.HasControlCharacters(ReturnUrl))
        {
            return InvalidReturnUrl();
        }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut
            ? localizer["Too many failed attempts: this account is locked for 15 minutes."]
            : localizer["The e-mail or password is not right."];
        return Page();
    }

    /// <summary>The error page (status-code pages re-execute it) with the reason, rather than a redirect Kestrel cannot write.</summary>
    private BadRequestResult InvalidReturnUrl()
    {
        HttpContext.Items["ErrorMessage"] = localizer["The return address in the link is not valid."].Value;
        return BadRequest();
    }
}
