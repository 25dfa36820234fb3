using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Organisations;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;

namespace Incubator.IntegrationTests.Timeline;

/// <summary>
/// One organisation's life on its timeline, over the API and on its pages: its profile and moderation, its application
/// and every workflow step, a reviewer's score (staff only) and the leader's decision, newest first, filtered by kind
/// and paged; the owner reads it without the review, anyone else is refused.
/// </summary>
public sealed class OrganisationTimelineTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_profile_application_steps_review_and_decision_newest_first_and_hide_the_review_from_the_owner_when_the_timeline_is_read(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        using var leader = await site.CreateUserAsync(Roles.Leader);
        using var owner = await site.CreateApplicantWithBrowserAsync();
        using var other = (await site.CreateApplicantAsync()).Client;

        var tag = Guid.NewGuid().ToString("N")[..10];
        var name = $"Nông sản Đông Khê {tag}";
        var organisationId = await OrganisationApiTests.CreateAsync(owner.Api, "startup", name);
        await OrganisationApiTests.SubmitAsync(owner.Api, organisationId);
        await Moderation.ReturnAsync(staffBrowser, organisationId, "Thiếu mô tả sản phẩm");

        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("timeline-" + tag[..8]));
        using (var created = await owner.Api.PostAsJsonAsync("/api/applications", new { programmeId = programme, organisationId }))
        {
            var applicationId = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
            using var saved = await owner.Api.PutAsJsonAsync($"/api/applications/{applicationId}", new { answers = new { summary = "Chuỗi giá trị nông sản", field = "agri", employees = 12 }, requestedAmount = 200_000_000 });
            await Json.ReadAsync(saved);
            Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(owner.Api, applicationId));
            var reviewers = await Council.ScoreAsync(site, staff, applicationId, (35, 55));
            var decision = new { decisionNumber = $"125/QĐ-{tag}", decisionDate = ProgrammeData.Today(site), approvedAmount = "150000000" };
            Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(leader, applicationId, "approve", data: decision));

            // Staff read everything, newest first.
            var all = await ReadAsync(staff, $"/api/organisations/{organisationId}/timeline");
            Assert.Superset(new HashSet<string>(["profile", "application", "workflow-step", "review", "decision"]), all.Select(e => e.Kind).ToHashSet());
            Assert.Equal(all.Select(e => e.At).OrderByDescending(a => a), all.Select(e => e.At));
            var review = Assert.Single(all, e => e.Kind == "review");
            Assert.Equal(reviewers[0], review.By);
            Assert.Contains($"125/QĐ-{tag}", Assert.Single(all, e => e.Kind == "decision").Title, StringComparison.Ordinal);
            Assert.Equal(2, all.Count(e => e.Kind == "application"));
            Assert.DoesNotContain(all, e => e.Kind == "workflow-step" && e.Title.Contains("screening-pass", StringComparison.Ordinal));
            Assert.All(all.Where(e => e.Kind != "profile"), e => Assert.Equal($"/admin/applications/{applicationId}", e.Url));

            // The owner reads theirs without the review; another applicant and an unknown organisation are refused.
            var mine = await ReadAsync(owner.Api, $"/api/organisations/{organisationId}/timeline");
            Assert.DoesNotContain(mine, e => e.Kind == "review");
            Assert.Contains(mine, e => e.Kind == "decision");
            Assert.Contains(mine, e => e.Kind == "workflow-step");
            Assert.All(mine.Where(e => e.Kind != "profile"), e => Assert.Equal($"/my/applications/{applicationId}", e.Url));
            using (var refused = await other.GetAsync(new Uri($"/api/organisations/{organisationId}/timeline", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            }

            using (var unknown = await staff.GetAsync(new Uri($"/api/organisations/{Guid.NewGuid():N}/timeline", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
                Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            }

            // The kind filter, repeated or comma-separated; an unknown kind is refused by name.
            Assert.Equal(["decision", "review"], (await ReadAsync(staff, $"/api/organisations/{organisationId}/timeline?kind=decision,review")).Select(e => e.Kind).Distinct().Order());
            Assert.Equal(["decision", "profile"], (await ReadAsync(staff, $"/api/organisations/{organisationId}/timeline?kind=profile&kind=decision")).Select(e => e.Kind).Distinct().Order());
            Assert.Equal(["decision"], (await ReadAsync(owner.Api, $"/api/organisations/{organisationId}/timeline?kind=decision,review")).Select(e => e.Kind));
            using (var bogus = await staff.GetAsync(new Uri($"/api/organisations/{organisationId}/timeline?kind=decision,bogus", UriKind.Relative)))
            {
                Assert.NotEmpty((await Json.ReadAsync(bogus, HttpStatusCode.BadRequest)).Errors("kind"));
            }

            // Paging: the newest three, then the next three strictly before the third.
            var first = await ReadAsync(staff, $"/api/organisations/{organisationId}/timeline?limit=3");
            Assert.Equal(all.Take(3), first);
            var before = Uri.EscapeDataString(first[^1].At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var next = await ReadAsync(staff, $"/api/organisations/{organisationId}/timeline?limit=3&before={before}");
            Assert.Equal(3, next.Count);
            Assert.All(next, e => Assert.True(e.At < first[^1].At));
            Assert.Equal(all.Where(e => e.At < first[^1].At).Take(3), next);
        }

        // Staff's pages: the list finds the entry by its name without marks, the kind filter leaves it out of mentors,
        // and its relationship page draws the timeline with the review and the moderator's comment.
        var list = await Forms.GetAsync(staffBrowser, $"/admin/organisations?q={Uri.EscapeDataString("dong khe " + tag)}&kind=startup");
        Assert.NotNull(list.QuerySelector($"li[data-id='{organisationId}'] a[href='/admin/organisations/{organisationId}']"));
        var mentors = await Forms.GetAsync(staffBrowser, $"/admin/organisations?q={tag}&kind=mentor");
        Assert.Null(mentors.QuerySelector($"li[data-id='{organisationId}']"));
        var page = await Forms.GetAsync(staffBrowser, $"/admin/organisations/{organisationId}");
        Assert.Equal(name, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"a[href='/admin/content/startups/{organisationId}']"));
        Assert.NotNull(page.QuerySelector("section#timeline li.timeline-entry[data-kind='review']"));
        var profileOnly = await Forms.GetAsync(staffBrowser, $"/admin/organisations/{organisationId}?kind=profile");
        var kinds = profileOnly.QuerySelectorAll("li.timeline-entry").Select(li => li.GetAttribute("data-kind")).ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal("profile", k));
        Assert.Contains(profileOnly.QuerySelectorAll("li.timeline-entry .timeline-detail"), d => d.TextContent.Contains("Thiếu mô tả sản phẩm", StringComparison.Ordinal));
        Assert.True(profileOnly.QuerySelector("input[name=kind][value=profile]")?.HasAttribute("checked"));

        // The owner's own page shows the timeline without the review; the back office refuses them.
        var own = await Forms.GetAsync(owner.Browser, $"/my/organisations/{organisationId}");
        Assert.NotNull(own.QuerySelector("section#timeline li.timeline-entry[data-kind='decision']"));
        Assert.Null(own.QuerySelector("li.timeline-entry[data-kind='review']"));
        foreach (var url in new[] { "/admin/organisations", $"/admin/organisations/{organisationId}" })
        {
            using var denied = await owner.Browser.GetAsync(new Uri(url, UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(denied), StringComparison.Ordinal);
        }
    }

    private static async Task<List<Item>> ReadAsync(HttpClient client, string url)
    {
        var json = await Json.GetAsync(client, url);
        return [.. json.EnumerateArray().Select(e => new Item(
            e.GetProperty("at").GetDateTime().ToUniversalTime(), e.Text("kind"), e.Text("title"), Optional(e, "by"), Optional(e, "url")))];
    }

    private static string? Optional(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Item(DateTime At, string Kind, string Title, string? By, string? Url);
}
