using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>What a check-in came to.</summary>
internal enum CheckInOutcome
{
    /// <summary>Checked in now.</summary>
    CheckedIn,

    /// <summary>Checked in before (a second scan); <see cref="CheckInResult.Registration"/> says when.</summary>
    AlreadyCheckedIn,

    /// <summary>No registration has this code or id.</summary>
    NotFound,

    /// <summary>The code is another event's.</summary>
    OtherEvent,

    /// <summary>The registration is waitlisted, awaits its confirmation or was cancelled.</summary>
    NotConfirmed,
}

internal sealed record CheckInResult(CheckInOutcome Outcome, EventRegistration? Registration = null);

/// <summary>
/// Checks a confirmed registration in, once: a conditional update (<c>CheckedInUtc IS NULL</c>) decides, so a double scan
/// or two phones at the door check in once. In the same transaction the person is matched among People by e-mail (or
/// created with the registration's name and e-mail), kept on the registration, and the attendance is logged as an
/// interaction with the person and the organisation, so it shows on both their timelines.
/// </summary>
internal sealed class EventCheckIn(IncubatorDbContext db, OrganisationNames organisations, PersonUserLink userLink, TimeProvider clock)
{
    /// <summary>The subject's prefix, in Vietnamese as staff log interactions.</summary>
    public const string SubjectPrefix = "Tham dự: ";

    /// <summary>
    /// A typed or scanned code as stored: the letters upper-cased, spaces and dashes dropped; a scanned check-in link gives
    /// its <c>code=</c> parameter.
    /// </summary>
    public static string NormalizeCode(string? text)
    {
        text = text?.Trim() ?? string.Empty;
        var at = text.IndexOf("code=", StringComparison.OrdinalIgnoreCase);
        if (at >= 0 && text.Contains('/', StringComparison.Ordinal))
        {
            text = Uri.UnescapeDataString(text[(at + 5)..].Split('&', '#')[0]);
        }

        var chars = text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '–' or '_')).Select(char.ToUpperInvariant).ToArray();
        return chars.Length > 32 ? string.Empty : new string(chars);
    }

    /// <summary>Checks in the registration with this code at <paramref name="item"/>.</summary>
    public async Task<CheckInResult> ByCodeAsync(Event item, string? code, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var normalized = NormalizeCode(code);
        if (normalized.Length == 0)
        {
            return new(CheckInOutcome.NotFound);
        }

        var registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Code == normalized, cancellationToken);
        if (registration is null)
        {
            return new(CheckInOutcome.NotFound);
        }

        return registration.EventId != item.ContentItemId ? new(CheckInOutcome.OtherEvent, registration) : await CheckInAsync(registration, item, userId, cancellationToken);
    }

    /// <summary>Checks in the registration with this id; <paramref name="eventId"/>, when given, must be its event.</summary>
    public async Task<CheckInResult> ByIdAsync(string id, string? eventId, string userId, CancellationToken cancellationToken)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return new(CheckInOutcome.NotFound);
        }

        if (eventId is not null && registration.EventId != eventId)
        {
            return new(CheckInOutcome.OtherEvent, registration);
        }

        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == registration.EventId && e.Latest && e.DeletedUtc == null, cancellationToken);
        return item is null ? new(CheckInOutcome.NotFound) : await CheckInAsync(registration, item, userId, cancellationToken);
    }

    private async Task<CheckInResult> CheckInAsync(EventRegistration registration, Event item, string userId, CancellationToken cancellationToken)
    {
        if (registration.CheckedInUtc is not null)
        {
            return new(CheckInOutcome.AlreadyCheckedIn, registration);
        }

        if (registration.Status != RegistrationStatus.Confirmed)
        {
            return new(CheckInOutcome.NotConfirmed, registration);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Set<EventRegistration>()
            .Where(r => r.Id == registration.Id && r.CheckedInUtc == null && r.Status == RegistrationStatus.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInUtc, now).SetProperty(r => r.CheckedInBy, userId).SetProperty(r => r.RowVersion, r => r.RowVersion + 1), cancellationToken);
        if (changed == 0)
        {
            // Someone else was quicker, or the registration changed meanwhile: say what it is now.
            await transaction.RollbackAsync(cancellationToken);
            var current = await db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == registration.Id, cancellationToken);
            return new(current.CheckedInUtc is not null ? CheckInOutcome.AlreadyCheckedIn : CheckInOutcome.NotConfirmed, current);
        }

        var personId = await PersonAsync(registration, userId, now, cancellationToken);
        var interaction = new Interaction
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Kind = InteractionKind.EventAttendance,
            AtUtc = now,
            Subject = Subject(item.Title),
            Visibility = InteractionVisibility.Staff,
            CreatedUtc = now,
            CreatedBy = userId,
            ModifiedUtc = now,
            ModifiedBy = userId,
            RowVersion = 1,
        };
        interaction.Participants.Add(new InteractionParticipant { InteractionId = interaction.Id, Kind = ParticipantKind.Person, RefId = personId });
        if (registration.OrganisationId is { } organisationId && (await organisations.ListAsync([organisationId], cancellationToken)).ContainsKey(organisationId))
        {
            interaction.Participants.Add(new InteractionParticipant { InteractionId = interaction.Id, Kind = ParticipantKind.Organisation, RefId = organisationId });
        }

        db.Add(interaction);
        await db.SaveChangesAsync(cancellationToken);
        if (registration.PersonId != personId)
        {
            await db.Set<EventRegistration>().Where(r => r.Id == registration.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, personId), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        registration.CheckedInUtc = now;
        registration.CheckedInBy = userId;
        registration.PersonId = personId;
        return new(CheckInOutcome.CheckedIn, registration);
    }

    /// <summary>"Tham dự: {title}", cut to an interaction's subject length.</summary>
    public static string Subject(string title)
    {
        var subject = SubjectPrefix + title;
        return subject.Length > SaveInteraction.MaxSubject ? subject[..(SaveInteraction.MaxSubject - 1)] + "…" : subject;
    }

    /// <summary>
    /// The person the registration is: the one already kept on it, else the person of its account, else the oldest with
    /// its e-mail, else a new person with its name, e-mail and phone (linked to the account of a confirmed address). The
    /// new person is added to the context and saved with the interaction.
    /// </summary>
    private async Task<string> PersonAsync(EventRegistration registration, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var people = db.Set<Person>().Where(p => p.MergedIntoId == null);
        if (registration.PersonId is { } kept && await people.AnyAsync(p => p.Id == kept, cancellationToken))
        {
            return kept;
        }

        if (registration.UserId is { } user && await people.Where(p => p.UserId == user).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken) is { } ofUser)
        {
            return ofUser;
        }

        var email = PersonText.NormalizeEmail(registration.Email);
        var byEmail = await people
            .Where(p => db.Set<PersonContact>().Any(c => c.PersonId == p.Id && c.Kind == PersonContactKind.Email && c.Normalized == email))
            .OrderBy(p => p.CreatedUtc).ThenBy(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (byEmail is not null)
        {
            return byEmail;
        }

        var name = VietnameseText.ToNfc(registration.Name.Trim());
        var person = new Person
        {
            Id = Guid.CreateVersion7().ToString("N"),
            FullName = name,
            NormalizedName = PersonText.NormalizeName(name),
            CreatedUtc = now,
            CreatedBy = userId,
            ModifiedUtc = now,
            ModifiedBy = userId,
            RowVersion = 1,
        };
        person.Contacts.Add(new PersonContact { PersonId = person.Id, Kind = PersonContactKind.Email, Value = registration.Email.Trim(), Normalized = email });
        if (registration.Phone is { } phone && PersonText.NormalizePhone(phone) is { Length: > 0 } normalizedPhone)
        {
            person.Contacts.Add(new PersonContact { PersonId = person.Id, Kind = PersonContactKind.Phone, Value = phone.Trim(), Normalized = normalizedPhone });
        }

        person.UserId = await userLink.UserOfAsync(person.Id, [email], cancellationToken);
        db.Add(person);
        return person.Id;
    }
}
