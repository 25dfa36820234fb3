using Incubator.Web.Data;
using Incubator.Web.Features.Mentoring;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// The hours each mentor has booked (not cancelled, whether held yet or not) in a month, rounded up to whole hours, so
/// matching stops offering a mentor whose month is full.
/// </summary>
internal sealed class MentorHoursBooked(IncubatorDbContext db) : IMentorHoursUsed
{
    public async Task<IReadOnlyDictionary<string, int>> HoursUsedAsync(IReadOnlyCollection<string> mentorIds, DateTime monthStartUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentorIds);
        var ids = mentorIds.ToList();
        var end = monthStartUtc.AddMonths(1);
        var rows = await db.Set<MentorBooking>().AsNoTracking()
            .Where(b => ids.Contains(b.MentorId) && b.CancelledUtc == null && b.StartsUtc >= monthStartUtc && b.StartsUtc < end)
            .GroupBy(b => b.MentorId).Select(g => new { MentorId = g.Key, Minutes = g.Sum(b => b.Minutes) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.MentorId, r => (r.Minutes + 59) / 60, StringComparer.Ordinal);
    }
}
