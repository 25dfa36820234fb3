using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.People;

/// <summary>
/// A person the incubator deals with (founder, team member, contact, adviser, investor): a staff-owned record, never
/// public. A signed-up user is linked to their person through a confirmed e-mail (<see cref="UserId"/>).
/// </summary>
internal sealed class Person
{
    public string Id { get; set; } = string.Empty;
    public string FullName { get; set; } = string.Empty;

    /// <summary>The name in NFC, lower case and with single spaces: what duplicate detection compares.</summary>
    public string NormalizedName { get; set; } = string.Empty;

    public string? Title { get; set; }
    public PersonGender? Gender { get; set; }
    public int? BirthYear { get; set; }

    /// <summary>A code of the locality taxonomy (a province or a commune).</summary>
    public string? Locality { get; set; }

    public List<string> Tags { get; set; } = [];
    public string? Notes { get; set; }

    /// <summary>The user account of this person, linked by a confirmed e-mail.</summary>
    public string? UserId { get; set; }

    /// <summary>Set when this record was merged into another; the record is then kept only as a pointer.</summary>
    public string? MergedIntoId { get; set; }

    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public string? ModifiedBy { get; set; }
    public int RowVersion { get; set; }

    public List<PersonContact> Contacts { get; set; } = [];
    public List<PersonLink> Links { get; set; } = [];
}

internal enum PersonGender
{
    Female,
    Male,
    Other,
}

internal enum PersonContactKind
{
    Email,
    Phone,
}

/// <summary>One e-mail address or phone number of a person; <see cref="Normalized"/> is what duplicates are found by.</summary>
internal sealed class PersonContact
{
    public long Id { get; set; }
    public string PersonId { get; set; } = string.Empty;
    public PersonContactKind Kind { get; set; }
    public string Value { get; set; } = string.Empty;

    /// <summary>An e-mail in lower case; a phone as its digits with a Vietnamese leading 0 (+84 and 84 folded).</summary>
    public string Normalized { get; set; } = string.Empty;
}

internal enum PersonRole
{
    Founder,
    CoFounder,
    Ceo,
    TeamMember,
    ContactPerson,
    Adviser,
    Investor,
}

/// <summary>A person's role at an organisation (any directory entry, by its content item id), with dates.</summary>
internal sealed class PersonLink
{
    public long Id { get; set; }
    public string PersonId { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public PersonRole Role { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

internal enum ConsentSource
{
    /// <summary>Ticked by the person on the registration form.</summary>
    Registration,

    /// <summary>Brought in by an import, whose stated legal basis is in <see cref="PersonConsent.Basis"/>.</summary>
    Import,

    /// <summary>Recorded by a staff member (e.g. a paper form signed at an event).</summary>
    Staff,

    /// <summary>Withdrawn by the person through a mailing's unsubscribe link.</summary>
    Unsubscribe,

    /// <summary>Given or withdrawn by the person on their account page.</summary>
    Account,
}

/// <summary>
/// One given or withdrawn consent of a person to a purpose (today "newsletter"), with when, where from and on what
/// basis, as Decree 13/2023/NĐ-CP asks; the newest row per person and purpose is the one that holds.
/// </summary>
internal sealed class PersonConsent
{
    public const string Newsletter = "newsletter";

    public long Id { get; set; }
    public string PersonId { get; set; } = string.Empty;
    public string Purpose { get; set; } = Newsletter;
    public bool Given { get; set; }
    public DateTime AtUtc { get; set; }
    public ConsentSource Source { get; set; }
    public string? Basis { get; set; }
    public string? ByUserId { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.FullName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.NormalizedName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Gender).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Locality).HasMaxLength(64);
        builder.Property(x => x.Notes).HasMaxLength(4000);
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.MergedIntoId).HasMaxLength(32);
        builder.Property(x => x.CreatedBy).HasMaxLength(450);
        builder.Property(x => x.ModifiedBy).HasMaxLength(450);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Links).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NormalizedName);
        builder.HasIndex(x => x.UserId);
    }
}

internal sealed class PersonContactConfiguration : IEntityTypeConfiguration<PersonContact>
{
    public void Configure(EntityTypeBuilder<PersonContact> builder)
    {
        builder.ToTable("PersonContacts");
        builder.Property(x => x.PersonId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Value).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Normalized).HasMaxLength(256).IsRequired();
        builder.HasIndex(x => new { x.Kind, x.Normalized });
        builder.HasIndex(x => x.PersonId);
    }
}

internal sealed class PersonLinkConfiguration : IEntityTypeConfiguration<PersonLink>
{
    public void Configure(EntityTypeBuilder<PersonLink> builder)
    {
        builder.ToTable("PersonLinks");
        builder.Property(x => x.PersonId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(x => x.PersonId);
        builder.HasIndex(x => x.OrganisationId);
    }
}

internal sealed class PersonConsentConfiguration : IEntityTypeConfiguration<PersonConsent>
{
    public void Configure(EntityTypeBuilder<PersonConsent> builder)
    {
        builder.ToTable("PersonConsents");
        builder.Property(x => x.PersonId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Purpose).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Basis).HasMaxLength(500);
        builder.Property(x => x.ByUserId).HasMaxLength(450);
        builder.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.PersonId, x.Purpose, x.AtUtc });
    }
}
