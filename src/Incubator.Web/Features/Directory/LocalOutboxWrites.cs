using System.Data.Common;
using Incubator.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Incubator.Web.Features.Directory;

/// <summary>
/// Counts the saves with indexing outbox rows this instance committed: a list read from the index after one waits until
/// the index has applied the outbox, so whoever publishes a profile sees it listed on their next page (read your writes).
/// Each commit also wakes this instance's indexer, so its own changes are searchable at once rather than at the next
/// poll; other instances see them when their own indexer polls, within a second.
/// </summary>
internal sealed class LocalOutboxWrites(Search.SearchIndexingService indexing)
{
    private long _committed;

    /// <summary>How many saves (or transactions) with outbox rows this instance has committed.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    public void Commit()
    {
        Interlocked.Increment(ref _committed);
        indexing.Wake();
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

            // Rows saved stay tracked (unchanged) until the context is cleared; a count too many costs one catch-up.
            if (context.ChangeTracker.Entries<SearchOutboxEntry>().Any(e => e.State == EntityState.Unchanged))
            {
                writes.Commit();
            }
        }
    }
}
