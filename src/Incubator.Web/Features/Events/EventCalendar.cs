using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Calendar;

namespace Incubator.Web.Features.Events;

/// <summary>An event as a calendar entry: the same UID in its own file, the public feed and a registrant's confirmation.</summary>
internal static class EventCalendar
{
    /// <summary>
    /// The entry of <paramref name="item"/>, titled in the reader's language; <see cref="Event.Version"/> is its sequence so a
    /// calendar that holds an older copy replaces it.
    /// </summary>
    public static CalendarInvite Invite(Event item, SiteLinks links, bool english)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(links);
        var url = new Uri(links.Absolute(EventContentTypes.Event.PublicUrl(item.Slug)));
        var location = string.Join(" — ", new[] { item.Place, item.OnlineUrl }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new CalendarInvite(Uid(item), item.StartsUtc, item.EndsUtc, english && !string.IsNullOrWhiteSpace(item.TitleEn) ? item.TitleEn : item.Title)
        {
            Description = string.IsNullOrWhiteSpace(item.Description) ? url.ToString() : item.Description + "\n\n" + url,
            Location = location.Length == 0 ? null : location,
            Url = url,
            Sequence = item.Version,
        };
    }

    /// <summary>The entry's UID: stable for the life of the event, whatever its slug becomes.</summary>
    public static string Uid(Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"event-{item.ContentItemId}@incubator";
    }
}
