using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Every step of an organisation's applications' workflows on its timeline, named as the workflow names them in the
/// reader's language (never an id). Steps hidden from applicants are staff-only here too.
/// </summary>
internal sealed class ApplicationStepsTimelineSource(
    IncubatorDbContext db, TimelineNames names, LinkGenerator links, IStringLocalizer<WorkflowService> workflowLocalizer, IStringLocalizer<ApplicationStepsTimelineSource> localizer)
    : ITimelineSource
{
    public const string Kind = "workflow-step";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Workflow step")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(window);
        if (subject.Kind != TimelineSubjectKind.Organisation || !window.Wants(Kind) || !(viewer.IsStaff || viewer.IsOwner))
        {
            return [];
        }

        var applications = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == subject.Id)
            .Select(a => new { a.Id, a.Title }).ToDictionaryAsync(a => a.Id, a => a.Title, StringComparer.Ordinal, cancellationToken);
        if (applications.Count == 0)
        {
            return [];
        }

        var ids = applications.Keys.ToList();
        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => ids.Contains(i.CorrelationId))
            .Select(i => new { i.Id, i.CorrelationId, i.TypeKey, i.TypeVersion }).ToListAsync(cancellationToken);
        if (instances.Count == 0)
        {
            return [];
        }

        var instanceIds = instances.Select(i => i.Id).ToList();
        var staff = viewer.IsStaff;
        var query = db.WorkflowHistory.AsNoTracking().Where(h => instanceIds.Contains(h.InstanceId) && (staff || !h.Internal));
        if (window.BeforeUtc is { } before)
        {
            query = query.Where(h => h.AtUtc < before);
        }

        var rows = await query.OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id).Take(window.Limit).ToListAsync(cancellationToken);
        var who = await names.ForAsync(rows.Select(r => r.By), cancellationToken);
        var byInstance = instances.ToDictionary(i => i.Id);
        var typeNames = new Dictionary<(string, int), WorkflowNames>();
        var entries = new List<TimelineEntry>(rows.Count);
        foreach (var row in rows)
        {
            var instance = byInstance[row.InstanceId];
            if (!typeNames.TryGetValue((instance.TypeKey, instance.TypeVersion), out var typeName))
            {
                typeName = await WorkflowNames.ForAsync(db, instance.TypeKey, instance.TypeVersion, workflowLocalizer, cancellationToken);
                typeNames[(instance.TypeKey, instance.TypeVersion)] = typeName;
            }

            entries.Add(new TimelineEntry(
                row.AtUtc,
                Kind,
                localizer["{0}: {1}", applications[instance.CorrelationId], typeName.Step(row.ToEntry())],
                row.By is null ? null : who.GetValueOrDefault(row.By),
                links.PathToPage(staff ? "/Applications/Admin/Show" : "/Applications/Edit", new { id = instance.CorrelationId }))
            {
                Detail = row.Comment,
                Visibility = row.Internal ? TimelineVisibility.Staff : TimelineVisibility.Shared,
            });
        }

        return entries;
    }
}
