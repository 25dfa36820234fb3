using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// Withdraws a person's newsletter consent from a mailing's link: a <see cref="PersonConsent"/> row, given false, from
/// <see cref="ConsentSource.Unsubscribe"/>, naming the mailing; the mailing counts them as unsubscribed. A person
/// already without consent gets no second row. A merged record's link acts on the person it was merged into.
/// </summary>
internal sealed class UnsubscribePerson(IncubatorDbContext db, UnsubscribeTokens tokens, TimeProvider clock)
{
    /// <summary>The person's name when the token is good, for the page; null otherwise.</summary>
    public async Task<string?> NameAsync(string token, CancellationToken cancellationToken) =>
        tokens.Read(token) is var (personId, _) && await FindAsync(personId, cancellationToken) is { } person ? person.FullName : null;

    /// <returns>False when the token is bad: nothing is changed.</returns>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not var (personId, mailingId) || await FindAsync(personId, cancellationToken) is not { } person)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var consenting = await SegmentMembers.Consenting(db, db.Set<Person>().Where(p => p.Id == person.Id), given: true).AnyAsync(cancellationToken);
        if (consenting)
        {
            db.Add(new PersonConsent
            {
                PersonId = person.Id, Purpose = PersonConsent.Newsletter, Given = false, AtUtc = now, Source = ConsentSource.Unsubscribe,
                Basis = $"Mailing {mailingId}",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.Set<MailingRecipient>().Where(r => r.MailingId == mailingId && (r.PersonId == personId || r.PersonId == person.Id) && r.UnsubscribedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UnsubscribedUtc, now), cancellationToken);
        return true;
    }

    private async Task<Person?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        return person?.MergedIntoId is { } merged ? await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == merged, cancellationToken) : person;
    }
}
