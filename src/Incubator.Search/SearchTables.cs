using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Incubator.Search;

/// <summary>
/// A document as stored: the columns every engine shares. Each engine adds its own full-text structure beside it
/// (an FTS5 table on SQLite, tsvector columns with a GIN index on PostgreSQL) in the host's migrations.
/// </summary>
public sealed class SearchDocumentRecord
{
    public long Id { get; set; }
    public string Key { get; set; } = string.Empty;
    public string Type { get; set; } = string.Empty;
    public string ItemId { get; set; } = string.Empty;
    public string Slug { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Url { get; set; } = string.Empty;
    public string Summary { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;
    public bool Public { get; set; }

    /// <summary>The sector codes as a JSON array.</summary>
    public string Sectors { get; set; } = "[]";

    public string? Locality { get; set; }
    public string? Stage { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime IndexedUtc { get; set; }
}

/// <summary>
/// "This item changed": written in the same transaction as the change, applied by the indexer. On PostgreSQL
/// <see cref="TxId"/> is the writing transaction's id, filled by the database, and the indexer reads in that order
/// up to the oldest transaction still running, so a row committed late is never skipped; on SQLite, where writers
/// commit one at a time, it stays 0 and <see cref="Id"/> gives the order.
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; set; }
    public long TxId { get; set; }
    public string Type { get; set; } = string.Empty;
    public string ItemId { get; set; } = string.Empty;
    public DateTime CreatedUtc { get; set; }
}

/// <summary>The index's one state row: the checkpoint of the outbox and the progress of the last full rebuild.</summary>
public sealed class SearchState
{
    public const string IndexName = "index";

    public string Name { get; set; } = IndexName;

    /// <summary>Every outbox row up to (LastTxId, LastId) has been applied.</summary>
    public long LastTxId { get; set; }

    public long LastId { get; set; }
    public DateTime? LastIndexedUtc { get; set; }

    /// <summary>idle, queued, running, done or failed.</summary>
    public string RebuildStatus { get; set; } = "idle";

    public int RebuildTotal { get; set; }
    public int RebuildDone { get; set; }
    public DateTime? RebuildStartedUtc { get; set; }
    public DateTime? RebuildFinishedUtc { get; set; }
    public string? RebuildError { get; set; }
}

public static class SearchModel
{
    /// <summary>Adds the search tables to the host's model.</summary>
    /// <param name="builder">The host's model builder.</param>
    /// <param name="postgres">Whether the model is PostgreSQL's, whose outbox rows carry the writing transaction's id.</param>
    public static ModelBuilder AddSearchTables(this ModelBuilder builder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<SearchDocumentRecord>(b =>
        {
            b.ToTable("SearchDocuments");
            b.HasKey(x => x.Id);
            b.Property(x => x.Key).HasMaxLength(100).IsRequired();
            b.Property(x => x.Type).HasMaxLength(32).IsRequired();
            b.Property(x => x.ItemId).HasMaxLength(64).IsRequired();
            b.Property(x => x.Slug).HasMaxLength(200).IsRequired();
            b.Property(x => x.Title).HasMaxLength(700).IsRequired();
            b.Property(x => x.Url).HasMaxLength(500).IsRequired();
            b.Property(x => x.Summary).IsRequired();
            b.Property(x => x.Body).IsRequired();
            b.Property(x => x.Sectors).HasMaxLength(2000).IsRequired();
            b.Property(x => x.Locality).HasMaxLength(64);
            b.Property(x => x.Stage).HasMaxLength(64);
            b.HasIndex(x => x.Key).IsUnique();
            b.HasIndex(x => new { x.Type, x.UpdatedUtc });
        });
        builder.Entity<SearchOutboxEntry>(b =>
        {
            b.ToTable("SearchOutbox");
            b.HasKey(x => x.Id);
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
        });
        builder.Entity<SearchState>(b =>
        {
            b.ToTable("SearchState");
            b.HasKey(x => x.Name);
            b.Property(x => x.Name).HasMaxLength(32);
            b.Property(x => x.RebuildStatus).HasMaxLength(16).IsRequired();
            b.Property(x => x.RebuildError).HasMaxLength(2000);
        });
        return builder;
    }
}
