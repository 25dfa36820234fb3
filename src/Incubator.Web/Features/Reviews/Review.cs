using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Reviews;

/// <summary>
/// A reviewer's assignment to an application and, once given, their score sheet. A reviewer sees the application only
/// after declaring no conflict of interest.
/// </summary>
internal sealed class Review
{
    public long Id { get; set; }
    public string ApplicationId { get; set; } = string.Empty;
    public string ReviewerId { get; set; } = string.Empty;
    public DateTime AssignedUtc { get; set; }
    public string? AssignedBy { get; set; }
    public DateTime? NoConflictDeclaredUtc { get; set; }

    /// <summary>Points per criterion key as a JSON object; null until the sheet is submitted.</summary>
    public string? ScoresJson { get; set; }

    public string? Comment { get; set; }
    public DateTime? SubmittedUtc { get; set; }

    public Dictionary<string, int>? Scores
    {
        get => ScoresJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(ScoresJson);
        set => ScoresJson = value is null ? null : JsonSerializer.Serialize(value);
    }
}

/// <summary>
/// A declared link between an expert and an organisation (they work there, advise it, own shares): such an expert is
/// never offered that organisation's applications.
/// </summary>
internal sealed class ExpertLink
{
    public long Id { get; set; }
    public string ReviewerId { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("Reviews");
        builder.Ignore(x => x.Scores);
        builder.Property(x => x.ApplicationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.ReviewerId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.AssignedBy).HasMaxLength(450);
        builder.Property(x => x.Comment).HasMaxLength(4000);
        builder.HasOne<Applications.SupportApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ApplicationId, x.ReviewerId }).IsUnique();
        builder.HasIndex(x => x.ReviewerId);
    }
}

internal sealed class ExpertLinkConfiguration : IEntityTypeConfiguration<ExpertLink>
{
    public void Configure(EntityTypeBuilder<ExpertLink> builder)
    {
        builder.ToTable("ExpertLinks");
        builder.Property(x => x.ReviewerId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.HasIndex(x => new { x.ReviewerId, x.OrganisationId }).IsUnique();
        builder.HasIndex(x => x.OrganisationId);
    }
}
