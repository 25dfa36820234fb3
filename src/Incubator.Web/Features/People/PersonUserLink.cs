using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// Links a signed-up user to their person by a confirmed e-mail, from both sides: a person saved with the address of a
/// user who confirmed it, and a user confirming the address a person already has. A user is linked to one person at
/// most; an address not confirmed links nothing, since anyone may sign up with someone else's address.
/// </summary>
internal sealed class PersonUserLink(IncubatorDbContext db) : IEmailConfirmedListener
{
    /// <summary>The confirmed user with one of these (normalised) e-mails who is linked to no other person, or null.</summary>
    public async Task<string?> UserOfAsync(string personId, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var upper = emails.Select(e => e.ToUpperInvariant()).ToList();
        if (upper.Count == 0)
        {
            return null;
        }

        var people = db.Set<Person>();
        return await db.Users.Where(u => u.EmailConfirmed && u.NormalizedEmail != null && upper.Contains(u.NormalizedEmail)
                && !people.Any(p => p.UserId == u.Id && p.Id != personId && p.MergedIntoId == null))
            .OrderBy(u => u.CreatedUtc).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The user just confirmed their address: the oldest person with it and no user yet becomes theirs.</summary>
    public async Task EmailConfirmedAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(user.Email) || await db.Set<Person>().AnyAsync(p => p.UserId == user.Id && p.MergedIntoId == null, cancellationToken))
        {
            return;
        }

        var email = PersonText.NormalizeEmail(user.Email);
        var person = await db.Set<Person>()
            .Where(p => p.UserId == null && p.MergedIntoId == null
                && db.Set<PersonContact>().Any(c => c.PersonId == p.Id && c.Kind == PersonContactKind.Email && c.Normalized == email))
            .OrderBy(p => p.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        if (person is not null)
        {
            person.UserId = user.Id;
            person.RowVersion++;
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
