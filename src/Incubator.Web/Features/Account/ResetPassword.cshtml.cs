using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.ForgotPassword)]
internal sealed class ResetPasswordModel(UserManager<User> users, IStringLocalizer<ResetPasswordModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Enter the new password.")]
    public string? Password { get; set; }

    public bool Done { get; private set; }

    public async Task OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return;
        }

        var user = await users.FindByEmailAsync(Email);
        var token = EmailTokens.Decode(Code);

        var result = user is null || token is null ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" }) : await users.ResetPasswordAsync(user, token, Password!);
        if (result.Succeeded)
        {
            // Following the e-mailed link proves the address as well as a confirmation link would.
            if (!user!.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }

            Done = true;
            return;
        }

        if (result.Errors.Any(e => e.Code == "InvalidToken"))
        {
            ModelState.AddModelError(string.Empty, localizer["This link is no longer valid; ask for a new one."]);
            return;
        }

        IdentityErrors.AddTo(result.Errors, ModelState, localizer);
    }
}
