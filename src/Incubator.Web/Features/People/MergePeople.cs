using Incubator.Core.Results;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>The API's request to merge another person into the one addressed.</summary>
internal sealed record MergePeopleRequest(string? OtherId);

/// <summary>
/// Merges a duplicate into the person kept: every contact (once each), link and consent row moves to the kept person,
/// the fields the kept person lacks are taken from the other, and every feature's rows naming the other
/// (<see cref="IPersonReferences"/>) are pointed at the kept one, all in one transaction. The other record stays as a
/// pointer (<see cref="Person.MergedIntoId"/>) so that its old address leads to the kept person.
/// </summary>
internal sealed class MergePeople(IncubatorDbContext db, IEnumerable<IPersonReferences> references, TimeProvider clock)
{
    public async Task<CommandResult<Person>> MergeAsync(string keepId, string? otherId, string? userId, CancellationToken cancellationToken)
    {
        var people = db.Set<Person>().Include(p => p.Contacts).Include(p => p.Links);
        var kept = await people.FirstOrDefaultAsync(p => p.Id == keepId && p.MergedIntoId == null, cancellationToken);
        if (kept is null)
        {
            return CommandResult.NotFound().As<Person>();
        }

        if (string.IsNullOrWhiteSpace(otherId))
        {
            return CommandResult.Invalid("otherId", "Choose the person to merge.").As<Person>();
        }

        if (otherId == keepId)
        {
            return CommandResult.Invalid("otherId", "A person cannot be merged into themselves.").As<Person>();
        }

        var other = await people.FirstOrDefaultAsync(p => p.Id == otherId && p.MergedIntoId == null, cancellationToken);
        if (other is null)
        {
            return CommandResult.Invalid("otherId", "There is no such person.").As<Person>();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var contact in other.Contacts.ToList())
        {
            other.Contacts.Remove(contact);
            if (kept.Contacts.Exists(c => c.Kind == contact.Kind && c.Normalized == contact.Normalized))
            {
                db.Remove(contact);
            }
            else
            {
                contact.PersonId = kept.Id;
                kept.Contacts.Add(contact);
            }
        }

        foreach (var link in other.Links.ToList())
        {
            other.Links.Remove(link);
            if (kept.Links.Find(l => l.OrganisationId == link.OrganisationId && l.Role == link.Role) is { } same)
            {
                same.From ??= link.From;
                same.To ??= link.To;
                db.Remove(link);
            }
            else
            {
                link.PersonId = kept.Id;
                kept.Links.Add(link);
            }
        }

        foreach (var consent in await db.Set<PersonConsent>().Where(c => c.PersonId == other.Id).ToListAsync(cancellationToken))
        {
            consent.PersonId = kept.Id;
        }

        kept.Title ??= other.Title;
        kept.Gender ??= other.Gender;
        kept.BirthYear ??= other.BirthYear;
        kept.Locality ??= other.Locality;
        kept.Tags = [.. kept.Tags.Union(other.Tags, StringComparer.OrdinalIgnoreCase)];
        kept.Notes = string.IsNullOrEmpty(other.Notes) ? kept.Notes : string.IsNullOrEmpty(kept.Notes) ? other.Notes : $"{kept.Notes}\n\n{other.Notes}";
        if (kept.Notes?.Length > 4000)
        {
            kept.Notes = kept.Notes[..4000];
        }

        if (kept.UserId is null)
        {
            kept.UserId = other.UserId;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        other.UserId = null;
        other.MergedIntoId = kept.Id;
        foreach (var person in new[] { kept, other })
        {
            person.ModifiedUtc = now;
            person.ModifiedBy = userId;
            person.RowVersion++;
        }

        // Pointers to the other person (from an earlier merge) now lead straight to the kept one.
        foreach (var pointer in await db.Set<Person>().Where(p => p.MergedIntoId == other.Id).ToListAsync(cancellationToken))
        {
            pointer.MergedIntoId = kept.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var reference in references)
        {
            await reference.RepointAsync(other.Id, kept.Id, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Ok(kept);
    }
}
