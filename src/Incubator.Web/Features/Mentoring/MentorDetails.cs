using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// What matching needs to know about a mentor, beside their directory entry (<see cref="Directory.Mentor"/>, whose
/// content item id is <see cref="MentorId"/>): the taxonomy codes of their expertise, the sectors and stages they
/// like, their languages and the hours a month they offer. A mentor's account (<see cref="UserId"/>) owns it.
/// </summary>
internal sealed class MentorDetails
{
    public string MentorId { get; set; } = string.Empty;

    /// <summary>The mentor's own account, which may edit these details and answers requests.</summary>
    public string? UserId { get; set; }

    /// <summary>Codes of the <c>expertise</c> taxonomy.</summary>
    public List<string> Expertise { get; set; } = [];

    /// <summary>Codes of the <c>sectors</c> taxonomy.</summary>
    public List<string> Sectors { get; set; } = [];

    /// <summary>Codes of the <c>stages</c> taxonomy: the startup stages the mentor likes to work with.</summary>
    public List<string> Stages { get; set; } = [];

    /// <summary>Language codes ("vi", "en"...).</summary>
    public List<string> Languages { get; set; } = [];

    public int HoursPerMonth { get; set; }

    /// <summary>Whether startups may ask the mentor directly (else only staff make their matches).</summary>
    public bool AcceptsRequests { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int RowVersion { get; set; }
}

/// <summary>What a startup (or S&amp;T enterprise) says it needs help with: codes of the <c>needs</c> taxonomy.</summary>
internal sealed class OrganisationNeeds
{
    public string OrganisationId { get; set; } = string.Empty;
    public List<string> Needs { get; set; } = [];
    public string? Note { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

internal enum MatchStatus
{
    /// <summary>The startup asked; the mentor (or staff) has not answered.</summary>
    Requested,

    /// <summary>Confirmed by staff or accepted by the mentor.</summary>
    Active,

    Declined,
    Ended,
}

/// <summary>A mentor working with a startup, with the hours allocated to it and the reasons matching gave.</summary>
internal sealed class MentorMatch
{
    public string Id { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public string MentorId { get; set; } = string.Empty;
    public MatchStatus Status { get; set; }
    public string? RequestedBy { get; set; }
    public DateTime RequestedUtc { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedBy { get; set; }
    public int HoursAllocated { get; set; }

    /// <summary>When the match ended (or a waiting request was withdrawn), by whom, and why.</summary>
    public DateTime? EndedUtc { get; set; }

    public string? EndedBy { get; set; }
    public string? EndReason { get; set; }

    /// <summary>The reasons the suggestion gave when the match was made, in the language of whoever made it.</summary>
    public string? Reasons { get; set; }

    public int RowVersion { get; set; }
}

internal sealed class MentorDetailsConfiguration : IEntityTypeConfiguration<MentorDetails>
{
    public void Configure(EntityTypeBuilder<MentorDetails> builder)
    {
        builder.ToTable("MentorDetails");
        builder.HasKey(x => x.MentorId);
        builder.Property(x => x.MentorId).HasMaxLength(32);
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.Expertise);
        builder.Property(x => x.Sectors);
        builder.Property(x => x.Stages);
        builder.Property(x => x.Languages);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => x.UserId).IsUnique();
    }
}

internal sealed class OrganisationNeedsConfiguration : IEntityTypeConfiguration<OrganisationNeeds>
{
    public void Configure(EntityTypeBuilder<OrganisationNeeds> builder)
    {
        builder.ToTable("OrganisationNeeds");
        builder.HasKey(x => x.OrganisationId);
        builder.Property(x => x.OrganisationId).HasMaxLength(32);
        builder.Property(x => x.Needs);
        builder.Property(x => x.Note).HasMaxLength(2000);
    }
}

internal sealed class MentorMatchConfiguration : IEntityTypeConfiguration<MentorMatch>
{
    public void Configure(EntityTypeBuilder<MentorMatch> builder)
    {
        builder.ToTable("MentorMatches");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.MentorId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.RequestedBy).HasMaxLength(450);
        builder.Property(x => x.DecidedBy).HasMaxLength(450);
        builder.Property(x => x.Reasons).HasMaxLength(2000);
        builder.Property(x => x.EndedBy).HasMaxLength(450);
        builder.Property(x => x.EndReason).HasMaxLength(MatchCommands.MaxEndReason);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();

        // At most one open (requested or active) match per startup and mentor, even when two requests race.
        builder.HasIndex(x => new { x.OrganisationId, x.MentorId }).IsUnique().HasFilter("\"Status\" IN ('Requested', 'Active')").HasDatabaseName("IX_MentorMatches_Open");
        builder.HasIndex(x => new { x.MentorId, x.Status });
        builder.HasIndex(x => new { x.Status, x.RequestedUtc });
    }
}
