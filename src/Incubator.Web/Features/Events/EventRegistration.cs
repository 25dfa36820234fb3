using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Events;

/// <summary>
/// One person's place at an event. A registration holds a seat while it is <see cref="RegistrationStatus.Confirmed"/>;
/// the seats an event has given are counted in its <see cref="EventSeats"/> row, which a single conditional UPDATE moves
/// so capacity holds however many register at once. Personal data (name, e-mail, phone, answers) is kept for the event
/// and forgotten with the account (Decree 13/2023/NĐ-CP).
/// </summary>
internal sealed class EventRegistration
{
    public const int MaxName = 200;
    public const int MaxEmail = 256;
    public const int MaxPhone = 32;
    public const int CodeLength = 8;

    public string Id { get; set; } = string.Empty;

    /// <summary>The event's content item id.</summary>
    public string EventId { get; set; } = string.Empty;

    public RegistrationStatus Status { get; set; }

    public string Name { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;

    /// <summary>The e-mail in lower case: one active registration per address and event.</summary>
    public string NormalizedEmail { get; set; } = string.Empty;

    public string? Phone { get; set; }

    /// <summary>The answers to the event's questions, a JSON object keyed by question.</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>The account of the person registered, when they have one (themselves, or a colleague with an account).</summary>
    public string? UserId { get; set; }

    /// <summary>The account that made the registration (the person, or a colleague who registered them); null for an anonymous visitor.</summary>
    public string? RegisteredBy { get; set; }

    /// <summary>The organisation (directory entry's content item id) the person comes from, if any.</summary>
    public string? OrganisationId { get; set; }

    /// <summary>The People record the person was matched to or created as when they attended.</summary>
    public string? PersonId { get; set; }

    /// <summary>What is printed under the QR code and typed at the door: <see cref="CodeLength"/> letters and digits.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>The hash of the secret in an anonymous visitor's confirmation link.</summary>
    public string? ConfirmationHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the registration took its place: a seat or the waitlist (the waitlist moves up in this order).</summary>
    public DateTime? QueuedUtc { get; set; }

    public DateTime? ConfirmedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }
    public DateTime? CheckedInUtc { get; set; }
    public string? CheckedInBy { get; set; }
    public DateTime? ReminderSentUtc { get; set; }
    public int RowVersion { get; set; }
}

internal enum RegistrationStatus
{
    PendingConfirmation,
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>The seats an event has given: one row per event, moved only by conditional updates.</summary>
internal sealed class EventSeats
{
    public string EventId { get; set; } = string.Empty;
    public int Taken { get; set; }
}

internal sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> builder)
    {
        builder.ToTable("EventRegistrations");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.EventId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Name).HasMaxLength(EventRegistration.MaxName).IsRequired();
        builder.Property(x => x.Email).HasMaxLength(EventRegistration.MaxEmail).IsRequired();
        builder.Property(x => x.NormalizedEmail).HasMaxLength(EventRegistration.MaxEmail).IsRequired();
        builder.Property(x => x.Phone).HasMaxLength(EventRegistration.MaxPhone);
        builder.Property(x => x.AnswersJson).IsRequired();
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.RegisteredBy).HasMaxLength(450);
        builder.Property(x => x.OrganisationId).HasMaxLength(32);
        builder.Property(x => x.PersonId).HasMaxLength(32);
        builder.Property(x => x.Code).HasMaxLength(16).IsRequired();
        builder.Property(x => x.ConfirmationHash).HasMaxLength(128);
        builder.Property(x => x.CheckedInBy).HasMaxLength(450);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => x.Code).IsUnique();
        builder.HasIndex(x => new { x.EventId, x.Status, x.QueuedUtc });
        builder.HasIndex(x => x.UserId);

        // One registration that is not cancelled per address and event; racing duplicates meet this index.
        builder.HasIndex(x => new { x.EventId, x.NormalizedEmail }).IsUnique()
            .HasFilter("\"Status\" <> 'Cancelled'").HasDatabaseName("IX_EventRegistrations_ActiveEmail");
    }
}

internal sealed class EventSeatsConfiguration : IEntityTypeConfiguration<EventSeats>
{
    public void Configure(EntityTypeBuilder<EventSeats> builder)
    {
        builder.ToTable("EventSeats");
        builder.HasKey(x => x.EventId);
        builder.Property(x => x.EventId).HasMaxLength(32);
    }
}
