using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Events.Pages;

/// <summary>The public side of events: the list at /events, an event's calendar file, the feed, and the site search.</summary>
public sealed partial class EventPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_upcoming_events_soonest_first_filtered_with_the_archive_paged_when_anyone_opens_events(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        using var visitor = site.CreateBrowserClient();
        var now = DateTime.UtcNow;

        // Three networking events created out of order; one more in another province; one for a segment only.
        var later = await CreateAtAsync(staffApi, now.AddDays(40), "networking", "cao-bang.hoa-an");
        var soon = await CreateAtAsync(staffApi, now.AddDays(20), "networking", "cao-bang");
        var middle = await CreateAtAsync(staffApi, now.AddDays(30), "networking", null, capacity: null, online: true);
        var elsewhere = await CreateAtAsync(staffApi, now.AddDays(25), "networking", "thai-nguyen");
        var restricted = await CreateAtAsync(staffApi, now.AddDays(22), "networking", "cao-bang");
        await site.QueryAsync(db => db.Set<Event>().Where(e => e.Slug == restricted).ExecuteUpdateAsync(s => s.SetProperty(e => e.Audience, EventAudience.Segment).SetProperty(e => e.AudienceKey, "x")));

        var page = await Forms.GetAsync(visitor, "/events?kind=networking");
        Assert.Equal([soon, elsewhere, middle, later], Slugs(page, "#upcoming"));
        var card = page.QuerySelector($"#upcoming li[data-event='{soon}']")!;
        Assert.Equal(Texts.Vi("{0} of {1} seats left", 30, 30), card.QuerySelector(".seats")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Online"), page.QuerySelector($"#upcoming li[data-event='{middle}'] .where")?.TextContent.Trim());
        Assert.Null(page.QuerySelector($"#upcoming li[data-event='{middle}'] .seats"));
        Assert.Equal($"/events/{soon}", card.QuerySelector("h3 a")?.GetAttribute("href"));
        Assert.Equal($"/events/{soon}.ics", card.QuerySelector("a.calendar-file")?.GetAttribute("href"));
        Assert.Equal("/events/calendar.ics", page.QuerySelector("#calendar-feed")?.GetAttribute("href"));

        // A province takes its communes; another province's event is left out.
        page = await Forms.GetAsync(visitor, "/events?kind=networking&locality=cao-bang");
        Assert.Equal([soon, later], Slugs(page, "#upcoming"));

        // Staff see the event for a segment, marked.
        page = await Forms.GetAsync(staff, "/events?kind=networking&locality=cao-bang");
        Assert.Equal([soon, restricted, later], Slugs(page, "#upcoming"));
        Assert.NotNull(page.QuerySelector($"#upcoming li[data-event='{restricted}'] .badge.restricted"));

        // Twelve past technology fairs: the archive shows ten, newest first, and the rest on its next page.
        var past = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            past.Add(await CreateAtAsync(staffApi, now.AddDays(-i * 3), "tech-fair", null));
        }

        page = await Forms.GetAsync(visitor, "/events?kind=tech-fair");
        Assert.Empty(Slugs(page, "#upcoming"));
        Assert.Equal(past.Take(10), Slugs(page, "#archive"));
        var next = page.QuerySelector("#archive a[rel=next]")?.GetAttribute("href");
        Assert.NotNull(next);
        page = await Forms.GetAsync(visitor, next!);
        Assert.Equal(past.Skip(10), Slugs(page, "#archive"));
        Assert.Null(page.QuerySelector("#archive a[rel=next]"));
        Assert.NotNull(page.QuerySelector("#archive a[rel=prev]"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_give_a_calendar_file_and_a_feed_in_utc_when_a_calendar_asks(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var visitor = site.CreateClient();
        var created = await EventArrange.CreateAsync(staff, overrides: new() { ["startsAt"] = "2031-05-20T08:30", ["endsAt"] = "2031-05-20T11:30" });
        var slug = created.GetProperty("slug").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        var draft = await EventArrange.CreateAsync(staff, overrides: new() { ["published"] = false });

        using (var file = await visitor.GetAsync(new Uri($"/events/{slug}.ics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("text/calendar; charset=utf-8", file.Content.Headers.ContentType?.ToString());
            var text = await file.Content.ReadAsStringAsync();
            Assert.Equal("PUBLISH", Line(text, "METHOD"));
            Assert.Single(Regex.Matches(text, "^BEGIN:VEVENT", RegexOptions.Multiline));
            Assert.Equal("20310520T013000Z", Line(text, "DTSTART"));
            Assert.Equal("20310520T043000Z", Line(text, "DTEND"));
            Assert.Contains($"UID:event-{id}@incubator", text, StringComparison.Ordinal);
        }

        foreach (var missing in new[] { "/events/no-such-event.ics", $"/events/{draft.GetProperty("slug").GetString()}.ics" })
        {
            using var notFound = await visitor.GetAsync(new Uri(missing, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }

        using var feed = await visitor.GetAsync(new Uri("/events/calendar.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", feed.Content.Headers.ContentType?.ToString());
        var body = await feed.Content.ReadAsStringAsync();
        Assert.Equal("PUBLISH", Line(body, "METHOD"));
        var now = DateTime.UtcNow;
        var expected = await site.QueryAsync(db => db.Set<Event>().CountAsync(e => e.Published && e.DeletedUtc == null && e.Audience == EventAudience.Public && e.EndsUtc >= now));
        Assert.Equal(expected, Regex.Count(body, "^BEGIN:VEVENT", RegexOptions.Multiline));
        Assert.Contains($"UID:event-{id}@incubator", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"UID:event-{draft.GetProperty("id").GetString()}@incubator", body, StringComparison.Ordinal);
        Assert.All(Regex.Matches(body, "^DTSTART:(.*)$", RegexOptions.Multiline), m => Assert.Matches("^\\d{8}T\\d{6}Z\r?$", m.Groups[1].Value));
        Assert.Contains("max-age", feed.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        // The same feed again is not sent again.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events/calendar.ics");
        request.Headers.IfNoneMatch.Add(feed.Headers.ETag!);
        using var unchanged = await visitor.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_a_published_public_event_and_not_a_draft_when_anyone_searches(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var visitor = site.CreateClient();
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var draftWord = "d" + Guid.NewGuid().ToString("N")[..10];
        var published = await EventArrange.CreateAsync(staff, overrides: new() { ["title"] = new { vi = $"Hội thảo {word}", en = "Workshop" }, ["kind"] = "workshop" });
        var draft = await EventArrange.CreateAsync(staff, overrides: new() { ["title"] = new { vi = $"Hội thảo {draftWord}" }, ["published"] = false });

        var results = await SearchReader.UntilFoundAsync(visitor, word, published.GetProperty("id").GetString()!);
        var hit = results.GetProperty("items").EnumerateArray().Single(i => i.Text("id") == published.GetProperty("id").GetString());
        Assert.Equal(($"/events/{published.GetProperty("slug").GetString()}", "event"), (hit.Text("url"), hit.Text("type")));

        await SearchReader.DrainAsync(site);
        Assert.DoesNotContain(draft.GetProperty("id").GetString()!, SearchReader.Ids(await SearchReader.SearchTextAsync(visitor, draftWord)));
    }

    private static async Task<string> CreateAtAsync(HttpClient staff, DateTime startsUtc, string kind, string? locality, int? capacity = 30, bool online = false)
    {
        var overrides = new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["locality"] = locality,
            ["startsAt"] = startsUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["endsAt"] = startsUtc.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (online)
        {
            overrides["place"] = null;
            overrides["onlineUrl"] = "https://meet.example.vn/su-kien";
        }

        var created = await EventArrange.CreateAsync(staff, capacity: capacity, overrides: overrides);
        return created.GetProperty("slug").GetString()!;
    }

    private static List<string> Slugs(AngleSharp.Dom.IDocument page, string section) =>
        [.. page.QuerySelectorAll($"{section} li[data-event]").Select(li => li.GetAttribute("data-event")!)];

    private static string? Line(string calendar, string name) =>
        calendar.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..];
}
