using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Notifications;

/// <summary>
/// An in-app notification for one user. It keeps the template and the item's title rather than rendered text, so it
/// reads in whichever language the user has chosen when they open it.
/// </summary>
internal sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = string.Empty;
    public string Template { get; set; } = string.Empty;
    public string ItemId { get; set; } = string.Empty;
    public string ItemTitle { get; set; } = string.Empty;

    /// <summary>Where the notification leads, a path on this site; null when the item has no page for this user.</summary>
    public string? Link { get; set; }

    /// <summary>
    /// The name of the workflow step the notice is about ("Thẩm định sơ bộ: Yêu cầu bổ sung"), in Vietnamese and in
    /// English, so it reads in the reader's language like the rest; null when it follows no step (reviewers added by
    /// hand) or was written before steps had names.
    /// </summary>
    public string? StepVi { get; set; }

    public string? StepEn { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.Template).HasMaxLength(100).IsRequired();
        builder.Property(x => x.ItemId).HasMaxLength(100).IsRequired();
        builder.Property(x => x.ItemTitle).HasMaxLength(300).IsRequired();
        builder.Property(x => x.Link).HasMaxLength(300);
        builder.Property(x => x.StepVi).HasMaxLength(300);
        builder.Property(x => x.StepEn).HasMaxLength(300);
        builder.HasIndex(x => new { x.UserId, x.ReadUtc });
    }
}
