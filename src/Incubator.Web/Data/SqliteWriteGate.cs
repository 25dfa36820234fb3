using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Incubator.Web.Data;

/// <summary>
/// Lets one SQLite transaction of this site run at a time, the others waiting their turn asynchronously.
/// SQLite allows a single writer; without this gate every other writer waits inside SQLite's busy handler (and then
/// Microsoft.Data.Sqlite's retry loop), each blocking a thread-pool thread while it sleeps. Fifty simultaneous writes
/// on a two-core server starved the pool: the one transaction holding the lock could not get a thread to commit, and
/// the waiters ran out their timeout and failed. Waiting here costs no thread, and a transaction that read first can
/// no longer find its snapshot stale when it writes (SQLITE_BUSY_SNAPSHOT), since no other transaction of this site
/// commits in between. Statements outside a transaction (reads, single ExecuteUpdate) are not gated.
/// A gate still closed after <see cref="Patience"/> is passed by, leaving the order to SQLite itself,
/// so a transaction opened while another of the same request is open can never deadlock on the gate.
/// </summary>
internal sealed class SqliteWriteGate : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Pass> holders = [];

    public IInterceptor[] Interceptors => [new Transactions(this), new Connections(this)];

    public void Dispose() => gate.Dispose();

    private static DbConnection? ConnectionOf(DbTransaction transaction, TransactionEndEventData eventData) =>
        eventData.Context?.Database.GetDbConnection() ?? transaction.Connection;

    private async ValueTask EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (await gate.WaitAsync(Patience, cancellationToken))
        {
            holders.AddOrUpdate(connection, new Pass());
        }
    }

    private void Enter(DbConnection connection)
    {
        if (gate.Wait(Patience))
        {
            holders.AddOrUpdate(connection, new Pass());
        }
    }

    /// <summary>Opens the gate if this connection holds it; safe to call more than once per transaction.</summary>
    private void Leave(DbConnection? connection)
    {
        if (connection is not null && holders.TryGetValue(connection, out var pass) && holders.Remove(connection) && Interlocked.Exchange(ref pass.Released, 1) == 0)
        {
            gate.Release();
        }
    }

    private sealed class Pass
    {
        public int Released;
    }

    private sealed class Transactions(SqliteWriteGate owner) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            owner.Enter(connection);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await owner.EnterAsync(connection, cancellationToken);
            return result;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.Leave(ConnectionOf(transaction, eventData));

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Leave(ConnectionOf(transaction, eventData));
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => owner.Leave(ConnectionOf(transaction, eventData));

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Leave(ConnectionOf(transaction, eventData));
            return Task.CompletedTask;
        }
    }

    /// <summary>A transaction disposed without commit or rollback ends when its connection closes.</summary>
    private sealed class Connections(SqliteWriteGate owner) : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.Leave(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.Leave(connection);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.Leave(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.Leave(connection);
            return ValueTask.FromResult(result);
        }
    }
}
