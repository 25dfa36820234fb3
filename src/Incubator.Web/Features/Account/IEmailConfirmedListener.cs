namespace Incubator.Web.Features.Account;

/// <summary>
/// A feature that acts when a user proves an address is theirs: a confirmed registration or a confirmed change of
/// e-mail (People links the person with that address to the user). Called by <see cref="IncubatorUserManager"/>
/// after the confirmation is saved, so every way of confirming passes here; Account knows only this list.
/// </summary>
internal interface IEmailConfirmedListener
{
    Task EmailConfirmedAsync(User user, CancellationToken cancellationToken);
}
