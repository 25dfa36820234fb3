using Incubator.Search;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incubator.Web.Features.Search;

/// <summary>
/// The search index: Degraded while a rebuild runs or after one failed (results are incomplete), or when a change has
/// waited more than <see cref="DegradedAfter"/> to reach the index (the indexing loop is stopped or failing).
/// </summary>
internal sealed class SearchHealthCheck(IncubatorDbContext db, SearchMetrics metrics, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await db.SearchState.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SearchState.IndexName, cancellationToken);
        if (!metrics.TryReadOutbox(out var backlog))
        {
            return HealthCheckResult.Unhealthy("The search outbox could not be read.");
        }

        var age = backlog.OldestAge(clock.GetUtcNow().UtcDateTime);
        var rebuild = state?.RebuildStatus ?? SearchIndexer.Idle;
        var data = new Dictionary<string, object>
        {
            ["rebuild"] = rebuild,
            ["outboxRows"] = backlog.Count,
            ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds),
        };
        if (state?.LastIndexedUtc is { } lastIndexed)
        {
            data["lastIndexedUtc"] = lastIndexed;
        }

        return rebuild switch
        {
            SearchIndexer.Failed => HealthCheckResult.Degraded("The last rebuild of the search index failed: " + state?.RebuildError, data: data),
            SearchIndexer.Running or SearchIndexer.Queued => HealthCheckResult.Degraded("The search index is being rebuilt.", data: data),
            _ when age > DegradedAfter => HealthCheckResult.Degraded($"A change has waited {age.TotalSeconds:0} seconds for the search index.", data: data),
            _ => HealthCheckResult.Healthy(data: data),
        };
    }
}
