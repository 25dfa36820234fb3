using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// "Send me the newsletters": the box on the registration form and the account page, recorded as the person's consent
/// (source registration or account, Decree 13/2023/NĐ-CP) on the person linked to the user. A user with no person yet
/// gets one, linked first to a person staff already recorded with the confirmed address. An address not yet confirmed
/// consents to nothing: a box ticked at registration waits for the confirmation (<see cref="PendingAccountChoices"/>).
/// </summary>
internal sealed class NewsletterChoice(IncubatorDbContext db, PersonUserLink link, SavePerson save, RecordConsent consents) : IAccountChoice
{
    public string Key => "newsletter";

    public string Label => "Send me the newsletters of the Department and the incubator by e-mail";

    public string Hint => "News of support programmes, trainings and events. Every e-mail has a link to stop them, and you can untick this box at any time.";

    public async Task<bool> IsChosenAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await PersonIdAsync(user, cancellationToken) is { } personId
            && await RecordConsent.Newest(db, personId).Select(c => (bool?)c.Given).FirstOrDefaultAsync(cancellationToken) == true;
    }

    public async Task<CommandResult> ChooseAsync(User user, bool chosen, AccountChoiceOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.EmailConfirmed || string.IsNullOrEmpty(user.Email))
        {
            return CommandResult.Conflict("Confirm your e-mail address first: follow the link we sent you.");
        }

        var personId = await PersonIdAsync(user, cancellationToken);
        if (personId is null)
        {
            if (!chosen)
            {
                return CommandResult.Ok();
            }

            await link.EmailConfirmedAsync(user, cancellationToken);
            personId = await PersonIdAsync(user, cancellationToken);
        }

        if (personId is null)
        {
            var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName;
            var (created, _) = await save.SaveAsync(null, new PersonInput(name, [user.Email]), user.Id, allowNamesake: true, ignoreDuplicates: true, cancellationToken);
            if (!created.Succeeded)
            {
                return created;
            }

            personId = created.Value!.Id;
            if (created.Value.UserId is null)
            {
                created.Value.UserId = user.Id;
            }
        }

        var source = origin == AccountChoiceOrigin.Registration ? ConsentSource.Registration : ConsentSource.Account;
        consents.Add(personId, new PersonConsent { Purpose = PersonConsent.Newsletter, Given = chosen, Source = source }, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    private Task<string?> PersonIdAsync(User user, CancellationToken cancellationToken) =>
        db.Set<Person>().Where(p => p.UserId == user.Id && p.MergedIntoId == null).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
}
