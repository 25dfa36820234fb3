using Incubator.Core.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// An organisation's applications on its timeline: each one created and submitted, its decision (number, date,
/// amount), the disbursements paid and the reports sent. The owner sees these as staff do.
/// </summary>
internal sealed class ApplicationTimelineSource(IncubatorDbContext db, TimelineNames names, LinkGenerator links, IStringLocalizer<ApplicationTimelineSource> localizer)
    : ITimelineSource
{
    public const string Application = "application";
    public const string Decision = "decision";
    public const string Disbursement = "disbursement";
    public const string Report = "report";

    public IReadOnlyList<TimelineKind> Kinds { get; } =
        [new(Application, "Application"), new(Decision, "Decision"), new(Disbursement, "Disbursement"), new(Report, "Report")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(window);
        if (subject.Kind != TimelineSubjectKind.Organisation || !(viewer.IsStaff || viewer.IsOwner))
        {
            return [];
        }

        // An organisation has a handful of applications: their few columns are read once through the organisation's index.
        var applications = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == subject.Id)
            .Select(a => new { a.Id, a.Title, a.OwnerId, a.CreatedUtc, a.SubmittedUtc, a.DecidedUtc, a.DecisionNumber, a.DecisionDate, a.ApprovedAmount })
            .ToListAsync(cancellationToken);
        if (applications.Count == 0)
        {
            return [];
        }

        var before = window.BeforeUtc ?? DateTime.MaxValue;
        var entries = new List<(TimelineEntry Entry, string? UserId)>();
        var ids = applications.Select(a => a.Id).ToList();
        var byId = applications.ToDictionary(a => a.Id, StringComparer.Ordinal);
        if (window.Wants(Application))
        {
            foreach (var a in applications)
            {
                entries.Add((new TimelineEntry(a.CreatedUtc, Application, localizer["Application started: {0}", a.Title], null, Url(a.Id, viewer)), a.OwnerId));
                if (a.SubmittedUtc is { } submitted)
                {
                    entries.Add((new TimelineEntry(submitted, Application, localizer["Application submitted: {0}", a.Title], null, Url(a.Id, viewer)), a.OwnerId));
                }
            }
        }

        if (window.Wants(Decision))
        {
            foreach (var a in applications.Where(a => a.DecidedUtc is not null))
            {
                var title = a.ApprovedAmount is { } amount
                    ? localizer["Decision {0} of {1}: {2} approved", a.DecisionNumber ?? "—", a.DecisionDate is { } on ? VietnamTime.FormatDate(on) : "—", Money.Format(amount)]
                    : localizer["Decision {0} of {1}", a.DecisionNumber ?? "—", a.DecisionDate is { } date ? VietnamTime.FormatDate(date) : "—"];
                entries.Add((new TimelineEntry(a.DecidedUtc!.Value, Decision, title, null, Url(a.Id, viewer)) { Detail = a.Title }, null));
            }
        }

        if (window.Wants(Disbursement))
        {
            var paid = await db.DisbursementMilestones.AsNoTracking()
                .Where(m => ids.Contains(m.ApplicationId) && m.PaidUtc != null && m.PaidUtc < before)
                .OrderByDescending(m => m.PaidUtc).Take(window.Limit)
                .Select(m => new { m.ApplicationId, m.Title, m.Amount, PaidUtc = m.PaidUtc!.Value })
                .ToListAsync(cancellationToken);
            entries.AddRange(paid.Select(m => (
                new TimelineEntry(m.PaidUtc, Disbursement, localizer["Disbursement paid: {0}, {1}", m.Title, Money.Format(m.Amount)], null, Url(m.ApplicationId, viewer))
                {
                    Detail = byId[m.ApplicationId].Title,
                },
                (string?)null)));
        }

        if (window.Wants(Report))
        {
            var reports = await db.ApplicationReports.AsNoTracking()
                .Where(r => ids.Contains(r.ApplicationId) && r.SubmittedUtc < before)
                .OrderByDescending(r => r.SubmittedUtc).Take(window.Limit)
                .Select(r => new { r.ApplicationId, r.Kind, r.SubmittedUtc, r.SubmittedBy })
                .ToListAsync(cancellationToken);
            entries.AddRange(reports.Select(r => (
                new TimelineEntry(
                    r.SubmittedUtc, Report, r.Kind == ApplicationReport.Final ? localizer["Final report sent"] : localizer["Progress report sent"], null, Url(r.ApplicationId, viewer))
                {
                    Detail = byId[r.ApplicationId].Title,
                },
                (string?)r.SubmittedBy)));
        }

        var kept = entries.Where(e => e.Entry.AtUtc < before).OrderByDescending(e => e.Entry.AtUtc).Take(window.Limit).ToList();
        var who = await names.ForAsync(kept.Select(e => e.UserId), cancellationToken);
        return [.. kept.Select(e => e.UserId is { } id && who.TryGetValue(id, out var name) ? e.Entry with { By = name } : e.Entry)];
    }

    /// <summary>Staff open the back-office page of the application; its owner their own.</summary>
    private string Url(string id, TimelineViewer viewer) =>
        links.PathToPage(viewer.IsStaff ? "/Applications/Admin/Show" : "/Applications/Edit", new { id });
}
