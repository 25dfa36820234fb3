using System.Text.Json;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// An application for support (hồ sơ đề nghị hỗ trợ) from one organisation to one programme round. Its id is the
/// workflow's correlation id; its <see cref="Status"/> is what the workflow's setStatus steps last said. Private to its
/// owner, staff, leaders and the reviewers assigned to it.
/// </summary>
internal sealed class SupportApplication
{
    public string Id { get; set; } = string.Empty;
    public string ProgrammeId { get; set; } = string.Empty;
    public string RoundKey { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public string OrganisationKind { get; set; } = string.Empty;
    public string OwnerId { get; set; } = string.Empty;

    /// <summary>"Organisation — programme", for lists and notifications.</summary>
    public string Title { get; set; } = string.Empty;

    public string Status { get; set; } = ApplicationStatuses.Draft;

    /// <summary>When the application entered its current status, so the queue can say how long it has waited there.</summary>
    public DateTime? StatusChangedUtc { get; set; }

    /// <summary>The staff user who looks after the application (the officer it is assigned to), if any.</summary>
    public string? AssigneeId { get; set; }

    /// <summary>The answers to the programme's form as a JSON object: field key → value.</summary>
    public string AnswersJson { get; set; } = "{}";

    public long? RequestedAmount { get; set; }

    /// <summary>
    /// The programme's form as it stood when the application was first submitted (the JSON of
    /// <see cref="Programme.FormJson"/>), so a later change of the form leaves its answers readable; null while a draft,
    /// which follows the programme's form as it is.
    /// </summary>
    public string? FormJson { get; set; }

    /// <summary>While information is requested, the only fields the applicant may change.</summary>
    public List<string> ReopenedFields { get; set; } = [];

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }

    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public long? ApprovedAmount { get; set; }
    public DateTime? DecidedUtc { get; set; }

    /// <summary>Who signed the decision (name and title, e.g. "Nguyễn Văn A", "Phó Giám đốc"), as the leader entered them.</summary>
    public string? SignerName { get; set; }

    public string? SignerTitle { get; set; }

    /// <summary>The final report's answer: was the result applied in production.</summary>
    public bool? AppliedInProduction { get; set; }

    /// <summary>Changes at every save; two writers on the same version cannot both win (a double click submits once).</summary>
    public int RowVersion { get; set; }

    /// <summary>The form this application is filled in on: the one it was submitted under, or the programme's own while a draft.</summary>
    public IReadOnlyList<FormField> FormUnder(Programme? programme) =>
        FormJson is { } pinned ? Programme.ReadForm(pinned) : programme?.Form ?? [];

    public Dictionary<string, JsonElement> Answers
    {
        get => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(AnswersJson) ?? [];
        set => AnswersJson = JsonSerializer.Serialize(value);
    }
}

/// <summary>A file attached to an application for one of its form's file fields.</summary>
internal sealed class ApplicationAttachment
{
    public long Id { get; set; }
    public string ApplicationId { get; set; } = string.Empty;
    public string FieldKey { get; set; } = string.Empty;
    public string StoredName { get; set; } = string.Empty;
    public string FileName { get; set; } = string.Empty;
    public string ContentType { get; set; } = string.Empty;
    public long Size { get; set; }
    public string UploadedBy { get; set; } = string.Empty;
    public DateTime UploadedUtc { get; set; }
}

/// <summary>A planned disbursement of approved support, and whether it was paid.</summary>
internal sealed class DisbursementMilestone
{
    public long Id { get; set; }
    public string ApplicationId { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public long Amount { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary>When the progress report for this milestone is due.</summary>
    public DateOnly? ReportDueOn { get; set; }

    public DateTime? PaidUtc { get; set; }
}

/// <summary>A progress or final report on a funded application.</summary>
internal sealed class ApplicationReport
{
    public const string Progress = "progress";
    public const string Final = "final";

    public long Id { get; set; }
    public string ApplicationId { get; set; } = string.Empty;
    public string Kind { get; set; } = Progress;
    public long? MilestoneId { get; set; }
    public string Text { get; set; } = string.Empty;
    public bool? AppliedInProduction { get; set; }
    public DateTime SubmittedUtc { get; set; }
    public string SubmittedBy { get; set; } = string.Empty;
}

internal sealed class SupportApplicationConfiguration : IEntityTypeConfiguration<SupportApplication>
{
    public void Configure(EntityTypeBuilder<SupportApplication> builder)
    {
        builder.ToTable("Applications");
        builder.HasKey(x => x.Id);
        builder.Ignore(x => x.Answers);
        builder.Property(x => x.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(x => x.ProgrammeId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.RoundKey).HasMaxLength(64).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.OrganisationKind).HasMaxLength(32).IsRequired();
        builder.Property(x => x.OwnerId).HasMaxLength(450).IsRequired();
        builder.Property(x => x.Title).HasMaxLength(700).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(64).IsRequired();
        builder.Property(x => x.AnswersJson).IsRequired();
        builder.Property(x => x.DecisionNumber).HasMaxLength(100);
        builder.Property(x => x.AssigneeId).HasMaxLength(450);
        builder.Property(x => x.SignerName).HasMaxLength(200);
        builder.Property(x => x.SignerTitle).HasMaxLength(200);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => new { x.ProgrammeId, x.Status });
        builder.HasIndex(x => x.OwnerId);
        builder.HasIndex(x => x.OrganisationId);
        builder.HasIndex(x => x.AssigneeId);
    }
}

internal sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> builder)
    {
        builder.ToTable("ApplicationAttachments");
        builder.Property(x => x.ApplicationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.FieldKey).HasMaxLength(64).IsRequired();
        builder.Property(x => x.StoredName).HasMaxLength(64).IsRequired();
        builder.Property(x => x.FileName).HasMaxLength(255).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(128).IsRequired();
        builder.Property(x => x.UploadedBy).HasMaxLength(450).IsRequired();
        builder.HasOne<SupportApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.StoredName).IsUnique();
    }
}

internal sealed class DisbursementMilestoneConfiguration : IEntityTypeConfiguration<DisbursementMilestone>
{
    public void Configure(EntityTypeBuilder<DisbursementMilestone> builder)
    {
        builder.ToTable("DisbursementMilestones");
        builder.Property(x => x.ApplicationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Title).HasMaxLength(300).IsRequired();
        builder.HasOne<SupportApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationReportConfiguration : IEntityTypeConfiguration<ApplicationReport>
{
    public void Configure(EntityTypeBuilder<ApplicationReport> builder)
    {
        builder.ToTable("ApplicationReports");
        builder.Property(x => x.ApplicationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Kind).HasMaxLength(16).IsRequired();
        builder.Property(x => x.Text).HasMaxLength(20000).IsRequired();
        builder.Property(x => x.SubmittedBy).HasMaxLength(450).IsRequired();
        builder.HasOne<SupportApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
