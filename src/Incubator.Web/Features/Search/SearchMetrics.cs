using System.Diagnostics.Metrics;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Search;

/// <summary>
/// This instance's search backlog: outbox rows past its index's checkpoint (changes written and not yet applied to
/// this instance's index; the other instances have their own), and the oldest one's age.
/// </summary>
internal sealed class SearchMetrics
{
    private readonly CachedReading<Backlog> _outbox;

    public SearchMetrics(SiteMeter meter, IServiceScopeFactory scopes, LuceneSearchIndex index, TimeProvider clock, IOptions<MetricsOptions> options)
    {
        _outbox = new CachedReading<Backlog>(clock, options, () =>
        {
            using var scope = scopes.CreateScope();
            var rows = SearchOutboxReader.Past(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>(), index.Checkpoint);
            return new Backlog(rows.Count(), rows.Min(r => (DateTime?)r.CreatedUtc));
        });
        meter.Meter.CreateObservableGauge("incubator.search.outbox.rows", () => TryReadOutbox(out var backlog) ? [new Measurement<int>(backlog.Count)] : Array.Empty<Measurement<int>>(),
            description: "Changes waiting to be applied to the search index.");
        meter.Meter.CreateObservableGauge("incubator.search.outbox.oldest_age", () => TryReadOutbox(out var backlog) ? [new Measurement<double>(backlog.OldestAge(clock.GetUtcNow().UtcDateTime).TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "How long the oldest change has waited for the search index.");
    }

    /// <summary>The outbox's backlog, read at most once every few seconds; false when the database did not answer.</summary>
    public bool TryReadOutbox(out Backlog backlog) => _outbox.TryGet(out backlog);
}
