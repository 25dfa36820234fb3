using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Mailings;

/// <summary>
/// A saved filter over organisations and people (<see cref="SegmentFilter"/>, kept as JSON so that a condition added
/// later, such as a cohort, needs no new column); its members are computed live by <see cref="SegmentMembers"/>.
/// </summary>
internal sealed class Segment
{
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string FilterJson { get; set; } = "{}";
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime ModifiedUtc { get; set; }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("Segments");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.FilterJson).HasMaxLength(20000).IsRequired();
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
    }
}
