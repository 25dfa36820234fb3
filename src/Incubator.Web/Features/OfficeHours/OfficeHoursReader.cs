using Incubator.Web.Data;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>A booking as the lists show it, with its slot's place and link and the names of both sides.</summary>
internal sealed record BookingView(
    string Id, string SlotId, string MentorId, string MentorName, string OrganisationId, string OrganisationName, string Topic, DateTime StartsUtc, DateTime EndsUtc,
    int Minutes, string Status, string? Place, string? OnlineUrl, int? Stars, DateTime? LoggedUtc);

/// <summary>A slot with whether it is still free.</summary>
internal sealed record SlotView(string Id, string MentorId, DateTime StartsUtc, DateTime EndsUtc, string? Place, string? OnlineUrl, string? SeriesId, bool Free);

/// <summary>Reads slots and bookings for the API and the pages; every list is bounded and filtered in the database.</summary>
internal sealed class OfficeHoursReader(IncubatorDbContext db, OrganisationAccess organisations)
{
    public const int MaxRows = 200;

    /// <summary>Whether the caller may see the mentor's slots: staff, the mentor, or the owner of a startup with an active match to them.</summary>
    public async Task<bool> MaySeeSlotsAsync(string mentorId, MentoringCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Staff || await db.Set<MentorDetails>().AnyAsync(d => d.MentorId == mentorId && d.UserId == caller.UserId, cancellationToken))
        {
            return true;
        }

        var owned = await OwnedAsync(caller.UserId, cancellationToken);
        return owned.Count > 0 && await db.Set<MentorMatch>().AnyAsync(m => m.MentorId == mentorId && m.Status == MatchStatus.Active && owned.Contains(m.OrganisationId), cancellationToken);
    }

    public async Task<List<SlotView>> SlotsAsync(string mentorId, DateTime fromUtc, DateTime toUtc, bool freeOnly, CancellationToken cancellationToken)
    {
        var held = db.Set<MentorBooking>().Where(b => b.CancelledUtc == null);
        var query = db.Set<MentorSlot>().AsNoTracking()
            .Where(s => s.MentorId == mentorId && s.CancelledUtc == null && s.StartsUtc >= fromUtc && s.StartsUtc < toUtc)
            .Select(s => new { Slot = s, Free = !held.Any(b => b.SlotId == s.Id) });
        if (freeOnly)
        {
            query = query.Where(s => s.Free);
        }

        var rows = await query.OrderBy(s => s.Slot.StartsUtc).Take(MaxRows).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SlotView(r.Slot.Id, r.Slot.MentorId, Utc(r.Slot.StartsUtc), Utc(r.Slot.EndsUtc), r.Slot.Place, r.Slot.OnlineUrl, r.Slot.SeriesId, r.Free))];
    }

    /// <summary>The ids of the organisations <paramref name="userId"/> owns.</summary>
    public async Task<List<string>> OwnedAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await organisations.ListOwnedAsync(userId, cancellationToken)).Select(o => o.Profile.ContentItemId)];

    /// <summary>The bookings of the caller's startups and, for a mentor, their own; staff with <paramref name="mine"/> false see all. Newest first.</summary>
    public async Task<List<BookingView>> BookingsAsync(MentoringCaller caller, bool mine, string? organisationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var query = db.Set<MentorBooking>().AsNoTracking();
        if (!(caller.Staff && !mine))
        {
            var owned = await OwnedAsync(caller.UserId, cancellationToken);
            var mentorId = await db.Set<MentorDetails>().Where(d => d.UserId == caller.UserId).Select(d => d.MentorId).FirstOrDefaultAsync(cancellationToken);
            query = query.Where(b => owned.Contains(b.OrganisationId) || b.MentorId == mentorId);
        }

        if (organisationId is not null)
        {
            query = query.Where(b => b.OrganisationId == organisationId);
        }

        var rows = await query.OrderByDescending(b => b.StartsUtc).Take(MaxRows).ToListAsync(cancellationToken);
        return await ViewsAsync(rows, cancellationToken);
    }

    /// <summary>The mentor's bookings that have started and wait for their log.</summary>
    public async Task<List<BookingView>> ToLogAsync(string mentorId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Set<MentorBooking>().AsNoTracking()
            .Where(b => b.MentorId == mentorId && b.CancelledUtc == null && b.LoggedUtc == null && b.StartsUtc <= nowUtc)
            .OrderBy(b => b.StartsUtc).Take(MaxRows).ToListAsync(cancellationToken);
        return await ViewsAsync(rows, cancellationToken);
    }

    public async Task<List<BookingView>> ViewsAsync(List<MentorBooking> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var slotIds = rows.Select(r => r.SlotId).Distinct(StringComparer.Ordinal).ToList();
        var mentorIds = rows.Select(r => r.MentorId).Distinct(StringComparer.Ordinal).ToList();
        var slots = await db.Set<MentorSlot>().AsNoTracking().Where(s => slotIds.Contains(s.Id)).Select(s => new { s.Id, s.Place, s.OnlineUrl }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var mentors = await db.Mentors.AsNoTracking().Where(m => m.Latest && mentorIds.Contains(m.ContentItemId)).Select(m => new { m.ContentItemId, m.Title })
            .ToDictionaryAsync(m => m.ContentItemId, m => m.Title, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in rows.Select(r => r.OrganisationId).Distinct(StringComparer.Ordinal))
        {
            names[id] = await organisations.FindAsync(id, cancellationToken) is var (_, profile) ? profile.Title : id;
        }

        return [.. rows.Select(b => new BookingView(
            b.Id, b.SlotId, b.MentorId, mentors.GetValueOrDefault(b.MentorId) ?? b.MentorId, b.OrganisationId, names[b.OrganisationId], b.Topic, Utc(b.StartsUtc), Utc(b.EndsUtc),
            b.Minutes, b.Status, slots.GetValueOrDefault(b.SlotId)?.Place, slots.GetValueOrDefault(b.SlotId)?.OnlineUrl, b.Stars, b.LoggedUtc))];
    }

    public Task<List<SessionActionItem>> ActionItemsAsync(string bookingId, CancellationToken cancellationToken) =>
        db.Set<SessionActionItem>().AsNoTracking().Where(i => i.BookingId == bookingId).OrderBy(i => i.Id).ToListAsync(cancellationToken);

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
