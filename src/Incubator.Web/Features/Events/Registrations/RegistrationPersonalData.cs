using System.Text.Json.Nodes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>
/// A person's event registrations (member "eventRegistrations"): those of their account or one of its e-mail addresses,
/// in their download; when the account is deleted their name, e-mail, phone and answers are anonymised (the
/// registration is kept, so the event's counts hold) and the account is no longer named as registrant or registrar.
/// </summary>
internal sealed class RegistrationPersonalData(IncubatorDbContext db) : IPersonalDataSource
{
    public string Name => "eventRegistrations";

    public async Task<JsonNode?> ExportAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.Id;
        var email = (user.Email ?? string.Empty).ToLowerInvariant();
        var rows = await (from r in db.Set<EventRegistration>().AsNoTracking()
                          where r.UserId == id || r.RegisteredBy == id || (email != "" && r.NormalizedEmail == email)
                          orderby r.CreatedUtc
                          select new
                          {
                              r.Id,
                              r.EventId,
                              Event = db.Set<Event>().Where(e => e.ContentItemId == r.EventId && e.Latest).Select(e => e.Title).FirstOrDefault(),
                              Status = r.Status.ToString(),
                              r.Name,
                              r.Email,
                              r.Phone,
                              r.AnswersJson,
                              r.OrganisationId,
                              r.Code,
                              r.CreatedUtc,
                              r.ConfirmedUtc,
                              r.CancelledUtc,
                              r.CheckedInUtc,
                          }).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : PersonalDataExport.Serialize(rows);
    }

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var id = erasure.User.Id;
        var addresses = erasure.Addresses.Select(a => a.ToLowerInvariant()).ToList();
        foreach (var registration in await db.Set<EventRegistration>().Where(r => r.UserId == id || addresses.Contains(r.NormalizedEmail)).ToListAsync(cancellationToken))
        {
            registration.Name = AccountEraser.Anonymised;
            registration.Email = $"{registration.Id}@anonymised.invalid";
            registration.NormalizedEmail = registration.Email;
            registration.Phone = null;
            registration.AnswersJson = "{}";
            registration.UserId = null;
            registration.ConfirmationHash = null;
            registration.RegisteredBy = registration.RegisteredBy == id ? null : registration.RegisteredBy;
            registration.RowVersion++;
        }

        // Colleagues this account registered keep their registrations; only the account's name on them goes.
        foreach (var registration in await db.Set<EventRegistration>().Where(r => r.RegisteredBy == id).ToListAsync(cancellationToken))
        {
            registration.RegisteredBy = null;
            registration.RowVersion++;
        }
    }
}
