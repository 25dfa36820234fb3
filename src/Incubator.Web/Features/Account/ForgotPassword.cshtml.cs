using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.ForgotPassword)]
internal sealed class ForgotPasswordModel(UserManager<User> users, IEmailSender<User> email, Infrastructure.SiteLinks links) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter a valid e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public async Task OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return;
        }

        // The answer is the same whether or not the address has an account, so nobody can probe for accounts.
        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is not null)
        {
            var token = EmailTokens.Encode(await users.GeneratePasswordResetTokenAsync(user));
            // The site's configured address, never the request's Host: a forged Host would send the reset link elsewhere.
            var link = links.Page("/Account/ResetPassword", new { email = user.Email, code = token });
            await email.SendPasswordResetLinkAsync(user, user.Email!, link);
        }

        Sent = true;
    }
}
