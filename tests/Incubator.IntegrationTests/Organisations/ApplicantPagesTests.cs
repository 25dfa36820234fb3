using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Organisations;

public sealed class ApplicantPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_publish_the_profile_in_the_directory_when_the_applicant_submits_it_and_staff_publish_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var title = $"Trà Shan Tuyết {Guid.NewGuid():N}";
        var id = await CreateWithFormAsync(applicant.Browser, "startup", new Dictionary<string, string[]>
        {
            ["Title"] = [title], ["Summary"] = ["Trà cổ thụ vùng cao"], ["Sectors"] = ["ocop", "agro-forestry-processing"],
            ["Locality"] = ["cao-bang.nguyen-binh"], ["Stage"] = ["mvp"], ["TeamSize"] = ["7"],
        });

        var page = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{id}");
        Assert.Equal(Texts.Vi("Draft"), page.QuerySelector("#profile-status")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Saved. Submit the profile when it is ready."), page.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Equal(title, (page.QuerySelector("#f-Title") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);

        page = await SubmitWithFormAsync(applicant.Browser, id);
        Assert.Equal(Texts.Vi("Submitted"), page.QuerySelector("#profile-status")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("#submit-profile"));
        var mine = await Forms.GetAsync(applicant.Browser, "/my/organisations");
        Assert.Equal(Texts.Vi("Submitted"), mine.QuerySelector($"li.card:has(a[href='/my/organisations/{id}']) .status")?.TextContent.Trim());
        var slug = (await Json.GetAsync(applicant.Api, $"/api/organisations/{id}")).Text("slug");
        using var visitor = site.CreateBrowserClient();
        Assert.DoesNotContain($"/directory/startups/{slug}", (await DirectoryReader.PagesAsync(visitor, "startups", "sector=ocop")).Select(l => l.Href));

        using var staff = await site.CreateBrowserUserAsync("Staff");
        var queue = await Forms.GetAsync(staff, "/admin/moderation");
        var entry = queue.QuerySelector($"section.moderation-item[data-id='{id}']");
        Assert.NotNull(entry);
        Assert.Equal(title, entry.QuerySelector("h2")?.TextContent.Trim());
        await Moderation.ApproveAsync(staff, id);
        queue = await Forms.GetAsync(staff, "/admin/moderation");
        Assert.Null(queue.QuerySelector($"section.moderation-item[data-id='{id}']"));

        page = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{id}");
        Assert.Equal(Texts.Vi("Published"), page.QuerySelector("#profile-status")?.TextContent.Trim());
        var listed = await DirectoryReader.PagesAsync(visitor, "startups", "sector=ocop&locality=cao-bang&stage=mvp");
        Assert.Contains(($"/directory/startups/{slug}", title), listed);
        var profile = await Forms.GetAsync(visitor, $"/directory/startups/{slug}");
        Assert.Equal(title, profile.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("Xã Nguyên Bình", profile.QuerySelector("dl.profile")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_require_a_comment_and_show_it_to_the_applicant_when_staff_send_a_profile_back(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var id = await OrganisationApiTests.CreateAsync(applicant.Api, "enterprise", $"Returned {Guid.NewGuid():N}");
        await OrganisationApiTests.SubmitAsync(applicant.Api, id);

        foreach (var empty in new[] { "", "   " })
        {
            var refused = await Moderation.ReturnAsync(staff, id, empty);
            Assert.Equal(Texts.Vi("A comment is required."), refused.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());
            Assert.NotNull(refused.QuerySelector($"section.moderation-item[data-id='{id}']"));
            var unchanged = await Json.GetAsync(applicant.Api, $"/api/organisations/{id}");
            Assert.Equal("Submitted", unchanged.Text("status"));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, unchanged.GetProperty("reviewComment").ValueKind);
        }

        const string comment = "Bổ sung số giấy chứng nhận doanh nghiệp KH&CN.";
        var done = await Moderation.ReturnAsync(staff, id, comment);
        Assert.Null(done.QuerySelector("p.notice[role=alert]"));
        Assert.Null(done.QuerySelector($"section.moderation-item[data-id='{id}']"));

        var page = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{id}");
        Assert.Equal(Texts.Vi("Returned"), page.QuerySelector("#profile-status")?.TextContent.Trim());
        Assert.Contains(comment, page.QuerySelector("main p.notice")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#submit-profile"));
        var mine = await Forms.GetAsync(applicant.Browser, "/my/organisations");
        Assert.Contains(comment, mine.QuerySelector($"li.card:has(a[href='/my/organisations/{id}']) .notice")?.TextContent, StringComparison.Ordinal);
        var api = await Json.GetAsync(applicant.Api, $"/api/organisations/{id}");
        Assert.Equal("Returned", api.Text("status"));
        Assert.Equal(comment, api.Text("reviewComment"));

        // The history records who sent it back and why.
        var edit = await Forms.GetAsync(staff, $"/admin/content/enterprises/{id}");
        Assert.Contains(comment, edit.QuerySelector("main table")?.TextContent, StringComparison.Ordinal);

        page = await SubmitWithFormAsync(applicant.Browser, id);
        Assert.Equal(Texts.Vi("Submitted"), page.QuerySelector("#profile-status")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_errors_and_save_nothing_when_the_profile_form_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        foreach (var (fields, field) in new (Dictionary<string, string[]>, string)[]
                 {
                     (new() { ["Title"] = [""], ["Summary"] = ["No name"] }, "Title"),
                     (new() { ["Title"] = ["No summary"], ["Summary"] = [""] }, "Summary"),
                     (new() { ["Title"] = ["Bad website"], ["Summary"] = ["x"], ["Website"] = ["javascript:alert(1)"] }, "Website"),
                     (new() { ["Title"] = ["Bad locality"], ["Summary"] = ["x"], ["Locality"] = ["atlantis"] }, "Locality"),
                     (new() { ["Title"] = ["Bad e-mail"], ["Summary"] = ["x"], ["ContactEmail"] = ["nobody"] }, "ContactEmail"),
                     (new() { ["Title"] = ["Bad team"], ["Summary"] = ["x"], ["TeamSize"] = ["many"] }, "TeamSize"),
                 })
        {
            var form = await Forms.GetAsync(applicant.Browser, "/my/organisations/new/startup");
            using var response = await Forms.FillAndSubmitAsync(applicant.Browser, form, "main form", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"#f-{field}")?.ParentElement?.QuerySelector(".field-error")?.TextContent), $"No error under {field}");
        }

        Assert.Equal(0, (await Json.GetAsync(applicant.Api, "/api/organisations")).GetArrayLength());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_and_change_nothing_when_an_applicant_opens_or_posts_another_applicants_profile(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var owner = await site.CreateApplicantWithBrowserAsync();
        using var intruder = await site.CreateApplicantWithBrowserAsync();
        var id = await OrganisationApiTests.CreateAsync(owner.Api, "startup", $"Private {Guid.NewGuid():N}", summary: "Owner's words");
        var before = (await Json.GetAsync(owner.Api, $"/api/organisations/{id}")).GetRawText();

        using (var read = await intruder.Browser.GetAsync(new Uri($"/my/organisations/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        // The intruder's own valid antiforgery token, posted at the owner's profile.
        var own = await Forms.GetAsync(intruder.Browser, "/my/organisations/new/startup");
        var token = own.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        foreach (var url in new[] { $"/my/organisations/{id}", $"/my/organisations/{id}?handler=Submit" })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Title", "Taken over"), new("Summary", "Intruder's words")]);
            using var posted = await intruder.Browser.PostAsync(new Uri(url, UriKind.Relative), content);
            Assert.True(posted.StatusCode == HttpStatusCode.NotFound, $"POST {url} returned {(int)posted.StatusCode}");
        }

        var mine = await Forms.GetAsync(intruder.Browser, "/my/organisations");
        Assert.Null(mine.QuerySelector($"a[href='/my/organisations/{id}']"));
        Assert.Equal(before, (await Json.GetAsync(owner.Api, $"/api/organisations/{id}")).GetRawText());
        Assert.Equal(1, await site.QueryAsync(db => db.Startups.CountAsync(s => s.ContentItemId == id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_public_version_when_the_owner_edits_a_published_profile_with_the_form(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var id = await OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Edited {Guid.NewGuid():N}", summary: "Public words");
        await OrganisationApiTests.SubmitAsync(applicant.Api, id);
        await Moderation.ApproveAsync(staff, id);
        var slug = (await Json.GetAsync(applicant.Api, $"/api/organisations/{id}")).Text("slug");

        var form = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{id}");
        using (var saved = await Forms.FillAndSubmitAsync(applicant.Browser, form, "main form", new Dictionary<string, string[]> { ["Summary"] = ["Draft words"] }))
        {
            Assert.Equal($"/my/organisations/{id}", Forms.Location(saved));
        }

        var page = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{id}");
        Assert.Equal(Texts.Vi("Published with changes"), page.QuerySelector("#profile-status")?.TextContent.Trim());
        Assert.Equal("Draft words", page.QuerySelector("#f-Summary")?.TextContent);
        using var visitor = site.CreateBrowserClient();
        Assert.Equal("Public words", (await Forms.GetAsync(visitor, $"/directory/startups/{slug}")).QuerySelector("main h1 + p")?.TextContent);
        Assert.NotNull(page.QuerySelector("#submit-profile"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_anonymous_visitors_to_sign_in_and_refuse_unknown_kinds_when_profile_pages_are_opened(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var visitor = site.CreateBrowserClient();
        foreach (var url in new[] { "/my/organisations", "/my/organisations/new/startup", $"/my/organisations/{Guid.NewGuid():N}" })
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.StartsWith("/account/login", Forms.Location(response), StringComparison.Ordinal);
        }

        using var applicant = await site.CreateApplicantWithBrowserAsync();
        foreach (var url in new[] { "/my/organisations/new/mentor", "/my/organisations/new/unicorn", $"/my/organisations/{Guid.NewGuid():N}" })
        {
            using var response = await applicant.Browser.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} returned {(int)response.StatusCode}");
        }

        var enterprise = await Forms.GetAsync(applicant.Browser, "/my/organisations/new/enterprise");
        Assert.NotNull(enterprise.QuerySelector("#f-CertificateNumber"));
        Assert.Null(enterprise.QuerySelector("#f-Stage"));
    }

    internal static async Task<string> CreateWithFormAsync(HttpClient browser, string kind, IReadOnlyDictionary<string, string[]> fields)
    {
        var form = await Forms.GetAsync(browser, $"/my/organisations/new/{kind}");
        using var response = await Forms.FillAndSubmitAsync(browser, form, "main form", fields);
        var location = Forms.Location(response);
        Assert.StartsWith("/my/organisations/", location, StringComparison.Ordinal);
        return location.Split('/')[^1];
    }

    internal static async Task<AngleSharp.Dom.IDocument> SubmitWithFormAsync(HttpClient browser, string id)
    {
        var page = await Forms.GetAsync(browser, $"/my/organisations/{id}");
        using var response = await Forms.SubmitAsync(browser, page, $"form[action*='handler=Submit']", []);
        Assert.Equal($"/my/organisations/{id}", Forms.Location(response));
        return await Forms.GetAsync(browser, $"/my/organisations/{id}");
    }
}
