using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Incubator.Search;

/// <summary>
/// "This item changed": written in the same transaction as the change, applied by every instance's indexer to its
/// own index. On PostgreSQL <see cref="TxId"/> is the writing transaction's id, filled by the database, and the
/// indexers read in that order up to the oldest transaction still running, so a row committed late is never
/// skipped; on SQLite, where writers commit one at a time, it stays 0 and <see cref="Id"/> gives the order. Rows are
/// kept (several instances read them) until they are older than the retention, then pruned by one instance.
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; set; }
    public long TxId { get; set; }
    public string Type { get; set; } = string.Empty;
    public string ItemId { get; set; } = string.Empty;
    public DateTime CreatedUtc { get; set; }

    /// <summary>The row's place in the outbox's order.</summary>
    public IndexCheckpoint Position => new(TxId, Id);
}

/// <summary>
/// One web instance's index as it last reported it: how far in the outbox it is, in what condition, and how its
/// rebuild goes. Each instance writes only its own row; the back office reads them all.
/// </summary>
public sealed class SearchCheckpoint
{
    public string InstanceId { get; set; } = string.Empty;
    public string Machine { get; set; } = string.Empty;

    /// <summary>Every outbox row up to (CheckpointTxId, CheckpointId) has been applied to this instance's index.</summary>
    public long CheckpointTxId { get; set; }

    public long CheckpointId { get; set; }

    /// <summary>The index's condition when it was opened or last rebuilt: Ready, Missing, Corrupt or Outdated.</summary>
    public string Condition { get; set; } = string.Empty;

    /// <summary>idle, running, done or failed.</summary>
    public string RebuildStatus { get; set; } = "idle";

    public int RebuildDone { get; set; }
    public int RebuildTotal { get; set; }
    public DateTime? RebuildStartedUtc { get; set; }
    public DateTime? RebuildFinishedUtc { get; set; }
    public string? RebuildError { get; set; }

    /// <summary>When the index's current generation was built (null: never rebuilt here).</summary>
    public DateTime? BuiltUtc { get; set; }

    public int Documents { get; set; }
    public DateTime UpdatedUtc { get; set; }

    public IndexCheckpoint Checkpoint => new(CheckpointTxId, CheckpointId);
}

/// <summary>
/// What every instance's index answers to, one row: the highest outbox position pruned (an index behind it may have
/// missed rows and rebuilds) and when a full rebuild was last asked for (every index built before then rebuilds).
/// </summary>
public sealed class SearchIndexState
{
    public const string IndexName = "index";

    public string Name { get; set; } = IndexName;

    /// <summary>Every outbox row up to (PrunedTxId, PrunedId) may have been deleted.</summary>
    public long PrunedTxId { get; set; }

    public long PrunedId { get; set; }

    /// <summary>When an administrator, a restore or a change of the synonyms last asked every index to be rebuilt.</summary>
    public DateTime? RebuildRequestedUtc { get; set; }

    public IndexCheckpoint Pruned => new(PrunedTxId, PrunedId);
}

public static class SearchModel
{
    /// <summary>Adds the search tables to the host's model.</summary>
    /// <param name="builder">The host's model builder.</param>
    /// <param name="postgres">Whether the model is PostgreSQL's, whose outbox rows carry the writing transaction's id.</param>
    public static ModelBuilder AddSearchTables(this ModelBuilder builder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<SearchOutboxEntry>(b =>
        {
            b.ToTable("SearchOutbox");
            b.HasKey(x => x.Id);
            b.Ignore(x => x.Position);
            b.Property(x => x.Type).HasMaxLength(32).IsRequired();
            b.Property(x => x.ItemId).HasMaxLength(64).IsRequired();
            var txId = b.Property(x => x.TxId).ValueGeneratedOnAdd();
            if (postgres)
            {
                txId.HasDefaultValueSql("(pg_current_xact_id()::text::bigint)");
            }
            else
            {
                txId.HasDefaultValue(0L);
            }

            txId.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            txId.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            b.HasIndex(x => new { x.TxId, x.Id });
            b.HasIndex(x => x.CreatedUtc);
        });
        builder.Entity<SearchCheckpoint>(b =>
        {
            b.ToTable("SearchCheckpoints");
            b.HasKey(x => x.InstanceId);
            b.Ignore(x => x.Checkpoint);
            b.Property(x => x.InstanceId).HasMaxLength(200);
            b.Property(x => x.Machine).HasMaxLength(200).IsRequired();
            b.Property(x => x.Condition).HasMaxLength(16).IsRequired();
            b.Property(x => x.RebuildStatus).HasMaxLength(16).IsRequired();
            b.Property(x => x.RebuildError).HasMaxLength(2000);
            b.HasIndex(x => x.UpdatedUtc);
        });
        builder.Entity<SearchIndexState>(b =>
        {
            b.ToTable("SearchIndexState");
            b.HasKey(x => x.Name);
            b.Ignore(x => x.Pruned);
            b.Property(x => x.Name).HasMaxLength(32);
        });
        return builder;
    }
}
