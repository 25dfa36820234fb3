using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Records;

/// <summary>
/// What every staff-kept record shares. These are plain rows, not content items: they carry facts the provincial
/// targets count (protected IP, technology transactions, intermediaries, contest entries) and have no draft, no
/// public page and no workflow. The base class is not mapped itself, so each kind keeps a table of its own.
/// </summary>
internal abstract class RecordBase
{
    public const int KeyMaxLength = 64;
    public const int LocalityMaxLength = 128;
    public const int UpdatedByMaxLength = 256;
    public const int NotesMaxLength = 4000;

    public long Id { get; set; }

    /// <summary>Stable identity across sites: generated for records staff create, given by recipes for theirs.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>A code of the "localities" taxonomy: a province ("cao-bang") or a commune ("cao-bang.hoa-an").</summary>
    public string? Locality { get; set; }

    public string? Notes { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedBy { get; set; }
}

internal static class RecordConfiguration
{
    /// <summary>The columns every record kind shares, and its key unique within its own table.</summary>
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> builder, string table)
        where T : RecordBase
    {
        builder.ToTable(table);
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Key).HasMaxLength(RecordBase.KeyMaxLength).IsRequired();
        builder.HasIndex(x => x.Key).IsUnique();
        builder.Property(x => x.Locality).HasMaxLength(RecordBase.LocalityMaxLength);
        builder.HasIndex(x => x.Locality);
        builder.Property(x => x.Notes).HasMaxLength(RecordBase.NotesMaxLength);
        builder.Property(x => x.UpdatedBy).HasMaxLength(RecordBase.UpdatedByMaxLength);
    }
}
