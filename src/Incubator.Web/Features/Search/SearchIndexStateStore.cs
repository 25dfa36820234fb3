using Incubator.Search;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Search;

/// <summary>
/// The row every instance's index answers to ("SearchIndexState"): the pruning watermark and the last request for a
/// full rebuild. The row is made on first use, so a database restored or created by EF alone needs no seed.
/// </summary>
internal static class SearchIndexStateStore
{
    /// <summary>The row, or a blank one when it was never written.</summary>
    public static async Task<SearchIndexState> ReadAsync(IncubatorDbContext db, CancellationToken cancellationToken) =>
        await db.Set<SearchIndexState>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == SearchIndexState.IndexName, cancellationToken)
        ?? new SearchIndexState();

    /// <summary>
    /// Asks every instance to rebuild its index (each one whose index was built before <paramref name="now"/>); in the
    /// caller's transaction when one is open, so a recipe's change and its request commit together.
    /// </summary>
    public static async Task RequestRebuildAsync(IncubatorDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        await EnsureAsync(db, cancellationToken);
        await db.Set<SearchIndexState>().Where(s => s.Name == SearchIndexState.IndexName)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RebuildRequestedUtc, now), cancellationToken);
    }

    /// <summary>Raises the watermark to <paramref name="pruned"/> (never lowers it).</summary>
    public static async Task RaiseWatermarkAsync(IncubatorDbContext db, IndexCheckpoint pruned, CancellationToken cancellationToken)
    {
        await EnsureAsync(db, cancellationToken);
        var (tx, id) = (pruned.TxId, pruned.Id);
        await db.Set<SearchIndexState>()
            .Where(s => s.Name == SearchIndexState.IndexName && (s.PrunedTxId < tx || (s.PrunedTxId == tx && s.PrunedId < id)))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.PrunedTxId, tx).SetProperty(s => s.PrunedId, id), cancellationToken);
    }

    // Instances making the row together leave one (both providers know ON CONFLICT).
    private static Task<int> EnsureAsync(IncubatorDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"SearchIndexState\" (\"Name\", \"PrunedTxId\", \"PrunedId\") VALUES ({SearchIndexState.IndexName}, 0, 0) ON CONFLICT DO NOTHING",
            cancellationToken);
}
