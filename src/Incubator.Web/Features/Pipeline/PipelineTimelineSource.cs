using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Pipeline;

/// <summary>An organisation's pipeline moves on its timeline, for staff only: a stage is the incubator's own judgement.</summary>
internal sealed class PipelineTimelineSource(IncubatorDbContext db, TaxonomyService taxonomies, IStringLocalizer<PipelineTimelineSource> localizer) : ITimelineSource
{
    public const string Kind = "pipeline";

    public IReadOnlyList<TimelineKind> Kinds { get; } = [new(Kind, "Pipeline moves")];

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(window);
        if (subject.Kind != TimelineSubjectKind.Organisation || !viewer.MaySee(TimelineVisibility.Staff) || !window.Wants(Kind))
        {
            return [];
        }

        var query = db.Set<PipelineMove>().AsNoTracking().Where(m => m.OrganisationId == subject.Id);
        if (window.BeforeUtc is { } before)
        {
            query = query.Where(m => m.AtUtc < before);
        }

        var moves = await query.OrderByDescending(m => m.AtUtc).ThenByDescending(m => m.Id).Take(window.Limit).ToListAsync(cancellationToken);
        var names = await PipelineUsers.NamesAsync(db, moves.Select(m => m.ByUserId), cancellationToken);
        var result = new List<TimelineEntry>(moves.Count);
        foreach (var move in moves)
        {
            var to = await taxonomies.NameAsync(TaxonomyTerm.Pipeline, move.Stage, cancellationToken);
            var title = move.FromStage is null
                ? localizer["Entered the pipeline at \"{0}\"", to].Value
                : localizer["Moved from \"{0}\" to \"{1}\"", await taxonomies.NameAsync(TaxonomyTerm.Pipeline, move.FromStage, cancellationToken), to].Value;
            result.Add(new TimelineEntry(move.AtUtc, Kind, title, move.ByUserId is null ? null : names.GetValueOrDefault(move.ByUserId), null)
            {
                Detail = move.Note,
                Visibility = TimelineVisibility.Staff,
            });
        }

        return result;
    }
}
