using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Events;

/// <summary>Events over the API: the rules an event follows, what the public and staff read, changing one.</summary>
public sealed class EventApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_an_event_that_breaks_a_rule_and_save_nothing(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var slug = EventArrange.Slug();

        using var bad = await staff.PostAsJsonAsync("/api/events", new
        {
            slug,
            title = new { vi = " " },
            kind = "party",
            startsAt = "2027-03-10T17:00",
            endsAt = "2027-03-10T08:00",
            onlineUrl = "javascript:alert(1)",
            locality = "no-such-place",
            capacity = 0,
            registrationOpensAt = "mai",
            audience = "cohort:no-such-cohort",
            questions = new object[]
            {
                new { key = "company", type = "text", label = new { vi = "Đơn vị" } },
                new { key = "cv", type = "file", label = new { vi = "Hồ sơ" } },
                new { key = "company", type = "choice", label = new { vi = "" } },
            },
            programmeKey = "no-such-programme",
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        foreach (var field in new[]
                 {
                     "title.vi", "kind", "endsAt", "onlineUrl", "locality", "capacity", "registrationOpensAt", "audience", "questions[1].type", "questions[2].label.vi",
                     "questions[2].options", "questions", "programmeKey",
                 })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(Texts.Vi("The end must be after the start."), errors.GetProperty("endsAt")[0].GetString());
        Assert.False(await site.QueryAsync(db => db.Set<Event>().AnyAsync(e => e.Slug == slug)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_published_public_events_in_vietnam_time_when_anyone_asks(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var slug = EventArrange.Slug();
        var created = await EventArrange.CreateAsync(staff, slug, overrides: new()
        {
            ["startsAt"] = "2031-05-20T08:30",
            ["endsAt"] = "2031-05-20T11:30",
            ["kind"] = "workshop",
            ["locality"] = null,
        });
        Assert.Equal(slug, created.GetProperty("slug").GetString());
        Assert.Equal("2031-05-20T08:30:00+07:00", created.GetProperty("startsAt").GetString());
        Assert.Equal($"/events/{slug}", created.GetProperty("url").GetString());
        var hidden = await EventArrange.CreateAsync(staff, overrides: new() { ["published"] = false, ["startsAt"] = "2031-05-21T08:30", ["endsAt"] = "2031-05-21T10:30" });

        // A new event has its seat counter from the start.
        Assert.True(await site.QueryAsync(db => db.Set<EventSeats>().AnyAsync(s => s.EventId == created.GetProperty("id").GetString())));

        using var visitor = site.CreateClient();
        var list = await Json(await visitor.GetAsync("/api/events?from=2031-05-19&kind=workshop"));
        var slugs = list.EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ToList();
        Assert.Contains(slug, slugs);
        Assert.DoesNotContain(hidden.GetProperty("slug").GetString(), slugs);
        Assert.All(list.EnumerateArray(), e => Assert.Equal("workshop", e.GetProperty("kind").GetString()));

        var one = await Json(await visitor.GetAsync($"/api/events/{slug}"));
        Assert.Equal("Tập huấn khởi nghiệp đổi mới sáng tạo", one.GetProperty("title").GetProperty("vi").GetString());
        Assert.True(one.GetProperty("registrationOpen").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/events/{hidden.GetProperty("slug").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync("/api/events?from=20-05-2031")).StatusCode);

        // Staff write; a visitor may not.
        using var refused = await visitor.PostAsJsonAsync("/api/events", new { title = new { vi = "X" } });
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, refused.StatusCode.ToString());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_an_event_as_a_new_version_when_staff_put_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var created = await EventArrange.CreateAsync(staff);
        var slug = created.GetProperty("slug").GetString()!;

        using var put = await staff.PutAsJsonAsync($"/api/events/{slug}", new
        {
            title = new { vi = "Tập huấn gọi vốn", en = "Fundraising training" },
            kind = "training",
            startsAt = "2031-06-01T08:00",
            endsAt = "2031-06-01T12:00",
            onlineUrl = "https://meet.example.vn/tap-huan",
            capacity = 40,
            questions = new object[] { new { key = "company", type = "text", label = new { vi = "Đơn vị công tác", en = "Organisation" }, required = true } },
            published = true,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var changed = await Json(put);
        Assert.Equal(slug, changed.GetProperty("slug").GetString());
        Assert.Equal(40, changed.GetProperty("capacity").GetInt32());
        Assert.Equal("company", changed.GetProperty("questions")[0].GetProperty("key").GetString());

        var versions = await site.QueryAsync(db => db.Set<Event>().Where(e => e.Slug == slug).OrderBy(e => e.Version).Select(e => new { e.Version, e.Published, e.Title }).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("Tập huấn gọi vốn", versions.Single(v => v.Published).Title);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync("/api/events/no-such-event", new { title = new { vi = "X" } })).StatusCode);

        // A change left as a draft keeps the published version online; unpublishing then takes that one off the site.
        var body = new { title = new { vi = "Tập huấn gọi vốn (nháp)" }, kind = "training", startsAt = "2031-06-01T08:00", endsAt = "2031-06-01T12:00", place = "Sở" };
        (await staff.PutAsJsonAsync($"/api/events/{slug}", body)).Dispose();
        using var visitor = site.CreateClient();
        Assert.Equal("Tập huấn gọi vốn", (await Json(await visitor.GetAsync($"/api/events/{slug}"))).GetProperty("title").GetProperty("vi").GetString());
        (await staff.PutAsJsonAsync($"/api/events/{slug}", new { body.title, body.kind, body.startsAt, body.endsAt, body.place, published = false })).Dispose();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/events/{slug}")).StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_feeds_address_when_an_event_asks_for_it_or_is_named_so(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);

        using var refused = await staff.PostAsJsonAsync("/api/events", new { slug = "calendar", title = new { vi = "Lịch" }, kind = "training", startsAt = "2031-05-20T08:30", endsAt = "2031-05-20T10:30", place = "Sở" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(Texts.Vi("This address is taken by a page of the site; choose another."), (await Json(refused)).GetProperty("errors").GetProperty("slug")[0].GetString());

        var named = await EventArrange.CreateAsync(staff, slug: null, overrides: new() { ["slug"] = null, ["title"] = new { vi = "Calendar" } });
        Assert.NotEqual("calendar", named.GetProperty("slug").GetString());
        Assert.StartsWith("su-kien-calendar", named.GetProperty("slug").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
