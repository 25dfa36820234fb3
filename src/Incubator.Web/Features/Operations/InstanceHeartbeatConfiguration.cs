using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Operations;

internal sealed class InstanceHeartbeatConfiguration : IEntityTypeConfiguration<InstanceHeartbeat>
{
    public void Configure(EntityTypeBuilder<InstanceHeartbeat> builder)
    {
        builder.ToTable("InstanceHeartbeats");
        builder.HasKey(x => x.InstanceId);
        builder.Property(x => x.InstanceId).HasMaxLength(200);
        builder.Property(x => x.Machine).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Version).HasMaxLength(200).IsRequired();
        builder.HasIndex(x => x.SeenUtc);
    }
}
