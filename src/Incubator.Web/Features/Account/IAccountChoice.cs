using Incubator.Core.Results;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incubator.Web.Features.Account;

/// <summary>
/// A yes-or-no choice another feature offers a person, as a box on the registration form and on their account page
/// (People: "send me the newsletters", which records their consent). Account knows only this list: it draws the boxes,
/// keeps a box ticked at registration until the address is confirmed (a choice made with someone else's address must
/// not take effect), and hands each change to the feature.
/// </summary>
internal interface IAccountChoice
{
    /// <summary>The box's form value, unique among the choices (letters and dashes).</summary>
    string Key { get; }

    /// <summary>The box's label, in English; the page translates it.</summary>
    string Label { get; }

    /// <summary>What ticking the box means (who writes, how to stop), in English; the page translates it.</summary>
    string Hint { get; }

    /// <summary>Whether the box is ticked now for this user.</summary>
    Task<bool> IsChosenAsync(User user, CancellationToken cancellationToken);

    /// <summary>Records the user's choice; <paramref name="origin"/> says where it was made. A refusal carries its message.</summary>
    Task<CommandResult> ChooseAsync(User user, bool chosen, AccountChoiceOrigin origin, CancellationToken cancellationToken);
}

/// <summary>Where a choice was made: the registration form (taking effect when the address is confirmed) or the account page.</summary>
internal enum AccountChoiceOrigin
{
    Registration,
    AccountPage,
}

internal static class AccountChoices
{
    /// <summary>The claim that keeps a box ticked at registration until the address is confirmed; its value is the key.</summary>
    public const string PendingClaim = "incubator:pending-choice";

    /// <summary>Offers a feature's choice on the registration form and the account page.</summary>
    public static IServiceCollection AddAccountChoice<TChoice>(this IServiceCollection services)
        where TChoice : class, IAccountChoice
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAccountChoice, TChoice>());
        return services;
    }
}

/// <summary>
/// On a confirmed address, the boxes ticked at registration take effect, once: each pending claim is handed to its
/// choice and removed. Works on the claims table directly (the user manager calls the listeners).
/// </summary>
internal sealed class PendingAccountChoices(IncubatorDbContext db, IEnumerable<IAccountChoice> choices) : IEmailConfirmedListener
{
    public async Task EmailConfirmedAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var pending = await db.UserClaims.Where(c => c.UserId == user.Id && c.ClaimType == AccountChoices.PendingClaim).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        db.UserClaims.RemoveRange(pending);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var choice in choices.Where(c => pending.Exists(p => p.ClaimValue == c.Key)))
        {
            await choice.ChooseAsync(user, true, AccountChoiceOrigin.Registration, cancellationToken);
        }
    }
}
