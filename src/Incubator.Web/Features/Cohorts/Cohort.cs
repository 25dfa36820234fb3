using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Cohorts;

/// <summary>How often a cohort's members report their progress (issue 18's check-ins).</summary>
internal static class CohortCadence
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";

    public static readonly IReadOnlyList<string> All = [Monthly, Quarterly];
}

/// <summary>Where a member stands in its cohort.</summary>
internal static class MemberStatus
{
    public const string Active = "active";
    public const string Graduated = "graduated";
    public const string Left = "left";
}

/// <summary>Where a member stands on one milestone.</summary>
internal static class MilestoneStatus
{
    public const string NotStarted = "notStarted";
    public const string InProgress = "inProgress";
    public const string Done = "done";
    public const string Waived = "waived";

    public static readonly IReadOnlyList<string> All = [NotStarted, InProgress, Done, Waived];
}

/// <summary>
/// An incubation intake: a key, a name in Vietnamese and English, its dates, the programme whose approved applicants
/// join it (if any), how often its members report, its staff lead, and a curriculum of <see cref="CohortMilestone"/>s.
/// </summary>
internal sealed class Cohort
{
    public string Id { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public string NameVi { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>The programme's key (its slug) whose approved applications join the cohort.</summary>
    public string? ProgrammeKey { get; set; }

    public string Cadence { get; set; } = CohortCadence.Quarterly;
    public string? LeadUserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public int RowVersion { get; set; }

    public List<CohortMilestone> Milestones { get; set; } = [];

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameVi;
}

/// <summary>A step of a cohort's curriculum: its key, title, due date and what counts as evidence that it is done.</summary>
internal sealed class CohortMilestone
{
    public long Id { get; set; }
    public string CohortId { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public string TitleVi { get; set; } = string.Empty;
    public string TitleEn { get; set; } = string.Empty;
    public DateOnly DueOn { get; set; }
    public string? Evidence { get; set; }

    /// <summary>The order the curriculum lists it in.</summary>
    public int Position { get; set; }

    public string Title(bool english) => english && TitleEn.Length > 0 ? TitleEn : TitleVi;
}

/// <summary>An organisation (a directory entry) in a cohort: since when, and whether it is still in, graduated or left.</summary>
internal sealed class CohortMember
{
    public long Id { get; set; }
    public string CohortId { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public DateOnly JoinedOn { get; set; }
    public DateTime JoinedUtc { get; set; }
    public string? AddedBy { get; set; }
    public string Status { get; set; } = MemberStatus.Active;
    public DateOnly? EndedOn { get; set; }
    public DateTime? EndedUtc { get; set; }
    public string? Reason { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>A member's progress on one milestone of its cohort (no row: not started).</summary>
internal sealed class MemberMilestone
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public string MilestoneKey { get; set; } = string.Empty;
    public string Status { get; set; } = MilestoneStatus.NotStarted;
    public string? Evidence { get; set; }

    /// <summary>A file as evidence: its generated name in the attachments folder (<see cref="Applications.AttachmentStore"/>).</summary>
    public string? EvidenceFile { get; set; }

    /// <summary>The file's name as the user gave it (cleaned), to show and to download as.</summary>
    public string? EvidenceFileName { get; set; }

    public string? EvidenceFileType { get; set; }
    public long? EvidenceFileSize { get; set; }
    public string? WaivedReason { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// That the overdue reminder of a member's milestone was sent (to the startup's owner and the cohort's lead): one row
/// per member and milestone, unique, written in the same save as the notices, so two hosts send it once.
/// </summary>
internal sealed class CohortReminder
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public string MilestoneKey { get; set; } = string.Empty;
    public DateTime SentUtc { get; set; }
}

internal sealed class CohortReminderConfiguration : IEntityTypeConfiguration<CohortReminder>
{
    public void Configure(EntityTypeBuilder<CohortReminder> builder)
    {
        builder.ToTable("CohortReminders");
        builder.Property(x => x.MilestoneKey).HasMaxLength(64).IsRequired();
        builder.HasOne<CohortMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.MemberId, x.MilestoneKey }).IsUnique();
    }
}

internal sealed class CohortConfiguration : IEntityTypeConfiguration<Cohort>
{
    public void Configure(EntityTypeBuilder<Cohort> builder)
    {
        builder.ToTable("Cohorts");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.Key).HasMaxLength(64).IsRequired();
        builder.Property(x => x.NameVi).HasMaxLength(200).IsRequired();
        builder.Property(x => x.NameEn).HasMaxLength(200).IsRequired();
        builder.Property(x => x.ProgrammeKey).HasMaxLength(200);
        builder.Property(x => x.Cadence).HasMaxLength(16).IsRequired();
        builder.Property(x => x.LeadUserId).HasMaxLength(450);
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => x.Key).IsUnique();
        builder.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CohortMilestoneConfiguration : IEntityTypeConfiguration<CohortMilestone>
{
    public void Configure(EntityTypeBuilder<CohortMilestone> builder)
    {
        builder.ToTable("CohortMilestones");
        builder.Property(x => x.CohortId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Key).HasMaxLength(64).IsRequired();
        builder.Property(x => x.TitleVi).HasMaxLength(300).IsRequired();
        builder.Property(x => x.TitleEn).HasMaxLength(300).IsRequired();
        builder.Property(x => x.Evidence).HasMaxLength(2000);
        builder.HasIndex(x => new { x.CohortId, x.Key }).IsUnique();
    }
}

internal sealed class CohortMemberConfiguration : IEntityTypeConfiguration<CohortMember>
{
    public void Configure(EntityTypeBuilder<CohortMember> builder)
    {
        builder.ToTable("CohortMembers");
        builder.Property(x => x.CohortId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.AddedBy).HasMaxLength(450);
        builder.Property(x => x.Status).HasMaxLength(16).IsRequired();
        builder.Property(x => x.Reason).HasMaxLength(2000);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.CohortId, x.OrganisationId }).IsUnique();
        builder.HasIndex(x => x.OrganisationId);
    }
}

internal sealed class MemberMilestoneConfiguration : IEntityTypeConfiguration<MemberMilestone>
{
    public void Configure(EntityTypeBuilder<MemberMilestone> builder)
    {
        builder.ToTable("MemberMilestones");
        builder.Property(x => x.MilestoneKey).HasMaxLength(64).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(16).IsRequired();
        builder.Property(x => x.Evidence).HasMaxLength(2000);
        builder.Property(x => x.EvidenceFile).HasMaxLength(64);
        builder.Property(x => x.EvidenceFileName).HasMaxLength(Applications.AttachmentStore.MaxDisplayNameLength);
        builder.Property(x => x.EvidenceFileType).HasMaxLength(128);
        builder.Property(x => x.WaivedReason).HasMaxLength(2000);
        builder.Property(x => x.UpdatedBy).HasMaxLength(450);
        builder.HasOne<CohortMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.MemberId, x.MilestoneKey }).IsUnique();
    }
}
