using Incubator.Search;
using Incubator.Web.Features.Search;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// The instance's search index for the public lists (directories, the home page): answered from memory, without a
/// statement to the database, once the index holds this instance's own last change. Right after this instance
/// committed a change the index has not applied yet, the indexer's poll is run at once (waiting a little for a
/// PostgreSQL transaction still settling), for at most <see cref="Patience"/> after the change; past that the
/// background poll's freshness holds.
/// </summary>
internal sealed class PublicIndex(LuceneSearchIndex index, LocalOutboxWrites writes, SearchIndexingService indexing, TimeProvider clock, ILogger<PublicIndex> logger)
{
    /// <summary>How long after its own change an instance keeps catching its index up before a read.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    public async Task<LuceneSearchIndex> ReadAsync(CancellationToken cancellationToken)
    {
        var (position, committed) = writes.Latest;
        while (SearchOutboxReader.IsAfter(position, index.Checkpoint) && clock.GetElapsedTime(committed) < Patience)
        {
            try
            {
                await indexing.RunOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The list is served from the index as it is; the background poll retries.
                logger.LogWarning(ex, "Catching the search index up before a list failed.");
                break;
            }

            if (SearchOutboxReader.IsAfter(position, index.Checkpoint))
            {
                await Task.Delay(Pause, cancellationToken);
            }
        }

        return index;
    }
}
