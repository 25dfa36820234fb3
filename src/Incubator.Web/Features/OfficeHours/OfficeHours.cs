using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// An hour a mentor offers (<see cref="MentorId"/> is the mentor's directory entry, as in
/// <see cref="Mentoring.MentorDetails"/>): a place or an online link, one-off or one occurrence of a weekly series
/// (<see cref="SeriesId"/>). A slot is free while no booking that is not cancelled holds it.
/// </summary>
internal sealed class MentorSlot
{
    public string Id { get; set; } = string.Empty;
    public string MentorId { get; set; } = string.Empty;
    public DateTime StartsUtc { get; set; }
    public DateTime EndsUtc { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public string? SeriesId { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTime CreatedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }

    public int Minutes => (int)Math.Round((EndsUtc - StartsUtc).TotalMinutes);
}

/// <summary>What happened to a booking.</summary>
internal static class BookingStatus
{
    public const string Booked = "booked";
    public const string Cancelled = "cancelled";
    public const string Held = "held";
    public const string NoShow = "noShow";
}

/// <summary>
/// A startup's booking of a slot, under one of its active matches. The slot's times are copied so the booking reads
/// alone. At most one booking that is not cancelled holds a slot: a partial unique index on <see cref="SlotId"/>.
/// After the session the mentor logs it (notes, minutes, a no-show) and the startup rates it.
/// </summary>
internal sealed class MentorBooking
{
    public string Id { get; set; } = string.Empty;
    public string SlotId { get; set; } = string.Empty;
    public string MentorId { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public string MatchId { get; set; } = string.Empty;

    /// <summary>The <see cref="HoursAllowance"/> the booking counts against.</summary>
    public string AllowanceKey { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;
    public DateTime StartsUtc { get; set; }
    public DateTime EndsUtc { get; set; }
    public int Minutes { get; set; }
    public string BookedBy { get; set; } = string.Empty;
    public DateTime BookedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }
    public string? CancelledBy { get; set; }

    /// <summary>The iCalendar SEQUENCE: 0 when booked, one more for each change the invitation carries.</summary>
    public int Sequence { get; set; }

    public DateTime? LoggedUtc { get; set; }
    public string? LoggedBy { get; set; }
    public string? Notes { get; set; }

    /// <summary>The time the session took, as the mentor logged it.</summary>
    public int? MinutesSpent { get; set; }

    /// <summary>Who did not come: "startup" or "mentor"; null when the session was held (or not logged yet).</summary>
    public string? NoShow { get; set; }

    public int? Stars { get; set; }
    public string? RatingComment { get; set; }
    public DateTime? RatedUtc { get; set; }

    public int RowVersion { get; set; }

    public string Status => CancelledUtc is not null ? BookingStatus.Cancelled
        : NoShow is not null ? BookingStatus.NoShow
        : LoggedUtc is not null ? BookingStatus.Held
        : BookingStatus.Booked;
}

/// <summary>
/// The minutes a startup has booked (not cancelled) against one allocation: a match, or its cohort membership. Every
/// booking and cancellation changes this row under its concurrency token, so two bookings of different slots at once
/// are serialised by the database and the allocation holds.
/// </summary>
internal sealed class HoursAllowance
{
    public string Key { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public int MinutesBooked { get; set; }
    public int RowVersion { get; set; }
}

/// <summary>The reminder of a booking, once: its primary key is the booking, saved with the notices it queues.</summary>
internal sealed class BookingReminder
{
    public string BookingId { get; set; } = string.Empty;
    public DateTime SentUtc { get; set; }
}

/// <summary>Who carries an action item out.</summary>
internal static class ActionItemOwner
{
    public const string Startup = "startup";
    public const string Staff = "staff";
}

/// <summary>
/// An action item from a session log. The startup sees and ticks its own on its bookings page; a staff item is also
/// a follow-up task (<see cref="FollowUpId"/>) for the staff member who looks after the startup.
/// </summary>
internal sealed class SessionActionItem
{
    public long Id { get; set; }
    public string BookingId { get; set; } = string.Empty;
    public string OrganisationId { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public DateOnly DueOn { get; set; }
    public string Owner { get; set; } = ActionItemOwner.Startup;
    public string? FollowUpId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? DoneUtc { get; set; }
}

internal sealed class MentorSlotConfiguration : IEntityTypeConfiguration<MentorSlot>
{
    public void Configure(EntityTypeBuilder<MentorSlot> builder)
    {
        builder.ToTable("MentorSlots");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.MentorId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Place).HasMaxLength(300);
        builder.Property(x => x.OnlineUrl).HasMaxLength(500);
        builder.Property(x => x.SeriesId).HasMaxLength(32);
        builder.Property(x => x.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Ignore(x => x.Minutes);
        builder.HasIndex(x => new { x.MentorId, x.StartsUtc });
        builder.HasIndex(x => x.SeriesId);
    }
}

internal sealed class MentorBookingConfiguration : IEntityTypeConfiguration<MentorBooking>
{
    public void Configure(EntityTypeBuilder<MentorBooking> builder)
    {
        builder.ToTable("MentorBookings");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.SlotId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.MentorId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.MatchId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.AllowanceKey).HasMaxLength(100).IsRequired();
        builder.Property(x => x.Topic).HasMaxLength(500).IsRequired();
        builder.Property(x => x.BookedBy).HasMaxLength(450).IsRequired();
        builder.Property(x => x.CancelledBy).HasMaxLength(450);
        builder.Property(x => x.LoggedBy).HasMaxLength(450);
        builder.Property(x => x.Notes).HasMaxLength(10000);
        builder.Property(x => x.NoShow).HasMaxLength(16);
        builder.Property(x => x.RatingComment).HasMaxLength(2000);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.Ignore(x => x.Status);

        // A slot is held by one booking at most, whatever races: the database refuses the second.
        builder.HasIndex(x => x.SlotId).IsUnique().HasFilter("\"CancelledUtc\" IS NULL").HasDatabaseName("IX_MentorBookings_Held");
        builder.HasIndex(x => new { x.OrganisationId, x.StartsUtc });
        builder.HasIndex(x => new { x.MentorId, x.StartsUtc });
    }
}

internal sealed class HoursAllowanceConfiguration : IEntityTypeConfiguration<HoursAllowance>
{
    public void Configure(EntityTypeBuilder<HoursAllowance> builder)
    {
        builder.ToTable("HoursAllowances");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(100);
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
    }
}

internal sealed class BookingReminderConfiguration : IEntityTypeConfiguration<BookingReminder>
{
    public void Configure(EntityTypeBuilder<BookingReminder> builder)
    {
        builder.ToTable("BookingReminders");
        builder.HasKey(x => x.BookingId);
        builder.Property(x => x.BookingId).HasMaxLength(32);
    }
}

internal sealed class SessionActionItemConfiguration : IEntityTypeConfiguration<SessionActionItem>
{
    public void Configure(EntityTypeBuilder<SessionActionItem> builder)
    {
        builder.ToTable("SessionActionItems");
        builder.Property(x => x.BookingId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.OrganisationId).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Title).HasMaxLength(300).IsRequired();
        builder.Property(x => x.Owner).HasMaxLength(16).IsRequired();
        builder.Property(x => x.FollowUpId).HasMaxLength(32);
        builder.HasIndex(x => x.BookingId);
        builder.HasIndex(x => new { x.OrganisationId, x.DoneUtc });
    }
}
