using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Search;

/// <summary>
/// Reads the indexing outbox in its order, the one rule every reader keeps: on PostgreSQL rows are read in
/// (TxId, Id) order and only below the oldest transaction still running, since a transaction that started earlier
/// may commit its rows after later ones are visible; below that id every row is final (committed or never to
/// appear). On SQLite, whose writers commit one at a time, TxId is 0 and every committed row is final.
/// </summary>
public static class SearchOutboxReader
{
    /// <summary>Whether the context is PostgreSQL's (the only provider whose outbox rows carry transaction ids).</summary>
    public static bool IsPostgres(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
    }

    /// <summary>The transaction id below which every outbox row is final: PostgreSQL's oldest running transaction; on SQLite, everything.</summary>
    public static async Task<long> SettledTxIdAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        if (!IsPostgres(db))
        {
            return long.MaxValue;
        }

        var xmin = await db.Database.SqlQueryRaw<string>("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS \"Value\"").ToListAsync(cancellationToken);
        return long.Parse(xmin[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The rows past <paramref name="after"/> with transaction ids below <paramref name="settled"/>, in order, at most <paramref name="take"/>.</summary>
    public static Task<List<SearchOutboxEntry>> ReadAsync(DbContext db, IndexCheckpoint after, long settled, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Past(db, after).Where(o => o.TxId < settled)
            .OrderBy(o => o.TxId).ThenBy(o => o.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Rows past <paramref name="after"/> (settled or not): the backlog of an index at that checkpoint.</summary>
    public static IQueryable<SearchOutboxEntry> Past(DbContext db, IndexCheckpoint after)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (tx, id) = (after.TxId, after.Id);
        return db.Set<SearchOutboxEntry>().AsNoTracking().Where(o => o.TxId > tx || (o.TxId == tx && o.Id > id));
    }

    /// <summary>
    /// The position a full rebuild starts from, read BEFORE it reads any item: the last settled row, or the pruning
    /// watermark when that is later (an empty outbox after pruning). Every change up to it is in the items the rebuild
    /// reads next; every later one is applied after it from the outbox.
    /// </summary>
    public static async Task<IndexCheckpoint> RebuildPositionAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settled = await SettledTxIdAsync(db, cancellationToken);
        var last = await db.Set<SearchOutboxEntry>().AsNoTracking().Where(o => o.TxId < settled)
            .OrderByDescending(o => o.TxId).ThenByDescending(o => o.Id)
            .Select(o => new { o.TxId, o.Id })
            .FirstOrDefaultAsync(cancellationToken);
        var state = await db.Set<SearchIndexState>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == SearchIndexState.IndexName, cancellationToken);
        var position = last is null ? IndexCheckpoint.Start : new IndexCheckpoint(last.TxId, last.Id);
        return state is not null && IsAfter(state.Pruned, position) ? state.Pruned : position;
    }

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/> in the outbox's (TxId, Id) order.</summary>
    public static bool IsAfter(IndexCheckpoint a, IndexCheckpoint b) => a.TxId > b.TxId || (a.TxId == b.TxId && a.Id > b.Id);
}
