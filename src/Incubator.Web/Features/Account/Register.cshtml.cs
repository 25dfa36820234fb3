using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.Registration)]
internal sealed class RegisterModel(Registration registration, IEnumerable<IAccountChoice> choices, IStringLocalizer<RegisterModel> localizer) : PageModel
{
    /// <summary>The boxes other features offer (People: newsletters), none ticked unless the person ticks it.</summary>
    public IReadOnlyList<IAccountChoice> Choices { get; } = [.. choices];

    /// <summary>The keys of the boxes ticked; unknown keys are ignored.</summary>
    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    public const int DisplayNameMaxLength = 100;

    [BindProperty]
    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(DisplayNameMaxLength, ErrorMessage = "At most {1} characters.")]
    public string? DisplayName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter a valid e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The e-mail has gone out: to confirm a new account or, for an address that has one, to tell its owner.</summary>
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email!.Trim();
        var chosen = Choices.Select(c => c.Key).Where(Chosen.Contains).ToList();
        var errors = await registration.RegisterAsync(email, Password ?? string.Empty, DisplayName!.Trim(), chosen);
        IdentityErrors.AddTo(errors, ModelState, localizer);
        Sent = ModelState.IsValid;
        Email = email;
        return Page();
    }
}
