using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.People;

/// <summary>
/// The person record linked to a user: in their download with its contacts, links and consents. On deletion of the
/// account the record stays the incubator's contact (founders stay founders), unlinked from the account, its consent
/// to newsletters withdrawn, and the account's own address and phone removed from it.
/// </summary>
internal sealed class PersonPersonalData(IncubatorDbContext db, RecordConsent consents) : IPersonalDataSource
{
    public string Name => "person";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var person = await db.Set<Person>().AsNoTracking().Include(p => p.Contacts).Include(p => p.Links)
            .FirstOrDefaultAsync(p => p.UserId == user.Id && p.MergedIntoId == null, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var consentRows = await db.Set<PersonConsent>().AsNoTracking().Where(c => c.PersonId == person.Id).OrderBy(c => c.AtUtc).ToListAsync(cancellationToken);
        return new JsonObject
        {
            ["id"] = person.Id,
            ["fullName"] = person.FullName,
            ["title"] = person.Title,
            ["gender"] = person.Gender is { } gender ? PersonCodes.Code(gender) : null,
            ["birthYear"] = person.BirthYear,
            ["locality"] = person.Locality,
            ["tags"] = new JsonArray([.. person.Tags.Select(t => JsonValue.Create(t))]),
            ["notes"] = person.Notes,
            ["contacts"] = new JsonArray([.. person.Contacts.Select(c => new JsonObject { ["kind"] = c.Kind.ToString(), ["value"] = c.Value })]),
            ["links"] = new JsonArray([.. person.Links.Select(l => PersonalDataExport.Serialize(new { l.OrganisationId, Role = PersonCodes.Code(l.Role), l.From, l.To }))]),
            ["consents"] = new JsonArray([.. consentRows.Select(c => PersonalDataExport.Serialize(new { c.Purpose, c.Given, c.AtUtc, Source = c.Source.ToString(), c.Basis }))]),
        };
    }

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        foreach (var person in await db.Set<Person>().Include(p => p.Contacts).Where(p => p.UserId == erasure.User.Id).ToListAsync(cancellationToken))
        {
            person.UserId = null;
            person.RowVersion++;
            foreach (var contact in person.Contacts.Where(c => c.Kind == PersonContactKind.Email ? erasure.IsAddress(c.Value) : erasure.IsPhone(c.Value)).ToList())
            {
                person.Contacts.Remove(contact);
                db.Remove(contact);
            }

            consents.Add(person.Id, new PersonConsent { Purpose = PersonConsent.Newsletter, Given = false, Source = ConsentSource.Account, Basis = "Account deleted" }, erasure.ActorId);
        }
    }
}
