using Microsoft.EntityFrameworkCore;

namespace Incubator.Search;

/// <summary>
/// What a feature contributes to the index: the documents of its items (Orchard's full-text aspect), built from the
/// feature's own data. Runs on the same DbContext, and so in the same transaction, as the indexer that calls it.
/// </summary>
public interface ISearchSource
{
    /// <summary>The document types this source builds, e.g. "startup", "mentor".</summary>
    IReadOnlyList<string> Types { get; }

    /// <summary>The documents of the given items as they are now; an item that should not be found is left out.</summary>
    Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    /// <summary>Every item of the type that may have a document, for a full rebuild.</summary>
    Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken);
}

/// <summary>
/// Applies the indexing outbox to the engine and rebuilds the whole index. The outbox is read past the checkpoint in
/// the database, under a lock on the state row, so several web instances neither apply a row twice nor skip one.
/// </summary>
public sealed class SearchIndexer(DbContext db, SearchEngine engine, IEnumerable<ISearchSource> sources)
{
    public const string Idle = "idle";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    private readonly Dictionary<string, ISearchSource> _sources = sources.SelectMany(s => s.Types.Select(t => (t, s))).ToDictionary(p => p.t, p => p.s, StringComparer.Ordinal);

    /// <summary>Applies up to <paramref name="batchSize"/> outbox rows; returns how many it applied (0: nothing to do, or another instance is at it).</summary>
    public async Task<int> ApplyOutboxAsync(int batchSize = 500, CancellationToken cancellationToken = default)
    {
        var settled = await engine.SettledTxIdAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await engine.TryLockStateAsync(db, cancellationToken))
        {
            return 0;
        }

        var state = await db.Set<SearchState>().SingleAsync(s => s.Name == SearchState.IndexName, cancellationToken);
        var (lastTx, lastId) = (state.LastTxId, state.LastId);
        var rows = await db.Set<SearchOutboxEntry>().AsNoTracking()
            .Where(o => (o.TxId > lastTx || (o.TxId == lastTx && o.Id > lastId)) && o.TxId < settled)
            .OrderBy(o => o.TxId).ThenBy(o => o.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        foreach (var group in rows.GroupBy(r => r.Type, StringComparer.Ordinal))
        {
            await IndexAsync(group.Key, [.. group.Select(r => r.ItemId).Distinct(StringComparer.Ordinal)], cancellationToken);
        }

        var applied = rows.Select(r => r.Id).ToList();
        await db.Set<SearchOutboxEntry>().Where(o => applied.Contains(o.Id)).ExecuteDeleteAsync(cancellationToken);
        state.LastTxId = rows[^1].TxId;
        state.LastId = rows[^1].Id;
        state.LastIndexedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Asks for a full rebuild; false when one is already queued or running.</summary>
    public async Task<bool> RequestRebuildAsync(CancellationToken cancellationToken = default) =>
        await db.Set<SearchState>()
            .Where(s => s.Name == SearchState.IndexName && s.RebuildStatus != Queued && s.RebuildStatus != Running)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RebuildStatus, Queued).SetProperty(s => s.RebuildError, (string?)null), cancellationToken) > 0;

    /// <summary>Takes a queued rebuild for this instance; only one instance can.</summary>
    public async Task<bool> ClaimRebuildAsync(CancellationToken cancellationToken = default) =>
        await db.Set<SearchState>()
            .Where(s => s.Name == SearchState.IndexName && s.RebuildStatus == Queued)
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.RebuildStatus, Running).SetProperty(s => s.RebuildDone, 0).SetProperty(s => s.RebuildTotal, 0)
                    .SetProperty(s => s.RebuildStartedUtc, DateTime.UtcNow).SetProperty(s => s.RebuildFinishedUtc, (DateTime?)null),
                cancellationToken) > 0;

    /// <summary>
    /// Re-creates every document from the sources, in batches, each in its own transaction under the state lock, so
    /// searching goes on throughout and the outbox indexer's changes interleave instead of being overwritten by
    /// older reads. Documents whose item no longer exists are removed at the end. Progress is kept in the state row.
    /// </summary>
    public async Task RebuildAsync(int batchSize = 500, CancellationToken cancellationToken = default)
    {
        try
        {
            var plan = new List<(string Type, IReadOnlyList<string> Ids)>();
            foreach (var (type, source) in _sources)
            {
                plan.Add((type, await source.ItemIdsAsync(type, cancellationToken)));
            }

            var total = plan.Sum(p => p.Ids.Count);
            await Progress(u => u.SetProperty(s => s.RebuildTotal, total), cancellationToken);
            var done = 0;
            foreach (var (type, ids) in plan)
            {
                foreach (var chunk in ids.Chunk(batchSize))
                {
                    await LockedAsync(() => IndexAsync(type, chunk, cancellationToken), cancellationToken);
                    done += chunk.Length;
                    await Progress(u => u.SetProperty(s => s.RebuildDone, done), cancellationToken);
                    db.ChangeTracker.Clear();
                }

                var wanted = ids.Select(id => SearchDocument.KeyOf(type, id)).ToHashSet(StringComparer.Ordinal);
                var stale = (await SearchEngine.KeysAsync(db, type, cancellationToken)).Where(k => !wanted.Contains(k)).ToList();
                foreach (var chunk in stale.Chunk(batchSize))
                {
                    await LockedAsync(() => engine.DeleteAsync(db, chunk, cancellationToken), cancellationToken);
                }
            }

            var known = _sources.Keys.ToList();
            var orphans = await db.Set<SearchDocumentRecord>().Where(d => !known.Contains(d.Type)).Select(d => d.Key).ToListAsync(cancellationToken);
            if (orphans.Count > 0)
            {
                await LockedAsync(() => engine.DeleteAsync(db, orphans, cancellationToken), cancellationToken);
            }

            await Progress(u => u.SetProperty(s => s.RebuildStatus, Done).SetProperty(s => s.RebuildFinishedUtc, DateTime.UtcNow), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var message = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await Progress(u => u.SetProperty(s => s.RebuildStatus, Failed).SetProperty(s => s.RebuildError, message).SetProperty(s => s.RebuildFinishedUtc, DateTime.UtcNow), CancellationToken.None);
            throw;
        }
    }

    public Task<SearchState> StateAsync(CancellationToken cancellationToken = default) =>
        db.Set<SearchState>().AsNoTracking().SingleAsync(s => s.Name == SearchState.IndexName, cancellationToken);

    private async Task IndexAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var documents = _sources.TryGetValue(type, out var source)
            ? await source.LoadAsync(type, itemIds, cancellationToken)
            : [];
        await engine.UpsertAsync(db, documents, cancellationToken);
        var found = documents.Select(d => d.ItemId).ToHashSet(StringComparer.Ordinal);
        var gone = itemIds.Where(id => !found.Contains(id)).Select(id => SearchDocument.KeyOf(type, id)).ToList();
        if (gone.Count > 0)
        {
            await engine.DeleteAsync(db, gone, cancellationToken);
        }
    }

    /// <summary>Runs one batch in a transaction holding the state row, waiting while the outbox indexer has it.</summary>
    private async Task LockedAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await engine.TryLockStateAsync(db, cancellationToken))
            {
                await work();
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            await transaction.RollbackAsync(cancellationToken);
            await Task.Delay(50, cancellationToken);
        }
    }

    private Task<int> Progress(Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<SearchState>> set, CancellationToken cancellationToken) =>
        db.Set<SearchState>().Where(s => s.Name == SearchState.IndexName).ExecuteUpdateAsync(set, cancellationToken);
}
