using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Pipeline;

/// <summary>
/// An organisation's current stage in the incubation pipeline (a code of the <c>pipeline</c> taxonomy: lead, applied,
/// incubating, graduated, alumni, stopped), one row per organisation that has one; <see cref="PipelineMove"/>s keep
/// the history.
/// </summary>
internal sealed class OrganisationStage
{
    public const string Taxonomy = "pipeline";

    /// <summary>The organisation's content item id.</summary>
    public string OrganisationId { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;
    public DateTime SinceUtc { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>One move of an organisation from a stage (none for its first) to another, when and by whom.</summary>
internal sealed class PipelineMove
{
    public long Id { get; set; }
    public string OrganisationId { get; set; } = string.Empty;
    public string? FromStage { get; set; }
    public string Stage { get; set; } = string.Empty;
    public DateTime AtUtc { get; set; }
    public string? ByUserId { get; set; }
    public string? Note { get; set; }
}

internal sealed class OrganisationStageConfiguration : IEntityTypeConfiguration<OrganisationStage>
{
    public void Configure(EntityTypeBuilder<OrganisationStage> builder)
    {
        builder.ToTable("OrganisationStages");
        builder.HasKey(x => x.OrganisationId);
        builder.Property(x => x.OrganisationId).HasMaxLength(32);
        builder.Property(x => x.Stage).HasMaxLength(64).IsRequired();
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => x.Stage);
    }
}

internal sealed class PipelineMoveConfiguration : IEntityTypeConfiguration<PipelineMove>
{
    public void Configure(EntityTypeBuilder<PipelineMove> builder)
    {
        builder.ToTable("PipelineMoves");
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.FromStage).HasMaxLength(64);
        builder.Property(x => x.Stage).HasMaxLength(64).IsRequired();
        builder.Property(x => x.ByUserId).HasMaxLength(450);
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.HasIndex(x => new { x.OrganisationId, x.AtUtc });
    }
}
