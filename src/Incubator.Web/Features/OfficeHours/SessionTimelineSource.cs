using Incubator.Web.Data;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// An organisation's mentoring sessions on its timeline (kind "mentoring"): each session held, or missed, with the
/// mentor's name. The notes are the detail only for staff, the organisation's owner and that session's own mentor;
/// anyone else who may read the timeline sees that the session took place, not what was said.
/// </summary>
internal sealed class SessionTimelineSource(IncubatorDbContext db, IStringLocalizer<SessionTimelineSource> localizer) : ITimelineSource
{
    public const string Kind = "mentoring";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Mentoring sessions")];

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
        var rows = await (from b in db.Set<MentorBooking>().AsNoTracking()
                          join d in db.Set<MentorDetails>().AsNoTracking() on b.MentorId equals d.MentorId into details
                          from d in details.DefaultIfEmpty()
                          where b.OrganisationId == subject.Id && b.CancelledUtc == null && b.LoggedUtc != null && b.StartsUtc < before
                          orderby b.StartsUtc descending
                          select new { b.MentorId, b.StartsUtc, b.NoShow, b.Notes, b.MinutesSpent, MentorUserId = d == null ? null : d.UserId })
            .Take(window.Limit).ToListAsync(cancellationToken);
        var mentorIds = rows.Select(r => r.MentorId).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Mentors.AsNoTracking().Where(m => m.Latest && mentorIds.Contains(m.ContentItemId))
            .Select(m => new { m.ContentItemId, m.Title }).ToDictionaryAsync(m => m.ContentItemId, m => m.Title, cancellationToken);
        return [.. rows.Select(r =>
        {
            var mentor = names.GetValueOrDefault(r.MentorId) ?? r.MentorId;
            var title = r.NoShow switch
            {
                "startup" => localizer["Missed a mentoring session with {0}", mentor],
                "mentor" => localizer["The mentor {0} did not come to the session", mentor],
                _ => localizer["Mentoring session with {0} ({1} minutes)", mentor, r.MinutesSpent ?? 0],
            };
            var mayReadNotes = viewer.IsStaff || viewer.IsOwner || (viewer.UserId is not null && viewer.UserId == r.MentorUserId);
            return new TimelineEntry(OfficeHoursReader.Utc(r.StartsUtc), Kind, title, null, null) { Detail = mayReadNotes ? r.Notes : null };
        })];
    }
}
