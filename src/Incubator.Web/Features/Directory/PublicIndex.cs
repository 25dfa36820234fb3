using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// The instance's search index for the public lists (directories, the home page): answered from memory, without a
/// statement to the database, while this instance has committed no change since its index last caught up. After such
/// a change the first read runs the indexer's poll at once until no outbox row is past the index's checkpoint
/// (waiting a little for a PostgreSQL transaction still settling), for at most <see cref="Patience"/>; past that the
/// background poll's freshness holds.
/// </summary>
internal sealed class PublicIndex(LuceneSearchIndex index, LocalOutboxWrites writes, SearchIndexingService indexing, IServiceScopeFactory scopes, TimeProvider clock, ILogger<PublicIndex> logger)
{
    /// <summary>How long a read after this instance's own change waits for the index to catch up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    private long _caughtUp;

    public async Task<LuceneSearchIndex> ReadAsync(CancellationToken cancellationToken)
    {
        var target = writes.Committed;
        if (target == Interlocked.Read(ref _caughtUp))
        {
            return index;
        }

        var start = clock.GetTimestamp();
        while (true)
        {
            try
            {
                await indexing.RunOnceAsync(cancellationToken);
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
                if (!await SearchOutboxReader.Past(db, index.Checkpoint).AnyAsync(cancellationToken))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The list is served from the index as it is; the background poll retries.
                logger.LogWarning(ex, "Catching the search index up before a list failed.");
                break;
            }

            if (clock.GetElapsedTime(start) >= Patience)
            {
                logger.LogWarning("The search index did not catch up with the outbox within {Patience}; the list is served as the index is.", Patience);
                break;
            }

            await Task.Delay(Pause, cancellationToken);
        }

        // Whether caught up or given up on, this change costs no further read a wait.
        long seen;
        while ((seen = Interlocked.Read(ref _caughtUp)) < target && Interlocked.CompareExchange(ref _caughtUp, target, seen) != seen)
        {
        }

        return index;
    }
}
