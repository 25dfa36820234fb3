using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>The signed-in person's own account: name and phone, password, e-mail address.</summary>
[Authorize]
internal sealed class AccountIndexModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    SecurityAudit audit,
    IncubatorDbContext db,
    TimeProvider clock,
    Infrastructure.SiteLinks siteLinks,
    IEnumerable<IAccountChoice> choices,
    IStringLocalizer<AccountIndexModel> localizer) : PageModel
{
    /// <summary>The boxes other features offer (People: newsletters).</summary>
    public IReadOnlyList<IAccountChoice> Choices { get; } = [.. choices];

    /// <summary>The keys of the boxes ticked.</summary>
    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? PhoneNumber { get; set; }

    /// <summary>"vi" or "en": the language of the person's e-mails, as the site's language switch also sets it.</summary>
    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? EmailPassword { get; set; }

    public string Email { get; private set; } = string.Empty;
    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user, keepTyped: false);
        return Page();
    }

    /// <summary>Each box that changed is handed to its feature; a refusal is shown beside its box and the others still count.</summary>
    public async Task<IActionResult> OnPostChoicesAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        foreach (var choice in Choices)
        {
            var chosen = Chosen.Contains(choice.Key);
            if (chosen == await choice.IsChosenAsync(user, cancellationToken))
            {
                continue;
            }

            var result = await choice.ChooseAsync(user, chosen, AccountChoiceOrigin.AccountPage, cancellationToken);
            if (!result.Succeeded)
            {
                ModelState.AddModelError("Chosen." + choice.Key, localizer[result.Detail ?? result.Errors.Values.FirstOrDefault() ?? "This could not be saved."]);
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user, keepTyped: false, keepChosen: true);
            return Page();
        }

        Message = localizer["Your choices were saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostProfileAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var name = DisplayName?.Trim() ?? string.Empty;
        if (name.Length is 0 or > RegisterModel.DisplayNameMaxLength)
        {
            ModelState.AddModelError(nameof(DisplayName), localizer["Enter your name (at most {0} characters).", RegisterModel.DisplayNameMaxLength]);
        }

        var phone = AccountProfile.NormalisePhone(PhoneNumber);
        if (phone is null)
        {
            ModelState.AddModelError(nameof(PhoneNumber), localizer["Enter a Vietnamese phone number, e.g. 0912 345 678 or +84 912 345 678."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user, keepTyped: true);
            return Page();
        }

        // Set directly rather than through SetPhoneNumberAsync, which renews the security stamp: a new phone number
        // is not a reason to sign the person out of their other browsers.
        var stored = phone!.Length == 0 ? null : phone;
        if (!string.Equals(user.PhoneNumber, stored, StringComparison.Ordinal))
        {
            user.PhoneNumber = stored;
            user.PhoneNumberConfirmed = false;
        }

        user.DisplayName = name;
        user.Language = UserLanguage.Code(Language);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(DisplayName), string.Join(" ", result.Errors.Select(e => IdentityErrors.Describe(e, localizer))));
            await LoadAsync(user, keepTyped: true);
            return Page();
        }

        Message = localizer["Your profile was saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), localizer["Enter the new password."]);
        }
        else if (!string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), localizer["The two new passwords are not the same."]);
        }

        if (ModelState.IsValid && await CheckPasswordAsync(user, CurrentPassword, nameof(CurrentPassword)))
        {
            var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
            if (result.Succeeded)
            {
                await audit.RecordAsync(SecurityEventKinds.PasswordChanged, user.Id, user.Email);
                // ChangePasswordAsync renewed the security stamp, which ends every other session; this browser gets a
                // cookie carrying the new stamp so the person stays signed in here.
                await signIn.RefreshSignInAsync(user);
                Message = localizer["Your password was changed. Your other sessions were signed out."].Value;
                return RedirectToPage();
            }

            ModelState.AddModelError(nameof(NewPassword), string.Join(" ", result.Errors.Select(e => IdentityErrors.Describe(e, localizer))));
        }

        await LoadAsync(user, keepTyped: false);
        return Page();
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var email = NewEmail?.Trim() ?? string.Empty;
        if (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            ModelState.AddModelError(nameof(NewEmail), localizer["Enter a valid e-mail address."]);
        }
        else if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), localizer["This is already your address."]);
        }

        if (ModelState.IsValid && await CheckPasswordAsync(user, EmailPassword, nameof(EmailPassword)))
        {
            // An address another account holds gets no e-mail, and the answer is the same, so the form cannot be used
            // to find out who has an account; the change would fail at confirmation anyway.
            if (await users.FindByEmailAsync(email) is null)
            {
                var token = EmailTokens.Encode(await users.GenerateChangeEmailTokenAsync(user, email));
                var link = siteLinks.Page("/Account/ConfirmEmailChange", new { userId = user.Id, email, code = token });
                db.OutboxEmails.Add(new OutboxEmail
                {
                    To = email,
                    Subject = localizer["Confirm your new e-mail address"],
                    HtmlBody = localizer["Confirm the new address of your account by <a href=\"{0}\">following this link</a>. If you did not ask for this, ignore this e-mail.", HtmlEncoder.Default.Encode(link)],
                    CreatedUtc = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync();
            }

            Message = localizer["We sent a link to {0}. Your address changes when you follow it.", email].Value;
            return RedirectToPage();
        }

        await LoadAsync(user, keepTyped: true);
        return Page();
    }

    /// <summary>Checks a re-entered password; failures count towards the lockout like a failed sign-in.</summary>
    private async Task<bool> CheckPasswordAsync(User user, string? password, string field)
    {
        if (await Reauthentication.RefuseAsync(signIn, user, password, localizer) is not { } refused)
        {
            return true;
        }

        ModelState.AddModelError(field, refused);
        return false;
    }

    /// <param name="keepChosen">Show the boxes as posted (the choices form is shown again with a refusal).</param>
    private async Task LoadAsync(User user, bool keepTyped, bool keepChosen = false)
    {
        Email = user.Email ?? string.Empty;
        if (!keepTyped)
        {
            DisplayName = user.DisplayName;
            PhoneNumber = user.PhoneNumber;
            Language = UserLanguage.Code(user.Language);
        }

        if (!keepChosen)
        {
            Chosen = [];
            foreach (var choice in Choices)
            {
                if (await choice.IsChosenAsync(user, HttpContext.RequestAborted))
                {
                    Chosen.Add(choice.Key);
                }
            }
        }

        CurrentPassword = NewPassword = ConfirmPassword = EmailPassword = null;
    }
}

/// <summary>Rules for the fields of a person's own profile.</summary>
internal static partial class AccountProfile
{
    /// <summary>
    /// A Vietnamese phone number as stored (spaces, dots, dashes and brackets dropped), an empty string when none was
    /// given, or null when it is not a phone number: 0 or +84, then 9 or 10 digits (mobile and landline).
    /// </summary>
    public static string? NormalisePhone(string? input)
    {
        var cleaned = Separators().Replace(input?.Trim() ?? string.Empty, string.Empty);
        return cleaned.Length == 0 ? string.Empty : PhonePattern().IsMatch(cleaned) ? cleaned : null;
    }

    /// <summary>The digits of a phone number in national form, so "+84 912..." and "0912..." compare equal.</summary>
    public static string DigitsOf(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.StartsWith("84", StringComparison.Ordinal) && digits.Length > 10 ? "0" + digits[2..] : digits;
    }

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(\+84|0)[1-9][0-9]{8,9}$")]
    private static partial Regex PhonePattern();
}
