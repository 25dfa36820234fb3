using Incubator.Web.Data;
using Incubator.Web.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// Held mentoring sessions as rows the targets count (source "mentorSessions"): one per logged session that took place,
/// dated the day it started (Vietnam time), its value the hours spent, its organisation the startup and its kind the
/// mentor's id. A target counts sessions or sums their hours.
/// </summary>
internal sealed class SessionIndicators(IncubatorDbContext db) : IIndicatorSource
{
    public string Name => "mentorSessions";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<MentorBooking>().AsNoTracking()
            .Where(b => b.CancelledUtc == null && b.LoggedUtc != null && b.NoShow == null)
            .Select(b => new { b.Id, b.OrganisationId, b.MentorId, b.StartsUtc, b.MinutesSpent, b.Minutes, b.Topic })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IndicatorRow(r.Id, r.Topic, DateOnly.FromDateTime(Core.Time.VietnamTime.ToLocal(r.StartsUtc)))
        {
            Organisation = r.OrganisationId,
            Kind = r.MentorId,
            Status = BookingStatus.Held,
            Value = Math.Round((r.MinutesSpent ?? r.Minutes) / 60m, 2),
        })];
    }
}
