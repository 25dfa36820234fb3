using Incubator.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Registration)]
public sealed class RegisterModel(UserManager<User> users, SignInManager<User> signIn, IClock clock, IStringLocalizer<RegisterModel> localizer) : PageModel
{
    [BindProperty]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public List<string> Errors { get; } = [];

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

        var user = new User { UserName = email, Email = email, DisplayName = DisplayName.Trim(), CreatedUtc = clock.UtcNow };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => IdentityErrors.Describe(e, localizer)));
            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Applicant);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/my/organisations");
    }
}
