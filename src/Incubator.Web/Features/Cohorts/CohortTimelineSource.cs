using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts;

/// <summary>An organisation's cohort facts on its timeline: it joined a cohort, did or was excused a milestone, graduated or left.</summary>
internal sealed class CohortTimelineSource(IncubatorDbContext db, IStringLocalizer<CohortTimelineSource> localizer) : ITimelineSource
{
    public const string Kind = "cohort";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Cohorts")];

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
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var members = from m in db.Set<CohortMember>().AsNoTracking()
                      join c in db.Set<Cohort>().AsNoTracking() on m.CohortId equals c.Id
                      where m.OrganisationId == subject.Id
                      select new { m.Id, m.JoinedUtc, m.EndedUtc, m.Status, m.Reason, c.Key, c.NameVi, c.NameEn };
        var joined = await members.Where(m => m.JoinedUtc < before).OrderByDescending(m => m.JoinedUtc).Take(window.Limit).ToListAsync(cancellationToken);
        var ended = await members.Where(m => m.EndedUtc != null && m.EndedUtc < before).OrderByDescending(m => m.EndedUtc).Take(window.Limit).ToListAsync(cancellationToken);
        var progress = await (from p in db.Set<MemberMilestone>().AsNoTracking()
                              join m in db.Set<CohortMember>().AsNoTracking() on p.MemberId equals m.Id
                              join c in db.Set<Cohort>().AsNoTracking() on m.CohortId equals c.Id
                              join s in db.Set<CohortMilestone>().AsNoTracking() on new { CohortId = c.Id, Key = p.MilestoneKey } equals new { s.CohortId, s.Key } into steps
                              from s in steps.DefaultIfEmpty()
                              where m.OrganisationId == subject.Id && (p.Status == MilestoneStatus.Done || p.Status == MilestoneStatus.Waived) && p.UpdatedUtc < before
                              orderby p.UpdatedUtc descending
                              select new { p.UpdatedUtc, p.Status, p.Evidence, p.WaivedReason, p.MilestoneKey, s.TitleVi, s.TitleEn, c.NameVi, c.NameEn })
            .Take(window.Limit).ToListAsync(cancellationToken);

        var result = new List<TimelineEntry>();
        result.AddRange(joined.Select(m => new TimelineEntry(m.JoinedUtc, Kind, localizer["Joined the cohort \"{0}\"", Pick(english, m.NameVi, m.NameEn)], null, null)));
        result.AddRange(ended.Select(m => new TimelineEntry(m.EndedUtc!.Value, Kind, m.Status == MemberStatus.Graduated
            ? localizer["Graduated from the cohort \"{0}\"", Pick(english, m.NameVi, m.NameEn)]
            : localizer["Left the cohort \"{0}\"", Pick(english, m.NameVi, m.NameEn)], null, null) { Detail = m.Reason }));
        result.AddRange(progress.Select(p => new TimelineEntry(p.UpdatedUtc, Kind, p.Status == MilestoneStatus.Done
            ? localizer["Milestone done: {0}", Pick(english, p.TitleVi ?? p.MilestoneKey, p.TitleEn)]
            : localizer["Milestone waived: {0}", Pick(english, p.TitleVi ?? p.MilestoneKey, p.TitleEn)], null, null)
        {
            Detail = p.Status == MilestoneStatus.Done ? p.Evidence : p.WaivedReason,
        }));
        return [.. result.OrderByDescending(e => e.AtUtc).Take(window.Limit)];
    }

    private static string Pick(bool english, string vi, string? en) => english && !string.IsNullOrEmpty(en) ? en : vi;
}
