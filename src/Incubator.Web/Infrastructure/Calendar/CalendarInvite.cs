using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Incubator.Web.Infrastructure.Calendar;

/// <summary>What an iCalendar file asks of the calendar that opens it.</summary>
internal enum CalendarMethod
{
    /// <summary>A published list (a feed, an "add to calendar" file): nobody is asked to answer.</summary>
    Publish,

    /// <summary>An invitation to a meeting the reader takes part in.</summary>
    Request,

    /// <summary>The meeting of an earlier invitation (same <see cref="CalendarInvite.Uid"/>) is off.</summary>
    Cancel,
}

/// <summary>One person a meeting is with: an address and, if known, a name.</summary>
internal sealed record CalendarPerson(string Email, string? Name = null);

/// <summary>
/// One meeting or event as calendars know it (RFC 5545): the features build one (a booking, an event) and
/// <see cref="CalendarFile"/> writes it. <see cref="Uid"/> stays the same for the life of the meeting and
/// <see cref="Sequence"/> grows with each change, so a calendar replaces or removes the entry it already holds.
/// </summary>
internal sealed record CalendarInvite(string Uid, DateTime StartUtc, DateTime EndUtc, string Summary)
{
    public string? Description { get; init; }
    public string? Location { get; init; }
    public Uri? Url { get; init; }
    public CalendarPerson? Organizer { get; init; }
    public IReadOnlyList<CalendarPerson> Attendees { get; init; } = [];
    public int Sequence { get; init; }
}

/// <summary>Writes iCalendar text (an <c>.ics</c> file) with Ical.Net.</summary>
internal static class CalendarFile
{
    public const string ContentType = "text/calendar";

    /// <summary>The product identifier the files carry.</summary>
    public const string ProductId = "-//Incubator//Incubator//VI";

    public static string Write(CalendarMethod method, DateTime stampUtc, params IEnumerable<CalendarInvite> invites)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = MethodName(method) };
        foreach (var invite in invites)
        {
            var entry = new CalendarEvent
            {
                Uid = invite.Uid,
                Summary = invite.Summary,
                Description = invite.Description,
                Location = invite.Location,
                Url = invite.Url,
                DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)),
                DtStart = new CalDateTime(DateTime.SpecifyKind(invite.StartUtc, DateTimeKind.Utc)),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(invite.EndUtc, DateTimeKind.Utc)),
                Sequence = invite.Sequence,
                Status = method == CalendarMethod.Cancel ? "CANCELLED" : "CONFIRMED",
            };
            if (invite.Organizer is { } organizer)
            {
                entry.Organizer = new Organizer("mailto:" + organizer.Email) { CommonName = organizer.Name };
            }

            foreach (var person in invite.Attendees)
            {
                entry.Attendees.Add(new Attendee("mailto:" + person.Email)
                {
                    CommonName = person.Name,
                    Role = "REQ-PARTICIPANT",
                    ParticipationStatus = method == CalendarMethod.Request ? "NEEDS-ACTION" : "ACCEPTED",
                    Rsvp = false,
                });
            }

            calendar.Events.Add(entry);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public static string MethodName(CalendarMethod method) => method switch
    {
        CalendarMethod.Request => "REQUEST",
        CalendarMethod.Cancel => "CANCEL",
        _ => "PUBLISH",
    };

    /// <summary>The METHOD line of a written file ("REQUEST", "CANCEL"...), or null when it has none.</summary>
    public static string? MethodOf(string calendar)
    {
        foreach (var line in calendar.Split('\n'))
        {
            if (line.StartsWith("METHOD:", StringComparison.OrdinalIgnoreCase))
            {
                return line["METHOD:".Length..].Trim();
            }
        }

        return null;
    }
}
