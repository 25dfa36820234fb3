namespace Incubator.Web.Features.Timeline;

/// <summary>Merges every registered source's entries for a subject, newest first, keeping only what the viewer may see.</summary>
internal sealed class TimelineReader(IEnumerable<ITimelineSource> sources, IEnumerable<ITimelineAction> actions)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Every kind the registered sources give, in registration order, each once.</summary>
    public IReadOnlyList<TimelineKind> Kinds =>
        sources.SelectMany(s => s.Kinds).DistinctBy(k => k.Code, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(
        TimelineSubject subject, TimelineViewer viewer, TimelineWindow window, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(window.Limit, 1, MaxLimit);
        window = window with { Limit = limit };
        var entries = new List<TimelineEntry>();
        foreach (var source in sources)
        {
            if (window.Kinds.Count > 0 && !source.Kinds.Any(k => window.Kinds.Contains(k.Code)))
            {
                continue;
            }

            // One DbContext per request: the sources run one after another, not at once.
            entries.AddRange(await source.ReadAsync(subject, viewer, window, cancellationToken));
        }

        return entries
            .Where(e => window.Wants(e.Kind) && viewer.MaySee(e.Visibility) && (window.BeforeUtc is not { } before || e.AtUtc < before))
            .OrderByDescending(e => e.AtUtc)
            .ThenBy(e => e.Kind, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>The buttons features offer beside this subject's timeline for this viewer.</summary>
    public IReadOnlyList<TimelineLink> Actions(TimelineSubject subject, TimelineViewer viewer) =>
        actions.Select(a => a.For(subject, viewer)).OfType<TimelineLink>().OrderBy(l => l.Order).ToList();
}
