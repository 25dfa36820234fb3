using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.FollowUps;

/// <summary>
/// A follow-up someone on the staff promised: what, by when, who does it, and what it is about (an organisation, a
/// person, an application). Its assignee hears of it once on the due day and once more when it is overdue; each notice
/// is marked here (<see cref="DueNoticeSentUtc"/>, <see cref="OverdueNoticeSentUtc"/>) in the same save that queues it,
/// guarded by <see cref="Version"/>, so several web instances never send it twice.
/// </summary>
internal sealed class FollowUpTask
{
    public string Id { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;

    /// <summary>The day it is due, a Vietnam calendar date.</summary>
    public DateOnly DueOn { get; set; }

    public string AssigneeId { get; set; } = string.Empty;
    public string? OrganisationId { get; set; }
    public string? PersonId { get; set; }
    public string? ApplicationId { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>When it was done or cancelled, and by whom.</summary>
    public DateTime? ClosedUtc { get; set; }

    public string? ClosedBy { get; set; }
    public DateTime? DueNoticeSentUtc { get; set; }
    public DateTime? OverdueNoticeSentUtc { get; set; }

    /// <summary>The concurrency token: every change, notices included, moves it and checks it.</summary>
    public int Version { get; set; }
}

internal enum FollowUpStatus
{
    Open,
    Done,
    Cancelled,
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> builder)
    {
        builder.ToTable("FollowUpTasks");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.Title).HasMaxLength(300).IsRequired();
        builder.Property(x => x.AssigneeId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32);
        builder.Property(x => x.PersonId).HasMaxLength(32);
        builder.Property(x => x.ApplicationId).HasMaxLength(450);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
        builder.Property(x => x.ClosedBy).HasMaxLength(450);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.AssigneeId, x.Status, x.DueOn });
        builder.HasIndex(x => new { x.Status, x.DueOn });
        builder.HasIndex(x => x.OrganisationId);
        builder.HasIndex(x => x.PersonId);
    }
}
