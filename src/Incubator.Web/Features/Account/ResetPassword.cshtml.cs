using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.ForgotPassword)]
public sealed class ResetPasswordModel(UserManager<User> users, IStringLocalizer<ResetPasswordModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public bool Done { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            token = string.Empty;
        }

        var result = user is null ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" }) : await users.ResetPasswordAsync(user, token, Password);
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

        Errors.AddRange(result.Errors.Select(e => e.Code == "InvalidToken"
            ? localizer["This link is no longer valid; ask for a new one."].Value
            : IdentityErrors.Describe(e, localizer)));
    }
}
