using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// Something that happened between the incubator and the people and organisations it works with: a note, a meeting, a
/// call, an e-mail, a site visit or an event attended. Staff-owned and never public; mentors see it only when it is
/// shared with them, the organisation's owner never does.
/// </summary>
internal sealed class Interaction
{
    public string Id { get; set; } = string.Empty;
    public InteractionKind Kind { get; set; }

    /// <summary>When it happened (UTC; entered and shown in Vietnam time).</summary>
    public DateTime AtUtc { get; set; }

    public string Subject { get; set; } = string.Empty;

    /// <summary>Markdown, rendered with the site's safe renderer (raw HTML shown as text).</summary>
    public string? Body { get; set; }

    public InteractionVisibility Visibility { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public string? ModifiedBy { get; set; }
    public int RowVersion { get; set; }

    public List<InteractionParticipant> Participants { get; set; } = [];
    public List<InteractionAttachment> Attachments { get; set; } = [];
}

internal enum InteractionKind
{
    Note,
    Meeting,
    Call,
    Email,
    SiteVisit,
    EventAttendance,
}

internal enum InteractionVisibility
{
    /// <summary>Staff only.</summary>
    Staff,

    /// <summary>Staff and mentors.</summary>
    StaffAndMentors,
}

internal enum ParticipantKind
{
    /// <summary>A directory entry, by its content item id.</summary>
    Organisation,

    /// <summary>A person of People, by id.</summary>
    Person,

    /// <summary>A staff member who took part, by user id.</summary>
    Staff,
}

/// <summary>One organisation, person or staff member an interaction involves.</summary>
internal sealed class InteractionParticipant
{
    public long Id { get; set; }
    public string InteractionId { get; set; } = string.Empty;
    public ParticipantKind Kind { get; set; }
    public string RefId { get; set; } = string.Empty;
}

/// <summary>A document attached to an interaction, kept under a generated name in the interactions' attachment folder.</summary>
internal sealed class InteractionAttachment
{
    public long Id { get; set; }
    public string InteractionId { get; set; } = string.Empty;
    public string StoredName { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    public string ContentType { get; set; } = string.Empty;
    public long Size { get; set; }
    public DateTime AddedUtc { get; set; }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("Interactions");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Subject).HasMaxLength(300).IsRequired();
        builder.Property(x => x.Body).HasMaxLength(20000);
        builder.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
        builder.Property(x => x.ModifiedBy).HasMaxLength(450);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.AtUtc);
    }
}

internal sealed class InteractionParticipantConfiguration : IEntityTypeConfiguration<InteractionParticipant>
{
    public void Configure(EntityTypeBuilder<InteractionParticipant> builder)
    {
        builder.ToTable("InteractionParticipants");
        builder.Property(x => x.InteractionId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.RefId).HasMaxLength(450).IsRequired();
        builder.HasIndex(x => new { x.Kind, x.RefId });
        builder.HasIndex(x => x.InteractionId);
    }
}

internal sealed class InteractionAttachmentConfiguration : IEntityTypeConfiguration<InteractionAttachment>
{
    public void Configure(EntityTypeBuilder<InteractionAttachment> builder)
    {
        builder.ToTable("InteractionAttachments");
        builder.Property(x => x.InteractionId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.StoredName).HasMaxLength(64).IsRequired();
        builder.Property(x => x.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(200).IsRequired();
        builder.HasIndex(x => x.InteractionId);
        builder.HasIndex(x => x.StoredName);
    }
}
