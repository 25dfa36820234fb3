using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps;

/// <summary>Follow-up tasks on the timelines of the organisation or person they concern, for staff only, dated when set.</summary>
internal sealed class FollowUpTimeline(IncubatorDbContext db, RelationshipDirectory directory, LinkGenerator links, IStringLocalizer<FollowUpTimeline> localizer) : ITimelineSource
{
    public const string Kind = "task";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Tasks")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        if (!viewer.IsStaff)
        {
            return [];
        }

        var query = db.Set<FollowUpTask>().AsNoTracking();
        query = subject.Kind == TimelineSubjectKind.Organisation ? query.Where(t => t.OrganisationId == subject.Id) : query.Where(t => t.PersonId == subject.Id);
        if (window.BeforeUtc is { } before)
        {
            query = query.Where(t => t.CreatedUtc < before);
        }

        var rows = await query.OrderByDescending(t => t.CreatedUtc).Take(window.Limit).ToListAsync(cancellationToken);
        var names = await directory.UserNamesAsync([.. rows.Select(r => r.CreatedBy).OfType<string>().Concat(rows.Select(r => r.AssigneeId))], cancellationToken);
        return [.. rows.Select(t => new TimelineEntry(
            DateTime.SpecifyKind(t.CreatedUtc, DateTimeKind.Utc), Kind,
            localizer["Task: {0} (due {1}, {2})", t.Title, VietnamTime.FormatDate(t.DueOn), localizer[StatusLabel(t.Status)].Value],
            t.CreatedBy is { } by ? names.GetValueOrDefault(by) : null,
            links.PathToPage("/FollowUps/Admin/Edit", new { id = t.Id }))
        {
            Detail = localizer["Assigned to {0}", names.GetValueOrDefault(t.AssigneeId) ?? t.AssigneeId],
            Visibility = TimelineVisibility.Staff,
        })];
    }

    public static string StatusLabel(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Done => "Done",
        FollowUpStatus.Cancelled => "Cancelled",
        _ => "Open",
    };
}

/// <summary>"Add a task" beside an organisation's or a person's timeline, for staff: the form comes linked to them.</summary>
internal sealed class AddFollowUpAction(LinkGenerator links, IStringLocalizer<FollowUpTimeline> localizer) : ITimelineAction
{
    public TimelineLink? For(TimelineSubject subject, TimelineViewer viewer) => viewer.IsStaff
        ? new TimelineLink(localizer["Add a task"], subject.Kind == TimelineSubjectKind.Organisation
            ? links.PathToPage("/FollowUps/Admin/New", new { organisation = subject.Id })
            : links.PathToPage("/FollowUps/Admin/New", new { person = subject.Id }), 20)
        : null;
}
