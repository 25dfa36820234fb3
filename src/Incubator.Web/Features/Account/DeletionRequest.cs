using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Account;

/// <summary>
/// A person's request that their account and personal data be deleted (Decree 13/2023/NĐ-CP, art. 16). The row
/// outlives the account on purpose: it is the site's proof that the request was received and carried out, so it keeps
/// the address the account had when it was made.
/// </summary>
internal sealed class DeletionRequest
{
    public long Id { get; set; }

    /// <summary>The account to delete; no foreign key, as the account is gone once the request is completed.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The account's address when the request was made.</summary>
    public string Email { get; set; } = string.Empty;

    public DateTime RequestedUtc { get; set; }
    public string Status { get; set; } = DeletionStatuses.Pending;
    public DateTime? CompletedUtc { get; set; }

    /// <summary>The staff member who completed (or the person who cancelled) the request.</summary>
    public string? CompletedBy { get; set; }

    public string? Note { get; set; }
}

internal static class DeletionStatuses
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

internal sealed class DeletionRequestConfiguration : IEntityTypeConfiguration<DeletionRequest>
{
    public void Configure(EntityTypeBuilder<DeletionRequest> builder)
    {
        builder.ToTable("DeletionRequests");
        builder.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.Email).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(16).IsRequired();
        builder.Property(x => x.CompletedBy).HasMaxLength(450);
        builder.Property(x => x.Note).HasMaxLength(1000);
        builder.HasIndex(x => new { x.Status, x.RequestedUtc });
        builder.HasIndex(x => x.UserId);
    }
}
