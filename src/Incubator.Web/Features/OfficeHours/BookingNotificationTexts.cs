using Incubator.Web.Features.Notifications;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>The texts of the office hours' notices: a session booked, cancelled, or starting within a day.</summary>
internal sealed class BookingNotificationTexts : INotificationTexts
{
    public (string Subject, string Body)? Render(IStringLocalizer localizer, string template, string title)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return template switch
        {
            BookingNotices.BookedTemplate => (localizer["A mentoring session was booked"], localizer["The mentoring session \"{0}\" was booked.", title]),
            BookingNotices.CancelledTemplate => (localizer["A mentoring session was cancelled"], localizer["The mentoring session \"{0}\" was cancelled.", title]),
            BookingNotices.ReminderTemplate => (localizer["A mentoring session is tomorrow"], localizer["The mentoring session \"{0}\" starts within a day.", title]),
            _ => null,
        };
    }
}
