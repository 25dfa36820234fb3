using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.ConfirmationEmail)]
public sealed class ResendConfirmationModel(Registration registration) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync()
    {
        // The same answer whether or not the address has an account, or is confirmed already.
        var email = Email.Trim();
        if (System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            await registration.ResendConfirmationAsync(email);
        }

        Sent = true;
    }
}
