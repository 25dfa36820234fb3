using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Registration)]
public sealed class RegisterModel(Registration registration, IStringLocalizer<RegisterModel> localizer) : PageModel
{
    [BindProperty]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public List<string> Errors { get; } = [];

    /// <summary>The e-mail has gone out: to confirm a new account or, for an address that has one, to tell its owner.</summary>
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            Errors.Add(localizer["Enter a valid e-mail address."]);
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 100)
        {
            Errors.Add(localizer["Enter your name (at most 100 characters)."]);
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var errors = await registration.RegisterAsync(email, Password, DisplayName.Trim());
        Errors.AddRange(errors.Select(e => IdentityErrors.Describe(e, localizer)));
        Sent = Errors.Count == 0;
        Email = email;
        return Page();
    }
}
