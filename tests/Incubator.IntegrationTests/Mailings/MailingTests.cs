using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Incubator.IntegrationTests.Mailings;

/// <summary>
/// Segments, mailings to consenting members, the hourly pace, unsubscribing without an account, and two instances
/// feeding one database. Each test stops the site's clock on its own day in the past, so the hour's count of queued
/// e-mails (three at most on this site) holds only that test's rows.
/// </summary>
public sealed class MailingTests(MailingSites sites) : IClassFixture<MailingSites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_only_people_meeting_every_condition_when_a_segment_filters(DatabaseProvider provider)
    {
        var site = sites[provider];
        var tag = Tag();
        var a = await OrganisationAsync(site, new Startup { Sectors = ["agri-hitech"], Locality = "cao-bang.thuc-phan", Stage = "mvp" }, "incubating");
        var b = await OrganisationAsync(site, new Startup { Sectors = ["it-digital"], Locality = "cao-bang", Stage = "idea" }, "incubating");
        var c = await OrganisationAsync(site, new Enterprise { Sectors = ["agri-hitech"], Locality = "thai-nguyen" }, null);
        var pa = await PersonAsync(site, "Nguyễn An", a, tag, consent: true);
        var pa2 = await PersonAsync(site, "Trần Bình", a, tag, consent: null);
        var pb = await PersonAsync(site, "Lê Chi", b, tag, consent: true);
        var pc = await PersonAsync(site, "Phạm Dũng", c, tag, consent: true);
        await PersonAsync(site, "Hoàng Em", a, Tag(), consent: true); // another tag: never a member
        using var staff = await site.CreateUserAsync(Roles.Staff);

        Assert.Equal([pa, pa2], await MembersAsync(staff, new { sectors = new[] { "agri-hitech" }, locality = "cao-bang", tags = new[] { tag } }));
        Assert.Equal([pa, pb], await MembersAsync(staff, new { locality = "cao-bang", pipelineStage = "incubating", tags = new[] { tag }, consented = true }));
        Assert.Equal([pc], await MembersAsync(staff, new { kind = "enterprise", tags = new[] { tag } }));
        Assert.Equal([pa, pa2], await MembersAsync(staff, new { stage = "mvp", tags = new[] { tag } }));
        Assert.Equal([pa2], await MembersAsync(staff, new { organisationIds = new[] { a }, tags = new[] { tag }, consented = false }));

        using var cohort = await staff.PostAsJsonAsync("/api/segments", new { name = "Khoá 1", filter = new { cohort = "k1" } });
        Assert.Equal(HttpStatusCode.BadRequest, cohort.StatusCode);
        Assert.True((await Json(cohort)).GetProperty("errors").TryGetProperty("filter.cohort", out _));
        using var locality = await staff.PostAsJsonAsync("/api/segments", new { name = "Sai", filter = new { locality = "nowhere" } });
        Assert.True((await Json(locality)).GetProperty("errors").TryGetProperty("filter.locality", out _));

        var (applicant, _, _) = await site.CreateApplicantAsync();
        using (applicant)
        {
            using var refused = await applicant.PostAsJsonAsync("/api/segments", new { name = "x", filter = new { } });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var mailing = await applicant.GetAsync("/api/mailings/0123456789abcdef0123456789abcdef");
            Assert.Equal(HttpStatusCode.Forbidden, mailing.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_reach_only_consenting_members_and_leave_out_who_unsubscribed_when_mailings_are_sent(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var frozen = site.Clock.FreezeAt(Day(provider, 1));
        var org = await OrganisationAsync(site, new Startup { Title = "HTX <Rau> sạch" }, null);
        var given = await PersonAsync(site, "An <b>", org, null, consent: true);
        var withdrawn = await PersonAsync(site, "Bình", org, null, consent: true);
        await site.QueryAsync(db => AddConsentAsync(db, withdrawn, false, Day(provider, 1).AddMinutes(-1)));
        await PersonAsync(site, "Chi", org, null, consent: null);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var segment = await CreatedIdAsync(await staff.PostAsJsonAsync("/api/segments", new { name = "HTX", filter = new { organisationIds = new[] { org } } }));
        var mailing = await MailingAsync(staff, segment);

        using (var send = await staff.PostAsync($"/api/mailings/{mailing}/send", null))
        {
            Assert.Equal(1, (await Json(send)).GetProperty("recipients").GetInt32());
        }

        using (var again = await staff.PostAsync($"/api/mailings/{mailing}/send", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal(1, await FeedAsync(site));
        var email = await site.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == Address(given)));
        Assert.StartsWith("Chào An <b>", email.Subject, StringComparison.Ordinal);
        Assert.Contains("<strong>An &lt;b&gt;</strong>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("HTX &lt;Rau&gt; sạch", email.HtmlBody, StringComparison.Ordinal);
        var link = Mailbox.Link(email.HtmlBody, "/unsubscribe/");
        Assert.Equal(MailingSites.BaseUrl, link.GetLeftPart(UriPartial.Authority));

        // The sender writes the one-click headers into the message itself.
        await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();
        var message = await DeliveredAsync(site, Address(given));
        Assert.Equal($"<{link.AbsoluteUri}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal((1, 1, 0, 0), await ProgressAsync(staff, mailing));

        // Without signing in: a GET only asks, a changed token changes nothing, the one-click POST unsubscribes.
        using var anonymous = site.CreateClient(new() { AllowAutoRedirect = false });
        using (var page = await anonymous.GetAsync(link.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("id=\"unsubscribe\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await ConsentedAsync(site, given));
        var token = link.AbsolutePath["/unsubscribe/".Length..];
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        using (var bad = await anonymous.PostAsync($"/unsubscribe/{tampered}", OneClick()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("unsubscribe-invalid", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await ConsentedAsync(site, given));
        using (var done = await anonymous.PostAsync(link.PathAndQuery, OneClick()))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Contains("unsubscribe-done", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False(await ConsentedAsync(site, given));
        var row = await site.QueryAsync(db => db.Set<PersonConsent>().Where(c => c.PersonId == given).OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal(ConsentSource.Unsubscribe, row.Source);
        Assert.Equal((1, 1, 0, 1), await ProgressAsync(staff, mailing));

        var next = await MailingAsync(staff, segment);
        using var nextSend = await staff.PostAsync($"/api/mailings/{next}/send", null);
        Assert.Equal(0, (await Json(nextSend)).GetProperty("recipients").GetInt32());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_queue_at_most_the_hourly_pace_and_skip_who_unsubscribed_meanwhile_when_the_feeder_runs(DatabaseProvider provider)
    {
        var site = sites[provider];
        var start = Day(provider, 2);
        var frozen = site.Clock.FreezeAt(start);
        var org = await OrganisationAsync(site, new Startup(), null);
        var people = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(await PersonAsync(site, $"Người {i}", org, null, consent: true));
        }

        using var staff = await site.CreateUserAsync(Roles.Staff);
        var segment = await CreatedIdAsync(await staff.PostAsJsonAsync("/api/segments", new { name = "Nhịp", filter = new { organisationIds = new[] { org } } }));
        var mailing = await MailingAsync(staff, segment);
        (await staff.PostAsync($"/api/mailings/{mailing}/send", null)).Dispose();

        Assert.Equal(MailingSites.PerHour, await FeedAsync(site));
        Assert.Equal(0, await FeedAsync(site));
        frozen.Dispose();

        // Two of five wait; one of them withdraws consent before the next hour.
        var waiting = await site.QueryAsync(db => db.Set<MailingRecipient>().Where(r => r.MailingId == mailing && r.State == RecipientState.Pending).Select(r => r.PersonId).ToListAsync());
        Assert.Equal(2, waiting.Count);
        await site.QueryAsync(db => AddConsentAsync(db, waiting[0], false, start.AddMinutes(30)));
        using (site.Clock.FreezeAt(start.AddMinutes(61)))
        {
            Assert.Equal(1, await FeedAsync(site));
        }

        Assert.Equal((4, 0, 0, 1), await ProgressAsync(staff, mailing));
        Assert.Equal(RecipientState.Unsubscribed, await site.QueryAsync(db => db.Set<MailingRecipient>().Where(r => r.MailingId == mailing && r.PersonId == waiting[0]).Select(r => r.State).SingleAsync()));
        Assert.Equal(MailingStatus.Sent, await site.QueryAsync(db => db.Set<Mailing>().Where(m => m.Id == mailing).Select(m => m.Status).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_queue_each_recipient_once_when_two_instances_feed_together(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var frozen = site.Clock.FreezeAt(Day(provider, 3));
        using var second = new SiteFactory(site);
        _ = second.Server;
        using var secondFrozen = second.Clock.FreezeAt(Day(provider, 3));
        var org = await OrganisationAsync(site, new Startup(), null);
        var people = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            people.Add(await PersonAsync(site, $"Hai {i}", org, null, consent: true));
        }

        using var staff = await site.CreateUserAsync(Roles.Staff);
        var segment = await CreatedIdAsync(await staff.PostAsJsonAsync("/api/segments", new { name = "Hai máy", filter = new { organisationIds = new[] { org } } }));
        var mailing = await MailingAsync(staff, segment);
        (await staff.PostAsync($"/api/mailings/{mailing}/send", null)).Dispose();

        var counts = await Task.WhenAll(FeedAsync(site), FeedAsync(second), FeedAsync(site), FeedAsync(second));

        Assert.Equal(3, counts.Sum());
        var addresses = people.Select(Address).ToList();
        var queued = await site.QueryAsync(db => db.OutboxEmails.Where(e => addresses.Contains(e.To)).Select(e => e.To).ToListAsync());
        Assert.Equal(addresses.Order(), queued.Order());
    }

    private static int _sequence;

    internal static string Tag() => $"t{Guid.NewGuid():N}"[..12];

    internal static string Address(string personId) => $"{personId}@people.test";

    /// <summary>A distinct day in the past per test and provider, so the hour's pace counts only this test's e-mails.</summary>
    private static DateTime Day(DatabaseProvider provider, int test) =>
        new DateTime(2020, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddDays((int)provider * 10 + test);

    private static FormUrlEncodedContent OneClick() => new([new("List-Unsubscribe", "One-Click")]);

    private static async Task<int> FeedAsync(SiteFactory site) => await site.Services.GetRequiredService<MailingFeeder>().FeedAsync(CancellationToken.None);

    internal static async Task<string> OrganisationAsync(SiteFactory site, DirectoryProfile profile, string? pipelineStage)
    {
        var id = Guid.CreateVersion7().ToString("N");
        profile.ContentItemId = id;
        profile.Version = 1;
        profile.Latest = profile.Published = true;
        profile.Title = profile.Title.Length > 0 ? profile.Title : $"Tổ chức {Interlocked.Increment(ref _sequence)}";
        profile.Slug = $"org-{id}";
        profile.Summary = "Thử";
        profile.CreatedUtc = profile.ModifiedUtc = DateTime.UtcNow;
        await site.QueryAsync(async db =>
        {
            db.Add(profile);
            if (pipelineStage is not null)
            {
                db.Add(new OrganisationStage { OrganisationId = id, Stage = pipelineStage, SinceUtc = DateTime.UtcNow });
            }

            return await db.SaveChangesAsync();
        });
        return id;
    }

    internal static async Task<string> PersonAsync(SiteFactory site, string name, string organisationId, string? tag, bool? consent)
    {
        var id = Guid.CreateVersion7().ToString("N");
        await site.QueryAsync(async db =>
        {
            db.Add(new Person
            {
                Id = id, FullName = name, NormalizedName = name.ToLowerInvariant(), Tags = tag is null ? [] : [tag], CreatedUtc = DateTime.UtcNow, ModifiedUtc = DateTime.UtcNow,
                Contacts = [new PersonContact { Kind = PersonContactKind.Email, Value = Address(id), Normalized = Address(id) }],
                Links = [new PersonLink { OrganisationId = organisationId, Role = PersonRole.Founder }],
            });
            await db.SaveChangesAsync();
            return consent is { } given ? await AddConsentAsync(db, id, given, new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc)) : 0;
        });
        return id;
    }

    internal static Task<int> AddConsentAsync(IncubatorDbContext db, string personId, bool given, DateTime at)
    {
        db.Add(new PersonConsent { PersonId = personId, Given = given, AtUtc = at, Source = ConsentSource.Staff });
        return db.SaveChangesAsync();
    }

    private static Task<bool> ConsentedAsync(SiteFactory site, string personId) =>
        site.QueryAsync(db => db.Set<PersonConsent>().Where(c => c.PersonId == personId).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Select(c => c.Given).FirstAsync());

    private static async Task<List<string>> MembersAsync(HttpClient staff, object filter)
    {
        var id = await CreatedIdAsync(await staff.PostAsJsonAsync("/api/segments", new { name = "Phân khúc", filter }));
        using var response = await staff.GetAsync($"/api/segments/{id}/members");
        var json = await Json(response);
        return [.. json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personId").GetString()!).Order(StringComparer.Ordinal)];
    }

    private static async Task<string> MailingAsync(HttpClient staff, string segmentId) => await CreatedIdAsync(await staff.PostAsJsonAsync("/api/mailings", new
    {
        segmentId,
        subject = new { vi = "Chào {{ten}}" },
        body = new { vi = "Xin chào **{{ten}}** của {{to_chuc}}." },
    }));

    private static async Task<(int Queued, int Sent, int Failed, int Unsubscribed)> ProgressAsync(HttpClient staff, string mailingId)
    {
        using var response = await staff.GetAsync($"/api/mailings/{mailingId}");
        var json = await Json(response);
        return (json.GetProperty("queued").GetInt32(), json.GetProperty("sent").GetInt32(), json.GetProperty("failed").GetInt32(), json.GetProperty("unsubscribed").GetInt32());
    }

    private static async Task<string> CreatedIdAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await Json(response)).GetProperty("id").GetString()!;
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<MimeMessage> DeliveredAsync(SiteFactory site, string to)
    {
        foreach (var file in System.IO.Directory.GetFiles(site.MailFolder, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == to))
            {
                return message;
            }

            message.Dispose();
        }

        throw new InvalidOperationException($"No e-mail to {to} was delivered.");
    }
}
