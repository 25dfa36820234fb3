using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// The council's score sheets on an organisation's timeline: who scored which application and how much. Staff only:
/// neither the applicant nor a mentor reads a reviewer's name or score.
/// </summary>
internal sealed class ReviewTimelineSource(IncubatorDbContext db, TimelineNames names, LinkGenerator links, IStringLocalizer<ReviewTimelineSource> localizer)
    : ITimelineSource
{
    public const string Kind = "review";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Review")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(window);
        if (subject.Kind != TimelineSubjectKind.Organisation || !window.Wants(Kind) || !viewer.MaySee(TimelineVisibility.Staff))
        {
            return [];
        }

        var query = from review in db.Reviews.AsNoTracking()
                    join application in db.Applications.AsNoTracking() on review.ApplicationId equals application.Id
                    where application.OrganisationId == subject.Id && review.SubmittedUtc != null
                    select new { review.ApplicationId, application.Title, review.ReviewerId, SubmittedUtc = review.SubmittedUtc!.Value, review.ScoresJson, review.Comment };
        if (window.BeforeUtc is { } before)
        {
            query = query.Where(r => r.SubmittedUtc < before);
        }

        var rows = await query.OrderByDescending(r => r.SubmittedUtc).Take(window.Limit).ToListAsync(cancellationToken);
        var who = await names.ForAsync(rows.Select(r => r.ReviewerId), cancellationToken);
        return [.. rows.Select(r =>
        {
            var reviewer = who.GetValueOrDefault(r.ReviewerId) ?? string.Empty;
            var total = new Review { ScoresJson = r.ScoresJson }.Scores?.Values.Sum() ?? 0;
            return new TimelineEntry(r.SubmittedUtc, Kind, localizer["{0} scored {1} points: {2}", reviewer, total, r.Title], reviewer, links.PathToPage("/Applications/Admin/Show", new { id = r.ApplicationId }))
            {
                Detail = r.Comment,
                Visibility = TimelineVisibility.Staff,
            };
        })];
    }
}
