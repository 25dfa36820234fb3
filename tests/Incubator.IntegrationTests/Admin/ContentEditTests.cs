using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Admin;

public sealed class ContentEditTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_mark_the_field_and_save_nothing_when_staff_submit_an_invalid_item(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        foreach (var (type, fields, field) in new (string, Dictionary<string, string[]>, string)[]
                 {
                     ("pages", new() { ["Title"] = [""], ["Body"] = ["Body without a title"] }, "f-Title"),
                     ("news", new() { ["Title"] = [$"No summary {Guid.NewGuid():N}"], ["Summary"] = [""], ["Body"] = ["x"] }, "f-Summary"),
                     ("startups", new() { ["Title"] = [$"Bad site {Guid.NewGuid():N}"], ["Summary"] = ["x"], ["Website"] = ["javascript:alert(1)"] }, "f-Website"),
                     ("enterprises", new() { ["Title"] = [$"Bad share {Guid.NewGuid():N}"], ["Summary"] = ["x"], ["ScienceRevenueShare"] = ["150"] }, "f-ScienceRevenueShare"),
                     ("mentors", new() { ["Title"] = [$"Bad phone {Guid.NewGuid():N}"], ["Summary"] = ["x"], ["ContactPhone"] = ["call me"] }, "f-ContactPhone"),
                     ("organisations", new() { ["Title"] = [$"Bad kind {Guid.NewGuid():N}"], ["Summary"] = ["x"], ["Kind"] = ["Unicorn"] }, "f-Kind"),
                     ("pages", new() { ["Title"] = [$"Bad slug {Guid.NewGuid():N}"], ["Body"] = ["x"], ["Slug"] = ["Đổi Mới!"] }, "f-slug"),
                 })
        {
            var form = await Forms.GetAsync(staff, $"/admin/content/{type}/new");
            var before = await CountAsync(site, type);
            using var response = await Forms.FillAndSubmitAsync(staff, form, "main form", fields, "then", "publish");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("main .notice[role=alert]"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"#{field}")?.ParentElement?.QuerySelector(".field-error")?.TextContent), $"{type}: no error under {field}");
            Assert.Equal(before, await CountAsync(site, type));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_leave_the_item_as_it_was_when_an_edit_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var title = $"Stable {Guid.NewGuid():N}";
        var item = await BackOffice.CreateAsync(staff, "startups", new Dictionary<string, string[]> { ["Title"] = [title], ["Summary"] = ["Kept"] }, publish: true);

        var form = await Forms.GetAsync(staff, $"/admin/content/startups/{item.Id}");
        using var response = await Forms.FillAndSubmitAsync(staff, form, "main form",
            new Dictionary<string, string[]> { ["Summary"] = ["Lost"], ["TeamSize"] = ["-3"] }, "then", "publish");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Forms.ParseAsync(response)).QuerySelector("#f-TeamSize")?.ParentElement?.QuerySelector(".field-error"));

        var versions = await site.QueryAsync(db => db.Startups.AsNoTracking().Where(s => s.ContentItemId == item.Id).ToListAsync());
        var only = Assert.Single(versions);
        Assert.Equal("Kept", only.Summary);
        Assert.True(only.Published && only.Latest);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_record_who_did_what_in_the_history_when_staff_create_edit_publish_and_unpublish(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        using var staff = await site.CreateSignedInBrowserAsync(email, password);
        var item = await BackOffice.CreateAsync(staff, "news", Pages.NewsTests.News($"History {Guid.NewGuid():N}", "One."), publish: false);
        await BackOffice.EditAsync(staff, item, new Dictionary<string, string[]> { ["Body"] = ["Two."] }, publish: true);
        await BackOffice.UnpublishAsync(staff, item);

        var page = await Forms.GetAsync(staff, $"/admin/content/news/{item.Id}");
        var rows = page.QuerySelectorAll("main table tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([Texts.Vi("Unpublished"), Texts.Vi("Published"), Texts.Vi("Updated"), Texts.Vi("Created")], rows.Select(r => r[2]));
        Assert.All(rows, r => Assert.Equal(email, r[1]));
        Assert.All(rows, r => Assert.Matches(@"^\d{2}/\d{2}/\d{4}", r[0]));
        Assert.Equal(Texts.Vi("Draft"), page.QuerySelector("main .badge")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_a_submitted_profile_on_the_dashboard_when_it_waits_for_a_decision(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var applicant = (await site.CreateApplicantAsync()).Client;
        var before = await SubmittedAsync(staff);
        var id = await Organisations.OrganisationApiTests.CreateAsync(applicant, "startup", $"Counted {Guid.NewGuid():N}");
        Assert.Equal(before, await SubmittedAsync(staff));

        await Organisations.OrganisationApiTests.SubmitAsync(applicant, id);
        Assert.Equal(before + 1, await SubmittedAsync(staff));
        await Moderation.ApproveAsync(staff, id);
        Assert.Equal(before, await SubmittedAsync(staff));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_deny_and_change_nothing_when_an_applicant_posts_a_moderation_decision(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await Organisations.OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Self approval {Guid.NewGuid():N}");
        await Organisations.OrganisationApiTests.SubmitAsync(applicant.Api, id);

        var own = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{id}");
        var token = own.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        foreach (var outcome in new[] { "approve", "return" })
        {
            using var content = new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("id", id), new("outcome", outcome), new("version", "1"), new("comment", "self")]);
            using var response = await applicant.Browser.PostAsync(new Uri("/admin/workflows/act", UriKind.Relative), content);
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
        }

        using (var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))
        using (var response = await applicant.Browser.PostAsync(new Uri($"/admin/content/startups/{id}?handler=Publish", UriKind.Relative), content))
        {
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
        }

        Assert.Equal("Submitted", (await Json.GetAsync(applicant.Api, $"/api/organisations/{id}")).Text("status"));
        Assert.False(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.ContentItemId == id && s.Published)));
    }

    private static Task<int> CountAsync(SiteFactory site, string type) => site.QueryAsync(db => type switch
    {
        "pages" => db.SitePages.CountAsync(),
        "news" => db.News.CountAsync(),
        "startups" => db.Startups.CountAsync(),
        "enterprises" => db.Enterprises.CountAsync(),
        "mentors" => db.Mentors.CountAsync(),
        _ => db.Organisations.CountAsync(),
    });

    private static async Task<int> SubmittedAsync(HttpClient staff)
    {
        var dashboard = await Forms.GetAsync(staff, "/admin");
        return int.Parse(dashboard.QuerySelector("#submitted-count")?.TextContent.Trim() ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
    }
}
