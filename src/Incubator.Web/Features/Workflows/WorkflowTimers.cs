using Incubator.Core.Time;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Workflows;

/// <summary>Settings under "Workflows".</summary>
internal sealed class WorkflowOptions
{
    /// <summary>How often due timers are fired; zero or less turns the background tick off.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Finished and cancelled instances, with their history, are deleted this long after they ended (checked about
    /// once an hour by the background tick); zero or less keeps them for ever.
    /// </summary>
    public TimeSpan PruneFinishedAfter { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>
/// Fires due workflow timers on a background tick. Safe with several web instances over one database: each due
/// instance is saved with its concurrency token, so it fires once whichever instance gets there first, and a timer
/// that fell due while the site was down fires at the first tick after it starts.
/// </summary>
internal sealed class WorkflowTimerService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowOptions> options, WorkflowMetrics metrics, ILogger<WorkflowTimerService> logger) : Infrastructure.PeriodicBackgroundService(logger)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    // Pruning twice from two web instances is harmless (the second deletes nothing), so this needs no lock.
    private DateTime _lastPruneUtc = DateTime.MinValue;

    /// <summary>
    /// One tick: fires every timer due at <paramref name="nowUtc"/>; returns how many this call fired. Each tick has its
    /// own scope, so it reads the holidays as they are now, including a day staff added since the last tick.
    /// </summary>
    public Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(token => FireAndPruneAsync(nowUtc, token), cancellationToken);

    protected override TimeSpan Interval => options.Value.TimerInterval;

    protected override Task TickAsync(CancellationToken cancellationToken) => FireAndPruneAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<int> FireAndPruneAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowService>();
        var fired = await workflows.FireDueTimersAsync(nowUtc, cancellationToken);
        metrics.Fired(fired);
        var keep = options.Value.PruneFinishedAfter;
        if (keep > TimeSpan.Zero && nowUtc - _lastPruneUtc >= PruneEvery)
        {
            _lastPruneUtc = nowUtc;
            var pruned = await workflows.PruneAsync(nowUtc - keep, cancellationToken);
            if (pruned > 0)
            {
                logger.LogInformation("Pruned {Count} workflow instances that ended before {Cutoff:u}.", pruned, nowUtc - keep);
            }
        }

        return fired;
    }
}
