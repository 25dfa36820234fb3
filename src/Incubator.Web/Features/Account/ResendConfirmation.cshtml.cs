using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.ConfirmationEmail)]
internal sealed class ResendConfirmationModel(Registration registration) : PageModel
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

        // The same answer whether or not the address has an account, or is confirmed already.
        await registration.ResendConfirmationAsync(Email!.Trim());
        Sent = true;
    }
}
