using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Mailings;

internal enum MailingStatus
{
    /// <summary>Written, not yet sent: its text may still change.</summary>
    Draft,

    /// <summary>Its recipients are fixed and the feeder is handing them to the e-mail outbox.</summary>
    Sending,

    /// <summary>Every recipient was queued or skipped.</summary>
    Sent,
}

/// <summary>
/// An e-mail to a segment's consenting people: a subject and a Markdown body in Vietnamese and optionally English,
/// with the merge fields <c>{{ten}}</c>/<c>{{name}}</c> and <c>{{to_chuc}}</c>/<c>{{organisation}}</c>.
/// </summary>
internal sealed class Mailing
{
    public string Id { get; set; } = string.Empty;
    public string SegmentId { get; set; } = string.Empty;
    public string SubjectVi { get; set; } = string.Empty;
    public string? SubjectEn { get; set; }
    public string BodyVi { get; set; } = string.Empty;
    public string? BodyEn { get; set; }
    public MailingStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? SentBy { get; set; }

    /// <summary>When the feeder found no recipient left to queue.</summary>
    public DateTime? FinishedUtc { get; set; }
}

internal enum RecipientState
{
    /// <summary>Waiting for the feeder (and the hourly allowance).</summary>
    Pending,

    /// <summary>Handed to the e-mail outbox (<see cref="MailingRecipient.OutboxEmailId"/>).</summary>
    Queued,

    /// <summary>Skipped: the person withdrew consent between the send and their turn.</summary>
    Unsubscribed,
}

/// <summary>
/// One address a mailing goes to, fixed when it is sent (one row per distinct e-mail). The feeder moves it from
/// <see cref="RecipientState.Pending"/> exactly once, checking <see cref="Version"/>, so two instances never queue it twice.
/// </summary>
internal sealed class MailingRecipient
{
    public long Id { get; set; }
    public string MailingId { get; set; } = string.Empty;
    public string PersonId { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string? OrganisationName { get; set; }

    /// <summary>"vi" or "en": the linked user's language when the mailing has an English text, else Vietnamese.</summary>
    public string Language { get; set; } = "vi";

    public RecipientState State { get; set; }
    public DateTime? QueuedUtc { get; set; }
    public long? OutboxEmailId { get; set; }

    /// <summary>When the person unsubscribed, before their turn or through this mailing's link.</summary>
    public DateTime? UnsubscribedUtc { get; set; }

    public int Version { get; set; }
}

internal sealed class MailingConfiguration : IEntityTypeConfiguration<Mailing>
{
    public void Configure(EntityTypeBuilder<Mailing> builder)
    {
        builder.ToTable("Mailings");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.SegmentId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.SubjectVi).HasMaxLength(300).IsRequired();
        builder.Property(x => x.SubjectEn).HasMaxLength(300);
        builder.Property(x => x.BodyVi).HasMaxLength(50000).IsRequired();
        builder.Property(x => x.BodyEn).HasMaxLength(50000);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
        builder.Property(x => x.SentBy).HasMaxLength(450);
        builder.HasIndex(x => x.Status);
    }
}

internal sealed class MailingRecipientConfiguration : IEntityTypeConfiguration<MailingRecipient>
{
    public void Configure(EntityTypeBuilder<MailingRecipient> builder)
    {
        builder.ToTable("MailingRecipients");
        builder.Property(x => x.MailingId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.PersonId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Email).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.OrganisationName).HasMaxLength(300);
        builder.Property(x => x.Language).HasMaxLength(8).IsRequired();
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Mailing>().WithMany().HasForeignKey(x => x.MailingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.MailingId, x.Email }).IsUnique();
        builder.HasIndex(x => new { x.State, x.Id });
        builder.HasIndex(x => x.QueuedUtc);
        builder.HasIndex(x => x.PersonId);
    }
}
