using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// Bookings of mentors' slots. A slot is held by one booking at most (a partial unique index on the bookings), and a
/// startup's booked hours stay within its allocation (a <see cref="HoursAllowance"/> row changed under its concurrency
/// token by every booking and cancellation); a save that loses either race is tried again from a fresh read, which
/// then finds the slot taken or the hours spent. Nothing is held in memory, so several instances agree.
/// </summary>
internal sealed class BookingCommands(
    IncubatorDbContext db, OrganisationAccess organisations, BookingNotices notices, TimeProvider clock, IOptions<OfficeHoursOptions> options)
{
    public const int MaxTopic = 500;
    private const int Attempts = 6;

    public sealed record Request(string? SlotId, string? OrganisationId, string? Topic);

    public async Task<CommandResult<MentorBooking>> BookAsync(Request request, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var topic = request.Topic?.Trim();
        if (string.IsNullOrEmpty(topic))
        {
            return CommandResult.Invalid("topic", "Say what you want to talk about.").As<MentorBooking>();
        }

        if (topic.Length > MaxTopic)
        {
            return CommandResult.Invalid("topic", "The topic is too long.").As<MentorBooking>();
        }

        if (string.IsNullOrWhiteSpace(request.OrganisationId)
            || await organisations.FindAsync(request.OrganisationId, cancellationToken) is not var (_, organisation)
            || (!caller.Staff && organisation.OwnerId != caller.UserId))
        {
            return CommandResult.Invalid("organisationId", "There is no such organisation.").As<MentorBooking>();
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow().UtcDateTime;
            var slot = string.IsNullOrWhiteSpace(request.SlotId) ? null
                : await db.Set<MentorSlot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SlotId && s.CancelledUtc == null, cancellationToken);
            if (slot is null)
            {
                return CommandResult.Invalid("slotId", "There is no such slot.").As<MentorBooking>();
            }

            if (slot.StartsUtc <= now)
            {
                return CommandResult.Conflict("This slot has already started.").As<MentorBooking>();
            }

            if (await db.Set<MentorBooking>().AnyAsync(b => b.SlotId == slot.Id && b.CancelledUtc == null, cancellationToken))
            {
                return CommandResult.Conflict("This slot is already taken.").As<MentorBooking>();
            }

            var match = await db.Set<MentorMatch>().AsNoTracking()
                .FirstOrDefaultAsync(m => m.OrganisationId == organisation.ContentItemId && m.MentorId == slot.MentorId && m.Status == MatchStatus.Active, cancellationToken);
            if (match is null)
            {
                return CommandResult.Conflict("The organisation has no active match with this mentor.").As<MentorBooking>();
            }

            var (key, limit) = await AllocationAsync(organisation.ContentItemId, match, cancellationToken);
            if (key is null)
            {
                return CommandResult.Conflict("The organisation is in no active cohort, so it has no hours to book.").As<MentorBooking>();
            }

            var allowance = await db.Set<HoursAllowance>().FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
            if (allowance is null)
            {
                allowance = new HoursAllowance { Key = key, OrganisationId = organisation.ContentItemId };
                db.Add(allowance);
            }

            if (allowance.MinutesBooked + slot.Minutes > limit)
            {
                return CommandResult.Conflict("This booking would take the startup over the hours allocated to it.").As<MentorBooking>();
            }

            allowance.MinutesBooked += slot.Minutes;
            allowance.RowVersion++;
            var booking = new MentorBooking
            {
                Id = Guid.CreateVersion7().ToString("N"),
                SlotId = slot.Id,
                MentorId = slot.MentorId,
                OrganisationId = organisation.ContentItemId,
                MatchId = match.Id,
                AllowanceKey = key,
                Topic = topic,
                StartsUtc = slot.StartsUtc,
                EndsUtc = slot.EndsUtc,
                Minutes = slot.Minutes,
                BookedBy = caller.UserId,
                BookedUtc = now,
                RowVersion = 1,
            };
            db.Add(booking);
            await notices.BookedAsync(booking, slot, organisation.Title, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Ok(booking);
            }
            catch (DbUpdateException)
            {
                // Another booking took the slot, or changed the allowance, first: read again and decide afresh.
            }
        }

        db.ChangeTracker.Clear();
        return CommandResult.Conflict("Too many bookings at once; try again.").As<MentorBooking>();
    }

    /// <summary>Cancels a booking: the startup's owner or the mentor up to the notice before the start, staff at any time.</summary>
    public async Task<CommandResult<MentorBooking>> CancelAsync(string id, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var booking = await db.Set<MentorBooking>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
            if (booking is null || await RoleAsync(booking, caller, cancellationToken) is null)
            {
                return CommandResult.NotFound().As<MentorBooking>();
            }

            if (booking.CancelledUtc is not null)
            {
                return CommandResult.Conflict("This booking is already cancelled.").As<MentorBooking>();
            }

            if (booking.LoggedUtc is not null)
            {
                return CommandResult.Conflict("This session is already logged.").As<MentorBooking>();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var notice = options.Value.CancellationNotice;
            if (!caller.Staff && now > booking.StartsUtc - notice)
            {
                return CommandResult.Conflict(Core.Results.FormattedMessage.Create("A booking can be cancelled up to {0} hours before it starts.", notice.TotalHours)).As<MentorBooking>();
            }

            booking.CancelledUtc = now;
            booking.CancelledBy = caller.UserId;
            booking.Sequence++;
            booking.RowVersion++;
            if (await db.Set<HoursAllowance>().FirstOrDefaultAsync(a => a.Key == booking.AllowanceKey, cancellationToken) is { } allowance)
            {
                allowance.MinutesBooked = Math.Max(0, allowance.MinutesBooked - booking.Minutes);
                allowance.RowVersion++;
            }

            var slot = await db.Set<MentorSlot>().AsNoTracking().FirstAsync(s => s.Id == booking.SlotId, cancellationToken);
            var name = await organisations.FindAsync(booking.OrganisationId, cancellationToken) is var (_, organisation) ? organisation.Title : booking.OrganisationId;
            await notices.CancelledAsync(booking, slot, name, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Ok(booking);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The booking or the allowance changed meanwhile: read again.
            }
        }

        db.ChangeTracker.Clear();
        return CommandResult.Conflict("Too many changes at once; try again.").As<MentorBooking>();
    }

    /// <summary>How the caller stands to a booking: "staff", "mentor", "startup", or null when they have no business with it.</summary>
    public async Task<string?> RoleAsync(MentorBooking booking, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Staff)
        {
            return "staff";
        }

        if (await db.Set<MentorDetails>().AnyAsync(d => d.MentorId == booking.MentorId && d.UserId == caller.UserId, cancellationToken))
        {
            return "mentor";
        }

        return await organisations.FindAsync(booking.OrganisationId, cancellationToken) is var (_, organisation) && organisation.OwnerId == caller.UserId
            ? "startup"
            : null;
    }

    /// <summary>The allowance a booking under <paramref name="match"/> counts against, and its limit in minutes.</summary>
    private async Task<(string? Key, int LimitMinutes)> AllocationAsync(string organisationId, MentorMatch match, CancellationToken cancellationToken)
    {
        if (!options.Value.PerCohort)
        {
            return ($"match:{match.Id}", match.HoursAllocated * 60);
        }

        var member = await db.Set<CohortMember>().AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && m.Status == MemberStatus.Active)
            .OrderByDescending(m => m.JoinedUtc).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return member is { } id ? ($"cohort:{id}", options.Value.HoursPerCohort * 60) : (null, 0);
    }
}
