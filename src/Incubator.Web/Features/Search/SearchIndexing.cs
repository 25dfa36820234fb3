using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Search;

/// <summary>Settings under "Search".</summary>
internal sealed class SearchOptions
{
    /// <summary>How often the outbox is read; zero or less turns background indexing off.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many outbox rows, or items of a rebuild, go in one transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The most matches a query ranks and counts exactly; above it, the newest this many are ranked and the total is "more than".</summary>
    public int ExactUpTo { get; set; } = SearchEngine.DefaultExactUpTo;
}

/// <summary>
/// Keeps the index fresh: applies the outbox every poll (a publish is searchable well within a second), and runs a
/// rebuild that any instance queued, beside the outbox work rather than instead of it, so searching and indexing
/// go on while it runs. Several instances may run this over one PostgreSQL: the state row's lock and the queued →
/// running claim let exactly one of them do each piece of work.
/// </summary>
internal sealed class SearchIndexingService(IServiceScopeFactory scopes, IOptions<SearchOptions> options, ILogger<SearchIndexingService> logger) : Infrastructure.PeriodicBackgroundService(logger)
{
    private Task _rebuild = Task.CompletedTask;

    protected override TimeSpan Interval => options.Value.PollInterval;

    /// <summary>Applies the outbox until it is empty, after any poll already running; returns how many rows were applied.</summary>
    public Task<int> DrainAsync(CancellationToken cancellationToken = default) => ExclusiveAsync(ApplyOutboxAsync, cancellationToken);

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        await ApplyOutboxAsync(cancellationToken);
        await StartQueuedRebuildAsync(cancellationToken);
    }

    protected override async Task StoppedAsync()
    {
        try
        {
            await _rebuild;
        }
        catch (OperationCanceledException)
        {
            // The site is stopping: a rebuild cut short stays marked running in its state row, not an error here.
        }
    }

    private async Task<int> ApplyOutboxAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var applied = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ApplyOutboxAsync(options.Value.BatchSize, cancellationToken);
            total += applied;
            if (applied < options.Value.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Starts a queued rebuild in the background if this instance wins it; returns whether it did.</summary>
    private async Task<bool> StartQueuedRebuildAsync(CancellationToken cancellationToken)
    {
        if (!_rebuild.IsCompleted)
        {
            return false;
        }

        using (var scope = scopes.CreateScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ClaimRebuildAsync(cancellationToken))
            {
                return false;
            }
        }

        _rebuild = Task.Run(
            async () =>
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync(options.Value.BatchSize, cancellationToken);
                    logger.LogInformation("Search index rebuilt.");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Search index rebuild failed; its state row holds the message.");
                }
            },
            cancellationToken);
        return true;
    }
}
