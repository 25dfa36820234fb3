using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Applications;

internal sealed class QueueViewConfiguration : IEntityTypeConfiguration<QueueView>
{
    public void Configure(EntityTypeBuilder<QueueView> builder)
    {
        builder.ToTable("ApplicationQueueViews");
        builder.Property(x => x.OwnerId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.Name).HasMaxLength(QueueView.MaxName).IsRequired();
        builder.Property(x => x.Query).HasMaxLength(2000).IsRequired();
        builder.HasIndex(x => new { x.OwnerId, x.Name }).IsUnique();

        // A view is its owner's alone, so it goes with the account.
        builder.HasOne<Account.User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
