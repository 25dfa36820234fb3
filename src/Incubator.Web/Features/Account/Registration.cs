using Incubator.Core.Time;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Registration that does not tell which addresses have accounts: a new address gets an account and a confirmation
/// e-mail, an address that has one gets an e-mail telling its owner, and the one who registered sees the same answer.
/// The password is checked first in both cases, so a weak password is refused the same way for both.
/// </summary>
internal sealed class Registration(UserManager<User> users, OutboxEmailSender emails, SiteLinks links, TimeProvider clock)
{
    /// <summary>Registers an applicant; returns the password's or address's problems, or none when the e-mail is on its way.</summary>
    /// <param name="choices">The keys of the boxes ticked (<see cref="IAccountChoice"/>), kept until the address is confirmed.</param>
    public async Task<IReadOnlyList<IdentityError>> RegisterAsync(string email, string password, string? displayName, IReadOnlyCollection<string>? choices = null)
    {
        var existing = await users.FindByEmailAsync(email);
        var errors = await PasswordErrorsAsync(existing ?? new User { UserName = email, Email = email }, password);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (existing is not null)
        {
            await AlreadyRegisteredAsync(existing, password);
            return [];
        }

        var user = new User { UserName = email, Email = email, DisplayName = displayName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Two registrations of one address at once: the second is told as the first would have been.
            if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName") && await users.FindByEmailAsync(email) is { } raced)
            {
                await AlreadyRegisteredAsync(raced, password);
                return [];
            }

            return [.. created.Errors];
        }

        await users.AddToRoleAsync(user, Roles.Applicant);
        if (choices is { Count: > 0 })
        {
            await users.AddClaimsAsync(user, choices.Distinct(StringComparer.Ordinal).Select(c => new System.Security.Claims.Claim(AccountChoices.PendingClaim, c)));
        }

        await SendConfirmationAsync(user);
        return [];
    }

    /// <summary>What the password rules say of <paramref name="password"/>, checked the same for new and existing addresses.</summary>
    public async Task<IReadOnlyList<IdentityError>> PasswordErrorsAsync(User user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors;
    }

    /// <summary>Sends the confirmation link again; nothing is said of whether the address has an account.</summary>
    public async Task ResendConfirmationAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is { EmailConfirmed: false } user)
        {
            await SendConfirmationAsync(user);
        }
    }

    /// <summary>The owner of an existing account hears of the attempt; the hash keeps the answer's timing alike.</summary>
    public async Task AlreadyRegisteredAsync(User existing, string password)
    {
        users.PasswordHasher.HashPassword(existing, password);
        await emails.SendAlreadyRegisteredAsync(existing.Email!);
    }

    private async Task SendConfirmationAsync(User user)
    {
        var code = EmailTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.Page("/Account/ConfirmEmail", new { userId = user.Id, code });
        await emails.SendConfirmationAsync(user.Email!, link);
    }
}
