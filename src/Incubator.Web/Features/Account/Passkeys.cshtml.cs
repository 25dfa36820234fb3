using Incubator.Core.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Passkeys (WebAuthn, Identity's own implementation) as another way to sign in, for those who want one: the phone's or
/// computer's screen lock instead of the password and the code. Adding one needs JavaScript (the browser's WebAuthn
/// API); everything else on the page works without it.
/// </summary>
[Authorize]
internal sealed class PasskeysModel(UserManager<User> users, SignInManager<User> signIn, SecurityAudit audit, TimeProvider clock, IStringLocalizer<PasskeysModel> localizer) : PageModel
{
    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Message = TempData["Message"] as string;
        Passkeys = [.. await users.GetPasskeysAsync(user)];
        return Page();
    }

    /// <summary>The options the browser's navigator.credentials.create() takes; Identity keeps the challenge to check the answer.</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var entity = new PasskeyUserEntity { Id = user.Id, Name = user.Email ?? user.UserName ?? user.Id, DisplayName = user.DisplayName ?? user.Email ?? user.Id };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(string? credential, string? name)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = string.IsNullOrEmpty(credential) ? null : await signIn.PerformPasskeyAttestationAsync(credential);
        if (result is not { Succeeded: true } || result.UserEntity?.Id != user.Id)
        {
            Error = localizer["The passkey could not be added. Try again, or use another device."];
        }
        else
        {
            var passkey = result.Passkey;
            passkey.Name = string.IsNullOrWhiteSpace(name) ? localizer["Passkey added on {0}", VietnamTime.FormatDate(clock.GetUtcNow().UtcDateTime)].Value : name.Trim()[..Math.Min(name.Trim().Length, 100)];
            await users.AddOrUpdatePasskeyAsync(user, passkey);
            await audit.RecordAsync(SecurityEventKinds.PasskeyAdded, user.Id, user.Email, passkey.Name);
            Message = localizer["Passkey added: next time you can sign in with it."];
        }

        Passkeys = [.. await users.GetPasskeysAsync(user)];
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? string.Empty);
        }
        catch (FormatException)
        {
            return NotFound();
        }

        if (await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
        {
            return NotFound();
        }

        await users.RemovePasskeyAsync(user, credentialId);
        await audit.RecordAsync(SecurityEventKinds.PasskeyRemoved, user.Id, user.Email, passkey.Name);
        TempData["Message"] = localizer["Passkey removed."].Value;
        return RedirectToPage();
    }
}
