using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// Interactions on the timelines of the organisations and people they involve. Staff see them all, mentors those shared
/// with mentors; the organisation's owner and the person themself never see one.
/// </summary>
internal sealed class InteractionTimeline(IncubatorDbContext db, RelationshipDirectory directory, LinkGenerator links, IStringLocalizer<InteractionTimeline> localizer) : ITimelineSource
{
    public const string Kind = "interaction";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Interactions")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        if (!viewer.IsStaff && !viewer.IsMentor)
        {
            return [];
        }

        var participant = subject.Kind == TimelineSubjectKind.Organisation ? ParticipantKind.Organisation : ParticipantKind.Person;
        var query = db.Set<Interaction>().AsNoTracking().Where(i => i.Participants.Any(p => p.Kind == participant && p.RefId == subject.Id));
        if (!viewer.IsStaff)
        {
            query = query.Where(i => i.Visibility == InteractionVisibility.StaffAndMentors);
        }

        if (window.BeforeUtc is { } before)
        {
            query = query.Where(i => i.AtUtc < before);
        }

        var rows = await query.OrderByDescending(i => i.AtUtc).Take(window.Limit).ToListAsync(cancellationToken);
        var names = await directory.UserNamesAsync([.. rows.Select(r => r.CreatedBy).OfType<string>()], cancellationToken);
        return [.. rows.Select(i => new TimelineEntry(
            DateTime.SpecifyKind(i.AtUtc, DateTimeKind.Utc), Kind, localizer["{0}: {1}", localizer[InteractionLabels.Label(i.Kind)].Value, i.Subject],
            i.CreatedBy is { } by ? names.GetValueOrDefault(by) : null,
            viewer.IsStaff ? links.PathToPage("/Interactions/Admin/Show", new { id = i.Id }) : null)
        {
            Detail = i.Body is { } body ? (body.Length > 300 ? body[..300] + "…" : body) : null,
            Visibility = i.Visibility == InteractionVisibility.Staff ? TimelineVisibility.Staff : TimelineVisibility.StaffAndMentors,
        })];
    }
}

/// <summary>"Log an interaction" beside an organisation's or a person's timeline, for staff: the form comes prefilled.</summary>
internal sealed class LogInteractionAction(LinkGenerator links, IStringLocalizer<InteractionTimeline> localizer) : ITimelineAction
{
    public TimelineLink? For(TimelineSubject subject, TimelineViewer viewer) => viewer.IsStaff
        ? new TimelineLink(localizer["Log an interaction"], subject.Kind == TimelineSubjectKind.Organisation
            ? links.PathToPage("/Interactions/Admin/New", new { organisation = subject.Id })
            : links.PathToPage("/Interactions/Admin/New", new { person = subject.Id }), 10)
        : null;
}
