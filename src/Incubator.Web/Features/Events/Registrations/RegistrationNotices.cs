using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>
/// The e-mails of a registration, through the outbox, added to the caller's unit of work (a refused change sends
/// nothing): the confirmation link of an anonymous visitor; the ticket (code, QR image, the event's calendar file, the
/// ticket and cancel link) when confirmed or moved up from the waitlist; the waitlist notice; the cancellation; the
/// reminder. In the registrant's language when they have an account (both when they chose none), else Vietnamese.
/// </summary>
internal sealed class RegistrationNotices(IncubatorDbContext db, SiteLinks links, RegistrationTokens tokens, IStringLocalizer<RegistrationNotices> localizer)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private enum Kind
    {
        ConfirmLink,
        Confirmed,
        Promoted,
        Waitlisted,
        Cancelled,
        Reminder,
    }

    public Task ConfirmationLinkAsync(Event item, EventRegistration registration, string confirmationToken, DateTime nowUtc, CancellationToken cancellationToken) =>
        AddAsync(Kind.ConfirmLink, item, registration, links.Absolute($"/events/registrations/{registration.Id}/confirm?t={Uri.EscapeDataString(confirmationToken)}"), nowUtc, cancellationToken);

    /// <summary>The registration's place: a seat (its ticket) or the waitlist; <paramref name="promoted"/> when it moved up from the waitlist.</summary>
    public Task PlacedAsync(Event item, EventRegistration registration, bool promoted, DateTime nowUtc, CancellationToken cancellationToken) =>
        AddAsync(
            registration.Status == RegistrationStatus.Waitlisted ? Kind.Waitlisted : promoted ? Kind.Promoted : Kind.Confirmed,
            item, registration, null, nowUtc, cancellationToken);

    public Task CancelledAsync(Event item, EventRegistration registration, DateTime nowUtc, CancellationToken cancellationToken) =>
        AddAsync(Kind.Cancelled, item, registration, null, nowUtc, cancellationToken);

    public Task ReminderAsync(Event item, EventRegistration registration, DateTime nowUtc, CancellationToken cancellationToken) =>
        AddAsync(Kind.Reminder, item, registration, null, nowUtc, cancellationToken);

    /// <summary>The ticket page's address, signed for whoever holds the e-mail.</summary>
    public string TicketPath(string registrationId) => $"/events/registrations/{registrationId}?t={Uri.EscapeDataString(tokens.Ticket(registrationId))}";

    /// <summary>The QR image's address (PNG), signed with the same token as the ticket.</summary>
    public string QrPath(string registrationId) => $"/events/registrations/{registrationId}/qr.png?t={Uri.EscapeDataString(tokens.Ticket(registrationId))}";

    /// <summary>What the QR code holds: the staff check-in page with the code filled in.</summary>
    public string CheckInUrl(Event item, EventRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(registration);
        return links.Absolute($"/admin/events/{item.Slug}/check-in?code={registration.Code}");
    }

    private async Task AddAsync(Kind kind, Event item, EventRegistration registration, string? confirmLink, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var language = registration.UserId is null
            ? "vi"
            : await db.Users.AsNoTracking().Where(u => u.Id == registration.UserId).Select(u => u.Language).FirstOrDefaultAsync(cancellationToken);
        var ticket = links.Absolute(TicketPath(registration.Id));
        var qr = links.Absolute(QrPath(registration.Id));
        var vi = In(JsonStringLocalizerFactory.Vietnamese, kind, item, registration, confirmLink, ticket, qr);
        var en = In(JsonStringLocalizerFactory.English, kind, item, registration, confirmLink, ticket, qr);
        var (subject, body) = UserLanguageEmail.Pick(language, vi, en, "div");
        string? calendar = null;
        if (kind is Kind.Confirmed or Kind.Promoted)
        {
            calendar = CalendarFile.Write(CalendarMethod.Publish, nowUtc, EventCalendar.Invite(item, links, language == "en"));
        }

        db.Add(new OutboxEmail { To = registration.Email, Subject = subject.Length <= 300 ? subject : subject[..299] + "…", HtmlBody = body, CreatedUtc = nowUtc, Calendar = calendar });
    }

    private (string Subject, string Body) In(CultureInfo culture, Kind kind, Event item, EventRegistration registration, string? confirmLink, string ticket, string qr)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try
        {
            var english = culture.TwoLetterISOLanguageName == "en";
            var title = english && !string.IsNullOrWhiteSpace(item.TitleEn) ? item.TitleEn : item.Title;
            var subject = kind switch
            {
                Kind.ConfirmLink => localizer["Confirm your registration: {0}", title],
                Kind.Confirmed => localizer["Your registration is confirmed: {0}", title],
                Kind.Promoted => localizer["A seat is yours: {0}", title],
                Kind.Waitlisted => localizer["You are on the waitlist: {0}", title],
                Kind.Cancelled => localizer["Registration cancelled: {0}", title],
                _ => localizer["Reminder: {0} starts soon", title],
            };
            var lead = kind switch
            {
                Kind.ConfirmLink => localizer["{0}, open the link below to confirm your registration. Until you do, no seat is held for you.", registration.Name],
                Kind.Confirmed => localizer["{0}, your seat is confirmed. Show this code or the QR code at the door.", registration.Name],
                Kind.Promoted => localizer["{0}, a seat became free and it is yours now. Show this code or the QR code at the door.", registration.Name],
                Kind.Waitlisted => localizer["{0}, the event is full; you are on its waitlist. If a seat becomes free, it is given to you in turn and we tell you by e-mail.", registration.Name],
                Kind.Cancelled => localizer["{0}, your registration is cancelled.", registration.Name],
                _ => localizer["{0}, the event you registered for starts soon. Show this code or the QR code at the door.", registration.Name],
            };
            var html = new System.Text.StringBuilder();
            html.Append("<p>").Append(Encoder.Encode(lead)).Append("</p>");
            html.Append("<p><strong>").Append(Encoder.Encode(title)).Append("</strong></p>");
            var ends = VietnamTime.ToLocal(item.EndsUtc).ToString("HH:mm", CultureInfo.InvariantCulture);
            html.Append("<p>").Append(Encoder.Encode(localizer["When: {0} to {1} (Vietnam time)", VietnamTime.FormatDateTime(item.StartsUtc), ends])).Append("</p>");
            if (item.Place is { } place)
            {
                html.Append("<p>").Append(Encoder.Encode(localizer["Place: {0}", place])).Append("</p>");
            }

            if (item.OnlineUrl is { } online)
            {
                html.Append("<p>").Append(Encoder.Encode(localizer["Online: {0}", online])).Append("</p>");
            }

            if (kind is Kind.Confirmed or Kind.Promoted or Kind.Reminder)
            {
                html.Append("<p style=\"font-size:28px;font-weight:bold;letter-spacing:4px;font-family:monospace\">").Append(Encoder.Encode(registration.Code)).Append("</p>");
                html.Append("<p><img src=\"").Append(Encoder.Encode(qr)).Append("\" width=\"240\" height=\"240\" alt=\"")
                    .Append(Encoder.Encode(localizer["QR code of registration {0}", registration.Code])).Append("\"></p>");
            }

            if (kind == Kind.ConfirmLink)
            {
                html.Append("<p><a href=\"").Append(Encoder.Encode(confirmLink!)).Append("\">").Append(Encoder.Encode(localizer["Confirm my registration"])).Append("</a></p>");
            }
            else if (kind != Kind.Cancelled)
            {
                html.Append("<p><a href=\"").Append(Encoder.Encode(ticket)).Append("\">").Append(Encoder.Encode(localizer["See or cancel my registration"])).Append("</a></p>");
            }

            return (subject, html.ToString());
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}
