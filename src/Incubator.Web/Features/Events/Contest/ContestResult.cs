using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Events.Contest;

/// <summary>
/// What the council awarded one entry of a contest's round (an application to the contest's programme): a prize, whether
/// it was sent to the national contest and whether it is applied in production. Each result is also written to the
/// contest-entry record (<see cref="Records.ContestEntry"/>, key <see cref="ContestResults.EntryKey"/>) the targets count.
/// </summary>
internal sealed class ContestResult
{
    public long Id { get; set; }

    /// <summary>The event's content item id.</summary>
    public string EventId { get; set; } = string.Empty;

    public string ApplicationId { get; set; } = string.Empty;
    public ContestPrize Prize { get; set; }
    public bool SentToNational { get; set; }
    public bool AppliedInProduction { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>The provincial contest's prizes (giải nhất, nhì, ba, khuyến khích), or none.</summary>
internal enum ContestPrize
{
    None,
    Consolation,
    Third,
    Second,
    First,
}

internal sealed class ContestResultConfiguration : IEntityTypeConfiguration<ContestResult>
{
    public void Configure(EntityTypeBuilder<ContestResult> builder)
    {
        builder.ToTable("EventContestResults");
        builder.Property(x => x.EventId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.ApplicationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Prize).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.UpdatedBy).HasMaxLength(450);
        builder.HasIndex(x => new { x.EventId, x.ApplicationId }).IsUnique();
    }
}
