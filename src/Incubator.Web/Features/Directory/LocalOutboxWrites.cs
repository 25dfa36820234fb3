using System.Data.Common;
using Incubator.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// The last indexing outbox row this instance committed, and when: a list read from the index after it waits until
/// the index has applied it, so whoever publishes a profile sees it listed on their next page (read your writes).
/// Other instances see it when their own indexer polls, within a second.
/// </summary>
internal sealed class LocalOutboxWrites(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private IndexCheckpoint _latest = IndexCheckpoint.Start;
    private long _at;

    /// <summary>The last committed row's position and when it was committed (a <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public (IndexCheckpoint Position, long CommittedAt) Latest
    {
        get
        {
            lock (_lock)
            {
                return (_latest, _at);
            }
        }
    }

    public void Committed(IndexCheckpoint position)
    {
        lock (_lock)
        {
            if (SearchOutboxReader.IsAfter(position, _latest))
            {
                _latest = position;
                _at = clock.GetTimestamp();
            }
        }
    }

    /// <summary>
    /// Notes the outbox rows a context has saved once they are committed: after the save itself, or after the explicit
    /// transaction it ran in commits (a rolled back row is never waited for).
    /// </summary>
    internal sealed class Interceptor(LocalOutboxWrites writes) : ISaveChangesInterceptor, IDbTransactionInterceptor
    {
        public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            ArgumentNullException.ThrowIfNull(eventData);
            if (eventData.Context?.Database.CurrentTransaction is null)
            {
                Note(eventData.Context);
            }

            return result;
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SavedChanges(eventData, result));

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
        {
            ArgumentNullException.ThrowIfNull(eventData);
            Note(eventData.Context);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            TransactionCommitted(transaction, eventData);
            return Task.CompletedTask;
        }

        private void Note(DbContext? context)
        {
            if (context is null)
            {
                return;
            }

            // Rows saved stay tracked (unchanged) until the context is cleared: their ids and transaction ids are read back.
            IndexCheckpoint? last = null;
            foreach (var entry in context.ChangeTracker.Entries<SearchOutboxEntry>())
            {
                if (entry.State == EntityState.Unchanged && entry.Entity.Id > 0 && (last is not { } l || SearchOutboxReader.IsAfter(entry.Entity.Position, l)))
                {
                    last = entry.Entity.Position;
                }
            }

            if (last is { } position)
            {
                writes.Committed(position);
            }
        }
    }
}
