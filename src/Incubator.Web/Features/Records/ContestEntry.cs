using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Records;

/// <summary>What a solution won at the provincial contest; qualified-national means it was sent on to the national one.</summary>
internal enum ContestResult
{
    None,
    Consolation,
    Third,
    Second,
    First,
    QualifiedNational,
}

/// <summary>
/// A solution entered in the provincial technical-innovation contest (Hội thi sáng tạo kỹ thuật): Cao Bằng's
/// "≥20 solutions qualify for the national contest, ≥30% applied in production" is counted from these.
/// </summary>
internal sealed class ContestEntry : RecordBase
{
    public const int TitleMaxLength = 500;
    public const int TextMaxLength = 300;
    public const int RoundMaxLength = 32;

    public string Title { get; set; } = string.Empty;
    public string Authors { get; set; } = string.Empty;
    public string? Field { get; set; }

    /// <summary>The contest's year or round key, e.g. "2025".</summary>
    public string Round { get; set; } = string.Empty;

    public ContestResult Result { get; set; }
    public bool AppliedInProduction { get; set; }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> builder)
    {
        builder.ConfigureRecord("ContestEntries");
        builder.Property(x => x.Title).HasMaxLength(ContestEntry.TitleMaxLength).IsRequired();
        builder.Property(x => x.Authors).HasMaxLength(ContestEntry.TextMaxLength).IsRequired();
        builder.Property(x => x.Field).HasMaxLength(ContestEntry.TextMaxLength);
        builder.Property(x => x.Round).HasMaxLength(ContestEntry.RoundMaxLength).IsRequired();
        builder.Property(x => x.Result).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(x => x.Round);
    }
}
