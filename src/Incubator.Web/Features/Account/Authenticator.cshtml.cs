using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Enrolment of an authenticator app: the key as a QR code drawn here (SVG; no outside service sees the secret) and
/// as text, then a code from the app to prove it works; ten recovery codes are shown once.
/// </summary>
[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimitPolicies.TwoFactor)]
internal sealed class AuthenticatorModel(UserManager<User> users, SignInManager<User> signIn, SiteLinks links, SecurityAudit audit, IStringLocalizer<AuthenticatorModel> localizer) : PageModel
{
    public string Key { get; private set; } = string.Empty;
    public string QrSvg { get; private set; } = string.Empty;

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = LocalReturnUrl() });
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = LocalReturnUrl() });
        }

        var code = new string((Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.AuthenticatorProvider(), code))
        {
            Error = localizer["The code is not right. Check that the phone's clock is right and type the code the app shows now."];
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await audit.RecordAsync(SecurityEventKinds.TwoFactorEnabled, user.Id, user.Email);

        // Turning the second factor on changes the security stamp; this browser has just proved it and stays signed in.
        await signIn.RefreshSignInAsync(user);
        ReturnUrl = LocalReturnUrl();
        return Page();
    }

    private string? LocalReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    private async Task LoadKeyAsync(User user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        Key = SecondFactorExtensions.FormatKey(key);
        var uri = SecondFactorExtensions.AuthenticatorUri(links.BaseUrl.Host, user.Email ?? user.UserName ?? string.Empty, key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
        ReturnUrl = LocalReturnUrl();
    }
}
