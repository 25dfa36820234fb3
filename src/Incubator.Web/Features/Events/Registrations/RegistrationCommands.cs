using System.Net.Mail;
using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>A colleague a signed-in owner registers with their organisation.</summary>
internal sealed record ColleagueInput(string? Name, string? Email, string? Phone);

/// <summary>A registration as the page or the API sends it; a signed-in user's own name and e-mail are used when omitted.</summary>
internal sealed record RegistrationInput(
    string? Name, string? Email, string? Phone, IReadOnlyDictionary<string, JsonElement>? Answers, string? OrganisationId = null,
    IReadOnlyList<ColleagueInput>? Colleagues = null);

/// <summary>What a registration gave: the registrant's and each colleague's registration.</summary>
internal sealed record RegistrationOutcome(EventRegistration Registration, IReadOnlyList<EventRegistration> Colleagues);

/// <summary>
/// Registering for an event, confirming an anonymous registration, cancelling, and moving the waitlist up: the one place
/// the API and the pages go through. A seat is taken by one conditional UPDATE of the event's <see cref="EventSeats"/> row
/// in the same transaction as the registration, so capacity holds however many register at once; the waitlist moves up by
/// conditional updates too, so a freed seat goes to one person exactly once.
/// </summary>
internal sealed class RegistrationCommands(
    IncubatorDbContext db, EventCommands events, OrganisationAccess organisations, SegmentMembers segments, RegistrationNotices notices, TimeProvider clock)
{
    public const int MaxColleagues = 20;
    private const int Attempts = 50;

    /// <summary>Registers at the published event <paramref name="slug"/>; <paramref name="userId"/> is null for an anonymous visitor.</summary>
    public async Task<CommandResult<RegistrationOutcome>> RegisterAsync(string slug, RegistrationInput input, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var item = await events.PublishedAsync(slug, cancellationToken);
        if (item is null)
        {
            return CommandResult.NotFound().As<RegistrationOutcome>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (WindowProblem(item, now) is { } closed)
        {
            return CommandResult.Conflict(closed).As<RegistrationOutcome>();
        }

        if (await AudienceProblemAsync(item, userId, cancellationToken) is { } refused)
        {
            return CommandResult.Forbidden(refused).As<RegistrationOutcome>();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = Trimmed(input.Name), email = Trimmed(input.Email), phone = Trimmed(input.Phone);
        if (userId is not null)
        {
            var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
            email ??= account?.Email;
            name ??= await db.Set<Person>().AsNoTracking().Where(p => p.UserId == userId && p.MergedIntoId == null).OrderBy(p => p.Id).Select(p => p.FullName).FirstOrDefaultAsync(cancellationToken)
                ?? Trimmed(account?.DisplayName) ?? email;
        }

        CheckPerson(errors, string.Empty, name, email, phone, phoneRequired: userId is null);
        var answers = input.Answers ?? new Dictionary<string, JsonElement>();
        var form = item.Questions;
        foreach (var (key, message) in ApplicationForm.CheckTypes(form, answers).Concat(ApplicationForm.CheckComplete(form, answers, [])))
        {
            errors.TryAdd(key, message == "This programme's form has no such field." ? "This event asks no such question." : message);
        }

        var organisationId = Trimmed(input.OrganisationId);
        var colleagues = input.Colleagues ?? [];
        if (organisationId is not null && (userId is null || await organisations.FindOwnedAsync(userId, organisationId, cancellationToken) is null))
        {
            errors["organisationId"] = "Choose one of your own organisations.";
        }

        if (colleagues.Count > 0)
        {
            if (userId is null || organisationId is null)
            {
                errors["colleagues"] = "Sign in and choose your organisation to register colleagues.";
            }
            else if (colleagues.Count > MaxColleagues)
            {
                errors["colleagues"] = FormattedMessage.Create("At most {0} colleagues at once.", MaxColleagues);
            }
            else
            {
                for (var i = 0; i < colleagues.Count; i++)
                {
                    CheckPerson(errors, $"colleagues[{i}].", Trimmed(colleagues[i].Name), Trimmed(colleagues[i].Email), Trimmed(colleagues[i].Phone), phoneRequired: false);
                }

                var addresses = colleagues.Select(c => Trimmed(c.Email)?.ToLowerInvariant()).Append(email?.ToLowerInvariant()).OfType<string>().ToList();
                if (addresses.Count != addresses.Distinct(StringComparer.Ordinal).Count())
                {
                    errors["colleagues"] = "Each person needs their own e-mail address.";
                }
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<RegistrationOutcome>();
        }

        var answersJson = JsonSerializer.Serialize(answers.Where(a => a.Value.ValueKind != JsonValueKind.Null).ToDictionary(a => a.Key, a => ApplicationForm.Normalise(a.Value), StringComparer.Ordinal), Programmes.ProgrammeJson.Options);
        var registration = New(item, name!, email!, phone, answersJson, now);
        registration.OrganisationId = organisationId;
        if (userId is null)
        {
            // An anonymous visitor holds no seat until they open the link in their e-mail.
            var (token, hash) = RegistrationTokens.NewConfirmation();
            registration.Status = RegistrationStatus.PendingConfirmation;
            registration.ConfirmationHash = hash;
            db.Add(registration);
            await notices.ConfirmationLinkAsync(item, registration, token, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return Duplicate();
            }

            return CommandResult.Ok(new RegistrationOutcome(registration, []));
        }

        registration.UserId = await AccountOfAsync(registration.NormalizedEmail, cancellationToken) ?? userId;
        registration.RegisteredBy = userId;
        if (!await PlaceAsync(item, registration, now, cancellationToken))
        {
            return Duplicate();
        }

        var placed = new List<EventRegistration>();
        foreach (var colleague in colleagues)
        {
            var other = New(item, Trimmed(colleague.Name)!, Trimmed(colleague.Email)!, Trimmed(colleague.Phone), "{}", now);
            other.OrganisationId = organisationId;
            other.RegisteredBy = userId;
            other.UserId = await AccountOfAsync(other.NormalizedEmail, cancellationToken);
            if (await PlaceAsync(item, other, now, cancellationToken))
            {
                placed.Add(other);
            }
        }

        return CommandResult.Ok(new RegistrationOutcome(registration, placed));

        static CommandResult<RegistrationOutcome> Duplicate() =>
            CommandResult.Conflict("This e-mail address is already registered for this event.", new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = "This e-mail address is already registered for this event." })
                .As<RegistrationOutcome>();
    }

    /// <summary>
    /// Confirms an anonymous registration with the secret from its e-mail: only now does it take a seat or a place on the
    /// waitlist. Opening the link again changes nothing.
    /// </summary>
    public async Task<CommandResult<EventRegistration>> ConfirmAsync(string id, string? token, CancellationToken cancellationToken)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null || !RegistrationTokens.Matches(token, registration.ConfirmationHash))
        {
            return CommandResult.NotFound().As<EventRegistration>();
        }

        if (registration.Status != RegistrationStatus.PendingConfirmation)
        {
            return registration.Status == RegistrationStatus.Cancelled
                ? CommandResult.Conflict("This registration was cancelled.").As<EventRegistration>()
                : CommandResult.Ok(registration);
        }

        var item = await events.LatestAsync(registration.EventId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (item is null || !item.Published || now >= item.StartsUtc)
        {
            return CommandResult.Conflict("The event has started or is no longer open; the registration cannot be confirmed.").As<EventRegistration>();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Claimed by one update: a second click, or a second host, finds it no longer pending.
            var claimed = await db.Set<EventRegistration>().Where(r => r.Id == id && r.Status == RegistrationStatus.PendingConfirmation).ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, RegistrationStatus.Waitlisted).SetProperty(r => r.QueuedUtc, now).SetProperty(r => r.RowVersion, r => r.RowVersion + 1),
                cancellationToken);
            if (claimed == 1)
            {
                if (await TakeSeatAsync(item, cancellationToken))
                {
                    await db.Set<EventRegistration>().Where(r => r.Id == id).ExecuteUpdateAsync(
                        u => u.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedUtc, now), cancellationToken);
                }

                var placed = await db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken);
                await notices.PlacedAsync(item, placed, promoted: false, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return CommandResult.Ok(await db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken));
    }

    /// <summary>
    /// Cancels a registration, by the account that made it or holds it, or with the ticket link (<paramref name="mayCancel"/>
    /// says which the caller proved), up to the event's start; a freed seat goes to the first on the waitlist.
    /// </summary>
    public async Task<CommandResult<EventRegistration>> CancelAsync(string id, string? userId, bool hasTicket, CancellationToken cancellationToken)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null || !(hasTicket || (userId is not null && (registration.UserId == userId || registration.RegisteredBy == userId))))
        {
            return CommandResult.NotFound().As<EventRegistration>();
        }

        var item = await events.LatestAsync(registration.EventId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (item is null || now >= item.StartsUtc)
        {
            return CommandResult.Conflict("The event has started; the registration can no longer be cancelled.").As<EventRegistration>();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var heldSeat = await db.Set<EventRegistration>().Where(r => r.Id == id && r.Status == RegistrationStatus.Confirmed).ExecuteUpdateAsync(Cancel(now), cancellationToken) == 1;
            if (!heldSeat && await db.Set<EventRegistration>()
                    .Where(r => r.Id == id && (r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.PendingConfirmation))
                    .ExecuteUpdateAsync(Cancel(now), cancellationToken) == 0)
            {
                return CommandResult.Conflict("This registration is already cancelled.").As<EventRegistration>();
            }

            if (heldSeat && await PromoteNextAsync(item, now, cancellationToken) is null)
            {
                await db.Set<EventSeats>().Where(s => s.EventId == item.ContentItemId && s.Taken > 0).ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken - 1), cancellationToken);
            }

            var cancelled = await db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken);
            await notices.CancelledAsync(item, cancelled, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return CommandResult.Ok(cancelled);
        }
    }

    /// <summary>Gives the seats an event has free (after staff raised its capacity) to its waitlist, in order; returns how many moved up.</summary>
    public async Task<int> FillAsync(string eventId, CancellationToken cancellationToken)
    {
        var item = await events.LatestAsync(eventId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (item is null || !item.Published || now >= item.StartsUtc)
        {
            return 0;
        }

        var moved = 0;
        while (await db.Set<EventRegistration>().AnyAsync(r => r.EventId == item.ContentItemId && r.Status == RegistrationStatus.Waitlisted, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await TakeSeatAsync(item, cancellationToken))
            {
                break;
            }

            if (await PromoteNextAsync(item, now, cancellationToken) is null)
            {
                // The waitlist emptied in between: the seat was not given, so it is put back by rolling back.
                db.ChangeTracker.Clear();
                break;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            moved++;
        }

        return moved;
    }

    /// <summary>Why registration is closed at <paramref name="nowUtc"/>, or null when it is open.</summary>
    public static string? WindowProblem(Event item, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.RegistrationOpensUtc is { } opens && nowUtc < opens)
        {
            return FormattedMessage.Create("Registration opens on {0} (Vietnam time).", VietnamTime.FormatDateTime(opens));
        }

        return item.RegistrationOpenAt(nowUtc) ? null : "Registration for this event is closed.";
    }

    /// <summary>Why the user may not register for the event's audience, or null when they may.</summary>
    public async Task<string?> AudienceProblemAsync(Event item, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Audience == EventAudience.Public)
        {
            return null;
        }

        var message = item.Audience == EventAudience.Cohort
            ? "This event is for the organisations of a cohort: sign in with the account that owns a member organisation."
            : "This event is by invitation: sign in with the account that owns an invited organisation.";
        if (userId is null)
        {
            return message;
        }

        var owned = (await organisations.ListOwnedAsync(userId, cancellationToken)).Select(o => o.Profile.ContentItemId).ToList();
        if (owned.Count == 0)
        {
            return message;
        }

        if (item.Audience == EventAudience.Cohort)
        {
            var key = item.AudienceKey;
            var member = await db.Set<CohortMember>().AnyAsync(
                m => m.Status == MemberStatus.Active && owned.Contains(m.OrganisationId) && db.Set<Cohort>().Any(c => c.Id == m.CohortId && c.Key == key), cancellationToken);
            return member ? null : message;
        }

        var segment = await db.Set<Segment>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == item.AudienceKey, cancellationToken);
        if (segment is null)
        {
            return message;
        }

        var filter = SegmentFilter.FromJson(segment.FilterJson);
        var mine = filter.OrganisationIds is { Count: > 0 } listed ? [.. owned.Intersect(listed, StringComparer.Ordinal)] : owned;
        return mine.Count > 0 && await segments.CountAsync(filter with { OrganisationIds = mine }, cancellationToken) > 0 ? null : message;
    }

    /// <summary>Inserts a signed-in registration with a seat, or on the waitlist, in one transaction; false when the e-mail is already registered.</summary>
    private async Task<bool> PlaceAsync(Event item, EventRegistration registration, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var seat = await TakeSeatAsync(item, cancellationToken);
        registration.Status = seat ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        registration.QueuedUtc = now;
        registration.ConfirmedUtc = seat ? now : null;
        db.Add(registration);
        await notices.PlacedAsync(item, registration, promoted: false, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same address registered first (the unique index): the seat taken above goes back with the rollback.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>One conditional update: a seat when one is left (or the event has no limit, still counted).</summary>
    private async Task<bool> TakeSeatAsync(Event item, CancellationToken cancellationToken)
    {
        var id = item.ContentItemId;
        var seats = db.Set<EventSeats>().Where(s => s.EventId == id);
        if (item.Capacity is { } capacity)
        {
            seats = seats.Where(s => s.Taken < capacity);
        }

        return await seats.ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken + 1), cancellationToken) == 1;
    }

    /// <summary>Moves the first on the waitlist (by the time they queued, then id) to confirmed, exactly once; null when nobody waits.</summary>
    private async Task<EventRegistration?> PromoteNextAsync(Event item, DateTime now, CancellationToken cancellationToken)
    {
        var eventId = item.ContentItemId;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var first = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.QueuedUtc).ThenBy(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (first is null)
            {
                return null;
            }

            var moved = await db.Set<EventRegistration>().Where(r => r.Id == first && r.Status == RegistrationStatus.Waitlisted).ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedUtc, now).SetProperty(r => r.RowVersion, r => r.RowVersion + 1),
                cancellationToken);
            if (moved == 1)
            {
                var promoted = await db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == first, cancellationToken);
                await notices.PlacedAsync(item, promoted, promoted: true, now, cancellationToken);
                return promoted;
            }
        }

        return null;
    }

    private static Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<EventRegistration>> Cancel(DateTime now) =>
        u => u.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledUtc, now).SetProperty(r => r.RowVersion, r => r.RowVersion + 1);

    private async Task<string?> AccountOfAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var upper = normalizedEmail.ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == upper).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static EventRegistration New(Event item, string name, string email, string? phone, string answersJson, DateTime now) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        EventId = item.ContentItemId,
        Name = VietnameseText.ToNfc(name),
        Email = email,
        NormalizedEmail = email.ToLowerInvariant(),
        Phone = phone,
        AnswersJson = answersJson,
        Code = RegistrationTokens.NewCode(),
        CreatedUtc = now,
        RowVersion = 1,
    };

    private static void CheckPerson(Dictionary<string, string> errors, string prefix, string? name, string? email, string? phone, bool phoneRequired)
    {
        if (name is null)
        {
            errors[prefix + "name"] = "Give your full name.";
        }
        else if (name.Length > EventRegistration.MaxName)
        {
            errors[prefix + "name"] = FormattedMessage.Create("At most {0} characters.", EventRegistration.MaxName);
        }

        if (email is null)
        {
            errors[prefix + "email"] = "Give an e-mail address.";
        }
        else if (email.Length > EventRegistration.MaxEmail || !MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            errors[prefix + "email"] = "Give a valid e-mail address, e.g. ten@example.vn.";
        }

        if (phone is null)
        {
            if (phoneRequired)
            {
                errors[prefix + "phone"] = "Give a phone number.";
            }
        }
        else if (phone.Length > EventRegistration.MaxPhone || phone.Count(char.IsAsciiDigit) < 8 || phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '.' or '(' or ')')))
        {
            errors[prefix + "phone"] = "Give a phone number of digits, e.g. 0912 345 678.";
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
