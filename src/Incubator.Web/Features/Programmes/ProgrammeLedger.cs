using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Programmes;

/// <summary>
/// What a programme has committed: the sum of approved amounts, kept on one row whose version every approval checks,
/// so two leaders approving at once cannot together exceed the budget.
/// </summary>
internal sealed class ProgrammeLedger
{
    public string ProgrammeId { get; set; } = string.Empty;
    public long Committed { get; set; }
    public int RowVersion { get; set; }
}

internal sealed class ProgrammeLedgerConfiguration : IEntityTypeConfiguration<ProgrammeLedger>
{
    public void Configure(EntityTypeBuilder<ProgrammeLedger> builder)
    {
        builder.ToTable("ProgrammeLedgers");
        builder.HasKey(x => x.ProgrammeId);
        builder.Property(x => x.ProgrammeId).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
    }
}
