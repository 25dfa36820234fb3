using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>Another person a save would duplicate, and the rule that found them: "email", "phone" or "name".</summary>
internal sealed record PersonDuplicate(string Id, string FullName, string Rule)
{
    /// <summary>Only a namesake in the same organisation: a true namesake may be saved anyway.</summary>
    public bool ByNameOnly => Rule == "name";
}

/// <summary>
/// Creates or changes a person. The fields are checked (<see cref="PersonRules"/>), then the others the person would
/// duplicate are looked for: the same e-mail in any case, the same phone in any form (+84 or 0), or the same
/// normalised name linked to one of the same organisations. A duplicate refuses the save (a conflict naming them) so
/// that staff merge instead; a namesake alone may be saved anyway when the caller says so. A person with the e-mail of
/// a user whose address is confirmed is linked to that user.
/// </summary>
internal sealed class SavePerson(IncubatorDbContext db, TaxonomyService taxonomies, OrganisationNames organisations, PersonUserLink userLink, TimeProvider clock)
{
    public const string DuplicateMessage = "This person seems to be recorded already.";

    /// <param name="id">The person to change; null to create one.</param>
    /// <param name="allowNamesake">Save although a person of the same name is linked to the same organisation.</param>
    /// <param name="ignoreDuplicates">Save whatever duplicates exist (the page does so just before merging them).</param>
    public async Task<(CommandResult<Person> Result, IReadOnlyList<PersonDuplicate> Duplicates)> SaveAsync(
        string? id, PersonInput input, string? userId, bool allowNamesake, bool ignoreDuplicates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Person? person = null;
        if (id is not null)
        {
            person = await db.Set<Person>().Include(p => p.Contacts).Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, cancellationToken);
            if (person is null)
            {
                return (CommandResult.NotFound().As<Person>(), []);
            }
        }

        var linked = (input.Links ?? []).Where(l => l?.OrganisationId is not null).Select(l => l.OrganisationId!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var existing = (await organisations.ListAsync(linked, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var (valid, errors) = PersonRules.Check(input, await taxonomies.LocalitiesAsync(cancellationToken), existing, now);
        if (valid is null)
        {
            return (CommandResult.Invalid(errors).As<Person>(), []);
        }

        if (!ignoreDuplicates)
        {
            // A namesake once saved anyway is not raised again on every later change: the name rule looks only at a
            // changed name or an organisation newly linked.
            var byName = person is null || person.NormalizedName != PersonText.NormalizeName(valid.FullName)
                || valid.Links.Any(l => !person.Links.Exists(k => k.OrganisationId == l.OrganisationId));
            var duplicates = await FindDuplicatesAsync(id, valid, byName, cancellationToken);
            if (duplicates.Count > 0 && !(allowNamesake && duplicates.All(d => d.ByNameOnly)))
            {
                return (CommandResult.Conflict(DuplicateMessage).As<Person>(), duplicates);
            }
        }

        if (person is null)
        {
            person = new Person { Id = Guid.CreateVersion7().ToString("N"), CreatedUtc = now, CreatedBy = userId };
            db.Add(person);
        }

        Apply(person, valid);
        person.ModifiedUtc = now;
        person.ModifiedBy = userId;
        person.RowVersion++;
        person.UserId ??= await userLink.UserOfAsync(person.Id, valid.Emails, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (CommandResult.Ok(person), []);
    }

    /// <summary>The people (not merged away, not this one) sharing an e-mail, a phone, or a name and an organisation.</summary>
    public async Task<IReadOnlyList<PersonDuplicate>> FindDuplicatesAsync(string? id, CheckedPerson person, bool byName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = new List<PersonDuplicate>();
        var people = db.Set<Person>().Where(p => p.MergedIntoId == null && p.Id != id);
        foreach (var (kind, rule, values) in new[] { (PersonContactKind.Email, "email", person.Emails.ToList()), (PersonContactKind.Phone, "phone", person.Phones.ToList()) })
        {
            if (values.Count == 0)
            {
                continue;
            }

            var matches = await people.Where(p => db.Set<PersonContact>().Any(c => c.PersonId == p.Id && c.Kind == kind && values.Contains(c.Normalized)))
                .Select(p => new { p.Id, p.FullName }).ToListAsync(cancellationToken);
            found.AddRange(matches.Where(m => !found.Exists(f => f.Id == m.Id)).Select(m => new PersonDuplicate(m.Id, m.FullName, rule)));
        }

        var organisationIds = person.Links.Select(l => l.OrganisationId).Distinct(StringComparer.Ordinal).ToList();
        if (byName && organisationIds.Count > 0)
        {
            var name = PersonText.NormalizeName(person.FullName);
            var namesakes = await people.Where(p => p.NormalizedName == name && db.Set<PersonLink>().Any(l => l.PersonId == p.Id && organisationIds.Contains(l.OrganisationId)))
                .Select(p => new { p.Id, p.FullName }).ToListAsync(cancellationToken);
            found.AddRange(namesakes.Where(m => !found.Exists(f => f.Id == m.Id)).Select(m => new PersonDuplicate(m.Id, m.FullName, "name")));
        }

        return found;
    }

    /// <summary>Replaces the person's fields, contacts and links with the checked ones, keeping the rows that stay.</summary>
    private void Apply(Person person, CheckedPerson valid)
    {
        person.FullName = valid.FullName;
        person.NormalizedName = PersonText.NormalizeName(valid.FullName);
        person.Title = valid.Title;
        person.Gender = valid.Gender;
        person.BirthYear = valid.BirthYear;
        person.Locality = valid.Locality;
        person.Tags = [.. valid.Tags];
        person.Notes = valid.Notes;

        foreach (var contact in person.Contacts.Where(c => !valid.Contacts.Any(v => v.Kind == c.Kind && v.Normalized == c.Normalized)).ToList())
        {
            person.Contacts.Remove(contact);
            db.Remove(contact);
        }

        foreach (var (kind, value, normalized) in valid.Contacts)
        {
            if (person.Contacts.Find(c => c.Kind == kind && c.Normalized == normalized) is { } kept)
            {
                kept.Value = value;
            }
            else
            {
                person.Contacts.Add(new PersonContact { PersonId = person.Id, Kind = kind, Value = value, Normalized = normalized });
            }
        }

        foreach (var link in person.Links.Where(l => !valid.Links.Any(v => v.OrganisationId == l.OrganisationId && v.Role == l.Role)).ToList())
        {
            person.Links.Remove(link);
            db.Remove(link);
        }

        foreach (var (organisationId, role, from, to) in valid.Links)
        {
            if (person.Links.Find(l => l.OrganisationId == organisationId && l.Role == role) is not { } kept)
            {
                kept = new PersonLink { PersonId = person.Id, OrganisationId = organisationId, Role = role };
                person.Links.Add(kept);
            }

            kept.From = from;
            kept.To = to;
        }
    }
}
