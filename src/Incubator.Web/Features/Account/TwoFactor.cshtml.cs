using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>The user's second factor: whether it is on, new recovery codes, a new authenticator, turning it off.</summary>
[Authorize]
internal sealed class TwoFactorModel(UserManager<User> users, SignInManager<User> signIn, SecondFactorRule rule, SecurityAudit audit, IStringLocalizer<TwoFactorModel> localizer) : PageModel
{
    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The user's roles need a second factor under the site's rule: it cannot be turned off.</summary>
    public bool Required { get; private set; }

    /// <summary>The user came here because the back office or the API refused them until they enrol.</summary>
    [BindProperty(SupportsGet = true, Name = "required")]
    public bool SentHere { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Fresh recovery codes, shown once.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            Error = localizer["Set up an authenticator app first."];
        }
        else
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
            await audit.RecordAsync(SecurityEventKinds.RecoveryCodesGenerated, user.Id, user.Email);
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>A new key for a new phone: the old authenticator stops working and the new one must be set up now.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(SecurityEventKinds.TwoFactorReset, user.Id, user.Email);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("/Account/Authenticator", new { returnUrl = ReturnUrl });
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        if (Required)
        {
            Error = localizer["Your role needs two-factor sign-in: it cannot be turned off. Set up a new authenticator instead."];
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(SecurityEventKinds.TwoFactorDisabled, user.Id, user.Email);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task LoadAsync(User user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        Required = rule.Required && SecondFactorRule.AppliesToRoles(await users.GetRolesAsync(user));
        if (!Url.IsLocalUrl(ReturnUrl))
        {
            ReturnUrl = null;
        }
    }
}
