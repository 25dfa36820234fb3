using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.CheckIns;

/// <summary>An organisation's check-ins on its timeline, when each was first filed, with its main figures; seen by staff, the owner and mentors.</summary>
internal sealed class CheckInTimelineSource(IncubatorDbContext db, IStringLocalizer<CheckInTimelineSource> localizer) : ITimelineSource
{
    public const string Kind = "checkin";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Progress reports")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(window);
        if (subject.Kind != TimelineSubjectKind.Organisation || !viewer.MaySee(TimelineVisibility.Shared) || !window.Wants(Kind))
        {
            return [];
        }

        var before = window.BeforeUtc ?? DateTime.MaxValue;
        var rows = await db.Set<CheckIn>().AsNoTracking().Where(c => c.OrganisationId == subject.Id && c.SubmittedUtc < before)
            .OrderByDescending(c => c.SubmittedUtc).Take(window.Limit)
            .Select(c => new { c.SubmittedUtc, c.Period, c.Revenue, c.Employees, c.NewJobs })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c => new TimelineEntry(c.SubmittedUtc, Kind, localizer["Progress report for {0}", c.Period], null, null)
        {
            Detail = localizer["Revenue {0} đồng, {1} employees, {2} new jobs", c.Revenue.ToString("N0", CultureInfo.CurrentCulture), c.Employees, c.NewJobs],
            Visibility = TimelineVisibility.Shared,
        })];
    }
}
