using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.Notifications;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// Tells the startup's owner and the mentor of a booking, a cancellation and the reminder the day before: an in-app
/// notification and an e-mail through the outbox in each one's language (both when they chose none), with links on
/// the site's configured address. Added to the caller's unit of work, so a refused change tells nobody.
/// </summary>
internal sealed class BookingNotices(
    IncubatorDbContext db, OrganisationAccess organisations, SiteLinks links, LinkGenerator routes, IStringLocalizer<BookingNotices> localizer)
{
    public const string BookedTemplate = "session-booked";
    public const string CancelledTemplate = "session-cancelled";
    public const string ReminderTemplate = "session-reminder";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private enum Kind
    {
        Booked,
        Cancelled,
        Reminder,
    }

    public Task BookedAsync(MentorBooking booking, MentorSlot slot, string organisationName, CancellationToken cancellationToken) =>
        AddAsync(Kind.Booked, booking, slot, organisationName, booking.BookedUtc, cancellationToken);

    public Task CancelledAsync(MentorBooking booking, MentorSlot slot, string organisationName, CancellationToken cancellationToken) =>
        AddAsync(Kind.Cancelled, booking, slot, organisationName, booking.CancelledUtc ?? booking.BookedUtc, cancellationToken);

    public async Task ReminderAsync(MentorBooking booking, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var slot = await db.Set<MentorSlot>().AsNoTracking().FirstAsync(s => s.Id == booking.SlotId, cancellationToken);
        var name = await organisations.FindAsync(booking.OrganisationId, cancellationToken) is var (_, organisation) ? organisation.Title : booking.OrganisationId;
        await AddAsync(Kind.Reminder, booking, slot, name, nowUtc, cancellationToken);
    }

    private async Task AddAsync(Kind kind, MentorBooking booking, MentorSlot slot, string organisationName, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var mentorName = await db.Mentors.AsNoTracking().Where(m => m.ContentItemId == booking.MentorId && m.Latest).Select(m => m.Title).FirstOrDefaultAsync(cancellationToken)
            ?? booking.MentorId;
        var ownerId = await organisations.FindAsync(booking.OrganisationId, cancellationToken) is var (_, organisation) ? organisation.OwnerId : null;
        var mentorUserId = await db.Set<MentorDetails>().AsNoTracking().Where(d => d.MentorId == booking.MentorId).Select(d => d.UserId).FirstOrDefaultAsync(cancellationToken);
        var startupPath = routes.PathToPage("/OfficeHours/Bookings", new { id = booking.OrganisationId }) ?? "/";
        var mentorPath = routes.PathToPage("/OfficeHours/MentorHours") ?? "/mentor";
        var recipients = new[] { (UserId: ownerId, Path: startupPath), (UserId: mentorUserId, Path: mentorPath) }
            .Where(r => !string.IsNullOrEmpty(r.UserId)).DistinctBy(r => r.UserId).ToList();
        var when = Core.Time.VietnamTime.FormatDateTime(booking.StartsUtc);
        var title = $"{organisationName} — {mentorName} — {when}";
        title = title.Length <= 300 ? title : title[..299] + "…";
        var template = kind switch
        {
            Kind.Booked => BookedTemplate,
            Kind.Cancelled => CancelledTemplate,
            _ => ReminderTemplate,
        };
        var ids = recipients.Select(r => r.UserId!).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.Language, u.DisplayName }).ToListAsync(cancellationToken);
        var calendar = kind == Kind.Reminder ? null : Invitation(kind, booking, slot, organisationName, mentorName, nowUtc,
            people.Where(p => p.Id == mentorUserId && !string.IsNullOrEmpty(p.Email)).Select(p => new CalendarPerson(p.Email!, mentorName)).FirstOrDefault(),
            [.. people.Where(p => p.Id == ownerId && !string.IsNullOrEmpty(p.Email)).Select(p => new CalendarPerson(p.Email!, p.DisplayName ?? organisationName))]);
        foreach (var (userId, path) in recipients)
        {
            var user = people.Find(p => p.Id == userId);
            if (user is null)
            {
                continue;
            }

            db.Add(new Notification { UserId = user.Id, Template = template, ItemId = booking.Id, ItemTitle = title, Link = path, CreatedUtc = nowUtc });
            if (string.IsNullOrEmpty(user.Email))
            {
                continue;
            }

            var address = links.Absolute(path);
            var vi = In(JsonStringLocalizerFactory.Vietnamese, kind, booking, slot, organisationName, mentorName, address);
            var en = In(JsonStringLocalizerFactory.English, kind, booking, slot, organisationName, mentorName, address);
            var (subject, body) = UserLanguageEmail.Pick(user.Language, vi, en, "div");
            db.Add(new OutboxEmail { To = user.Email, Subject = subject.Length <= 300 ? subject : subject[..300], HtmlBody = body, CreatedUtc = nowUtc, Calendar = calendar });
        }
    }

    /// <summary>
    /// The booking as an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL): the same UID for the life of
    /// the booking and its <see cref="MentorBooking.Sequence"/>, which a cancellation raises, so calendars replace the entry.
    /// </summary>
    private string Invitation(
        Kind kind, MentorBooking booking, MentorSlot slot, string organisation, string mentor, DateTime nowUtc, CalendarPerson? organizer, IReadOnlyList<CalendarPerson> attendees)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (JsonStringLocalizerFactory.Vietnamese, JsonStringLocalizerFactory.Vietnamese);
        try
        {
            var invite = new CalendarInvite(Uid(booking.Id), booking.StartsUtc, booking.EndsUtc, $"{localizer["Mentoring session"]}: {organisation} — {mentor}")
            {
                Description = booking.Topic,
                Location = slot.Place ?? slot.OnlineUrl,
                Url = slot.OnlineUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null,
                Organizer = organizer,
                Attendees = attendees,
                Sequence = booking.Sequence,
            };
            return CalendarFile.Write(kind == Kind.Cancelled ? CalendarMethod.Cancel : CalendarMethod.Request, nowUtc, invite);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    /// <summary>The booking's calendar UID, the same in every e-mail about it.</summary>
    public static string Uid(string bookingId) => $"booking-{bookingId}@incubator";

    private (string Subject, string Body) In(CultureInfo culture, Kind kind, MentorBooking booking, MentorSlot slot, string organisation, string mentor, string link)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var when = Core.Time.VietnamTime.FormatDateTime(booking.StartsUtc);
            var subject = kind switch
            {
                Kind.Booked => localizer["Mentoring session booked: {0}", when],
                Kind.Cancelled => localizer["Mentoring session cancelled: {0}", when],
                _ => localizer["Reminder: mentoring session on {0}", when],
            };
            var lines = new List<string>
            {
                localizer["Startup: {0}", organisation],
                localizer["Mentor: {0}", mentor],
                localizer["When: {0} to {1} (Vietnam time)", when, Core.Time.VietnamTime.ToLocal(booking.EndsUtc).ToString("HH:mm", CultureInfo.InvariantCulture)],
                localizer["Topic: {0}", booking.Topic],
            };
            if (slot.Place is { } place)
            {
                lines.Add(localizer["Place: {0}", place]);
            }

            if (slot.OnlineUrl is { } url)
            {
                lines.Add(localizer["Online: {0}", url]);
            }

            var body = string.Concat(lines.Select(l => $"<p>{Encoder.Encode(l)}</p>"));
            return (subject, $"{body}<p><a href=\"{Encoder.Encode(link)}\">{Encoder.Encode(localizer["Open it on the site"])}</a></p>");
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
