using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Records;

/// <summary>How the technology changed hands: transferred outright, licensed, or an IP right sold.</summary>
internal enum TransactionKind
{
    Transfer,
    Licence,
    IpSale,
}

/// <summary>
/// A technology transaction (giao dịch công nghệ) concluded in the province: Bắc Kạn's yearly growth of transaction
/// value and the shares of IP and technology transactions are computed from these.
/// </summary>
internal sealed class TechnologyTransaction : RecordBase
{
    public const int TextMaxLength = 300;
    public const int NumberMaxLength = 100;

    /// <summary>The transferor, licensor or seller.</summary>
    public string Seller { get; set; } = string.Empty;

    /// <summary>The receiver, licensee or buyer.</summary>
    public string Buyer { get; set; } = string.Empty;

    public string Technology { get; set; } = string.Empty;
    public TransactionKind Kind { get; set; }

    /// <summary>The contract's value in whole đồng.</summary>
    public long Value { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The number of the technology-transfer contract's registration certificate, when it was registered.</summary>
    public string? RegistrationNumber { get; set; }
}

internal sealed class TechnologyTransactionConfiguration : IEntityTypeConfiguration<TechnologyTransaction>
{
    public void Configure(EntityTypeBuilder<TechnologyTransaction> builder)
    {
        builder.ConfigureRecord("TechnologyTransactions");
        builder.Property(x => x.Seller).HasMaxLength(TechnologyTransaction.TextMaxLength).IsRequired();
        builder.Property(x => x.Buyer).HasMaxLength(TechnologyTransaction.TextMaxLength).IsRequired();
        builder.Property(x => x.Technology).HasMaxLength(TechnologyTransaction.TextMaxLength).IsRequired();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.RegistrationNumber).HasMaxLength(TechnologyTransaction.NumberMaxLength);
        builder.HasIndex(x => x.Date);
    }
}
