using Incubator.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incubator.Web.Features.Search;

/// <summary>
/// This instance's search index: Degraded while it is being rebuilt (the previous index answers meanwhile, with its
/// progress in the data), after a rebuild failed (it is retried), when it is missing, corrupt or outdated and no
/// rebuild has run yet, or when a change has waited more than <see cref="DegradedAfter"/> to reach it (the indexing
/// loop is stopped or failing).
/// </summary>
internal sealed class SearchHealthCheck(LuceneSearchIndex index, SearchIndexStatus status, SearchMetrics metrics, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!metrics.TryReadOutbox(out var backlog))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The search outbox could not be read."));
        }

        var rebuild = status.Rebuild;
        var age = backlog.OldestAge(clock.GetUtcNow().UtcDateTime);
        var checkpoint = index.Checkpoint;
        var data = new Dictionary<string, object>
        {
            ["condition"] = index.Condition.ToString(),
            ["documents"] = index.DocumentCount,
            ["checkpoint"] = $"{checkpoint.TxId}/{checkpoint.Id}",
            ["rebuild"] = rebuild.Status,
            ["outboxRows"] = backlog.Count,
            ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds),
        };
        if (rebuild.Status is not SearchRebuildState.Idle)
        {
            data["rebuildDone"] = rebuild.Indexed;
            data["rebuildTotal"] = rebuild.Total;
        }

        if (index.BuiltUtc is { } built)
        {
            data["builtUtc"] = built;
        }

        return Task.FromResult(rebuild.Status switch
        {
            SearchRebuildState.Running => HealthCheckResult.Degraded($"The search index is rebuilding ({rebuild.Indexed} of {rebuild.Total} items); the previous index answers meanwhile.", data: data),
            SearchRebuildState.Failed => HealthCheckResult.Degraded("The last rebuild of the search index failed and will be tried again: " + rebuild.Error, data: data),
            SearchRebuildState.Idle when index.Condition != SearchIndexCondition.Ready => HealthCheckResult.Degraded($"The search index is {index.Condition}; it is rebuilt in the background.", data: data),
            _ when age > DegradedAfter => HealthCheckResult.Degraded($"A change has waited {age.TotalSeconds:0} seconds for the search index.", data: data),
            _ => HealthCheckResult.Healthy(data: data),
        });
    }
}
