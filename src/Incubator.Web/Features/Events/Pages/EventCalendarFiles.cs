using System.Security.Cryptography;
using System.Text;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure;
using Incubator.Web.Infrastructure.Calendar;
using Microsoft.Net.Http.Headers;

namespace Incubator.Web.Features.Events.Pages;

/// <summary>
/// Events as iCalendar (METHOD:PUBLISH): one event's file for "add to calendar", and the feed of the next public events
/// a calendar subscribes to. The feed's stamp is its newest change, not the clock, so the same events give the same bytes
/// and a calendar that polls gets 304 until something changes.
/// </summary>
internal static class EventCalendarFiles
{
    /// <summary>The feed's address; a literal, so it wins over an event's file at "/events/{slug}.ics".</summary>
    public const string FeedPath = "/events/calendar.ics";

    public const string ContentType = CalendarFile.ContentType + "; charset=utf-8";

    /// <summary>How long a calendar or proxy may keep the feed or a file before asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(15);

    /// <summary>The address of an event's own file.</summary>
    public static string FileUrl(string slug) => $"/events/{slug}.ics";

    public static void MapEventCalendarFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FeedPath, FeedAsync).ExcludeFromDescription();
        endpoints.MapGet("/events/{slug}.ics", FileAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> FeedAsync(HttpContext http, EventListing listing, SiteLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var events = await listing.FeedAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        var stamp = events.Count == 0 ? DateTime.UnixEpoch : events.Max(e => e.PublishedUtc ?? e.ModifiedUtc);
        var english = TaxonomyService.English;
        return Respond(http, CalendarFile.Write(CalendarMethod.Publish, stamp, events.Select(e => EventCalendar.Invite(e, links, english))), null);
    }

    private static async Task<IResult> FileAsync(string slug, HttpContext http, EventCommands commands, SiteLinks links, CancellationToken cancellationToken)
    {
        var item = await commands.PublishedAsync(slug, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        var text = CalendarFile.Write(CalendarMethod.Publish, item.PublishedUtc ?? item.ModifiedUtc, EventCalendar.Invite(item, links, TaxonomyService.English));
        return Respond(http, text, item.Slug + ".ics");
    }

    private static IResult Respond(HttpContext http, string text, string? fileName)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32] + "\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = $"public, max-age={(int)MaxAge.TotalSeconds}";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (fileName is not null)
        {
            headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        }

        return TypedResults.Text(text, ContentType, Encoding.UTF8);
    }
}
