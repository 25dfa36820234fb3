using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Records;

/// <summary>The objects of industrial property and plant varieties a protection title is granted for (Law on IP, art. 3).</summary>
internal enum IpObjectKind
{
    Patent,
    UtilitySolution,
    IndustrialDesign,
    Trademark,
    CollectiveMark,
    CertificationMark,
    GeographicalIndication,
    PlantVariety,
}

/// <summary>
/// A protection title granted for an object of the province's (hồ sơ bảo hộ sở hữu trí tuệ): what Kon Tum's
/// "≥20 protected IP objects" and Cao Bằng's share of key / OCOP products protected are counted from.
/// </summary>
internal sealed class IpRecord : RecordBase
{
    public const int TextMaxLength = 300;
    public const int TitleMaxLength = 500;
    public const int NumberMaxLength = 100;

    public IpObjectKind ObjectKind { get; set; }
    public string Owner { get; set; } = string.Empty;

    /// <summary>The product the object protects (e.g. "Miến dong Nguyên Bình"), when it names one.</summary>
    public string? Product { get; set; }

    /// <summary>The object's name as on the title (a mark's wording, an invention's title).</summary>
    public string Title { get; set; } = string.Empty;

    public string CertificateNumber { get; set; } = string.Empty;
    public DateOnly GrantedOn { get; set; }

    /// <summary>Whether the product is one of the province's key or OCOP products.</summary>
    public bool KeyProduct { get; set; }
}

internal sealed class IpRecordConfiguration : IEntityTypeConfiguration<IpRecord>
{
    public void Configure(EntityTypeBuilder<IpRecord> builder)
    {
        builder.ConfigureRecord("IpRecords");
        builder.Property(x => x.ObjectKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Owner).HasMaxLength(IpRecord.TextMaxLength).IsRequired();
        builder.Property(x => x.Product).HasMaxLength(IpRecord.TextMaxLength);
        builder.Property(x => x.Title).HasMaxLength(IpRecord.TitleMaxLength).IsRequired();
        builder.Property(x => x.CertificateNumber).HasMaxLength(IpRecord.NumberMaxLength).IsRequired();
        builder.HasIndex(x => x.GrantedOn);
    }
}
