namespace Incubator.Search;

/// <summary>
/// Position in the outbox up to which an index has applied every row: on PostgreSQL the transaction id and the row id,
/// on SQLite (whose writers commit in order) zero and the row id. The index keeps it in its commits, so after a restart
/// the host carries on from where the index really is, not from where the database thinks it is.
/// </summary>
public readonly record struct IndexCheckpoint(long TxId, long Id)
{
    /// <summary>Before the first row: an index at this checkpoint applies the whole outbox.</summary>
    public static IndexCheckpoint Start => default;
}
