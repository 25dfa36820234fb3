using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Applications;

public sealed class BackOfficePagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_a_submitted_application_with_its_count_and_filters_when_staff_open_the_queue(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId, $"Công ty Đổi Mới Xanh {Guid.NewGuid():N}"[..30]);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        var queue = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}");
        var row = queue.QuerySelector($"table.applications tr[data-id='{application.Id}']");
        Assert.NotNull(row);
        Assert.Equal("submitted", row.GetAttribute("data-status"));
        Assert.Contains(Texts.Vi("Submitted, to screen"), row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", queue.QuerySelector(".status-counts a[data-status='submitted'] .count")?.TextContent.Trim());
        Assert.Equal("0", queue.QuerySelector(".status-counts a[data-status='funded'] .count")?.TextContent.Trim());
        Assert.Equal("300.000.000 ₫", row.QuerySelector("td.money")?.TextContent.Trim());

        // Title words match with or without accents and in any case; other statuses and other words do not.
        var found = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}&q={Uri.EscapeDataString("doi moi xanh")}");
        Assert.NotNull(found.QuerySelector($"tr[data-id='{application.Id}']"));
        var otherWords = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}&q=blockchain");
        Assert.Null(otherWords.QuerySelector($"tr[data-id='{application.Id}']"));
        Assert.Equal(Texts.Vi("No application matches."), otherWords.QuerySelector("main > p:not(.meta)")?.TextContent.Trim());
        var funded = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}&status=funded");
        Assert.Null(funded.QuerySelector($"tr[data-id='{application.Id}']"));
        var submitted = await Forms.GetAsync(staff, "/admin/applications?status=submitted&order=oldest");
        Assert.NotNull(submitted.QuerySelector($"tr[data-id='{application.Id}']"));

        // The export link carries the same filters.
        Assert.Equal($"/admin/applications/export.csv?programme={programmeId}", queue.QuerySelector("a#export")?.GetAttribute("href"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_export_the_filtered_applications_and_defuse_formulas_when_staff_download_the_csv(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var hostile = await SupportData.SubmitAsync(site, programmeId, "=HYPERLINK(\"http://evil.example\",\"Bấm\")", summary: "=1+2");
        using var plain = await SupportData.SubmitAsync(site, programmeId);
        var elsewhere = await SupportData.CreateProgrammeAsync(site);
        using var other = await SupportData.SubmitAsync(site, elsewhere);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        using var response = await staff.GetAsync(new Uri($"/admin/applications/export.csv?programme={programmeId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);

        Assert.Contains(hostile.Id, csv, StringComparison.Ordinal);
        Assert.Contains(plain.Id, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Id, csv, StringComparison.Ordinal);
        Assert.StartsWith($"{Texts.Vi("Id")},{Texts.Vi("Application")},", csv, StringComparison.Ordinal);
        Assert.Contains("Tóm tắt dự án", csv, StringComparison.Ordinal);
        Assert.Contains(",'=1+2,", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains(",150000000,", csv, StringComparison.Ordinal);
        Assert.Contains("Nông nghiệp công nghệ cao", csv, StringComparison.Ordinal);

        // No cell of any row starts a formula: every cell starts after a line start, a comma or an opening quote.
        foreach (var start in new[] { "\n=", ",=", ",\"=", "\n\"=", ",+", ",@", ",-" })
        {
            Assert.DoesNotContain(start, csv, StringComparison.Ordinal);
        }

        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_assign_reviewers_by_email_and_automatically_when_staff_use_the_application_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var (reviewerEmail, _) = await site.CreateAccountAsync("Reviewer");
        var (_, _) = await site.CreateAccountAsync("Reviewer");
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var url = $"/admin/applications/{application.Id}";

        var page = await Forms.GetAsync(staff, url);
        Assert.Equal(application.OrganisationName, page.QuerySelector("a.organisation")?.TextContent.Trim());
        Assert.Contains("Máy sấy nông sản", page.QuerySelector("dd[data-field='summary']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("150.000.000 ₫", page.QuerySelector("dd[data-field='ownFunds']")?.TextContent.Trim());
        Assert.Equal("Nông nghiệp công nghệ cao", page.QuerySelector("dd[data-field='field']")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form.workflow-action[data-action='screening-pass']"));
        Assert.NotNull(page.QuerySelector("a.history"));

        // Someone who may not review is refused by name, and nobody is assigned.
        var stranger = $"nobody-{Guid.NewGuid():N}@test.local";
        using (var refused = await Forms.SubmitAsync(staff, page, "form.assign-by-email", [new("emails", stranger)]))
        {
            Assert.Equal(url, Forms.Location(refused));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Contains(Texts.Vi("{0} is not a reviewer who may review this application.", stranger), page.QuerySelector("p.notice")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("table.reviewers tbody tr"));

        using (var assigned = await Forms.SubmitAsync(staff, page, "form.assign-by-email", [new("emails", reviewerEmail)]))
        {
            Assert.Equal(url, Forms.Location(assigned));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Reviewers assigned."), page.QuerySelector("p.success")?.TextContent.Trim());
        var row = page.QuerySelector($"table.reviewers tr[data-reviewer='{reviewerEmail}']");
        Assert.NotNull(row);
        Assert.Contains(Texts.Vi("Not yet"), row.TextContent, StringComparison.Ordinal);

        using (var automatic = await Forms.FillAndSubmitAsync(staff, page, "form.assign-automatically", new Dictionary<string, string[]> { ["count"] = ["1"] }))
        {
            Assert.Equal(url, Forms.Location(automatic));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Equal(2, page.QuerySelectorAll("table.reviewers tbody tr").Length);
        var stored = await site.QueryAsync(db => db.Reviews.Where(r => r.ApplicationId == application.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.NotNull(r.AssignedBy));

        // The API, which now goes through the same service, sees the same two.
        using var api = await site.CreateUserAsync("Staff");
        var listed = await Json.GetAsync(api, $"/api/applications/{application.Id}/reviewers");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Equal(reviewerEmail, listed[0].Text("email"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_applicants_and_reviewers_and_let_leaders_read_when_they_open_the_applications(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var (reviewerEmail, reviewerPassword) = await site.CreateAccountAsync("Reviewer");
        using var reviewer = await site.CreateSignedInBrowserAsync(reviewerEmail, reviewerPassword);
        var urls = new[] { "/admin/applications", $"/admin/applications/{application.Id}", "/admin/applications/export.csv", "/admin/programmes" };

        foreach (var client in new[] { application.Applicant.Browser, reviewer })
        {
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
            }
        }

        using var leader = await site.CreateBrowserUserAsync("Leader");
        foreach (var url in urls)
        {
            using var response = await leader.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} returned {(int)response.StatusCode}");
        }

        // A leader reads the application but has no staff forms, and a forged post changes nothing.
        var page = await Forms.GetAsync(leader, $"/admin/applications/{application.Id}");
        Assert.Null(page.QuerySelector("form.assign-by-email"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token on the page.");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("emails", reviewerEmail)]);
        using var forged = await leader.PostAsync(new Uri($"/admin/applications/{application.Id}/reviewers?handler=Assign", UriKind.Relative), content);
        Assert.StartsWith("/account/denied", Forms.Location(forged), StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.Reviews.AnyAsync(r => r.ApplicationId == application.Id)));

        // Drafts are not the back office's: an unknown or draft application is not found.
        using var missing = await leader.GetAsync(new Uri("/admin/applications/no-such-application", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_plan_milestones_mark_them_paid_and_flag_an_overdue_report_when_the_leader_funded_the_application(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var (reviewerEmail, reviewerPassword) = await site.CreateAccountAsync("Reviewer");
        using var staffApi = await site.CreateUserAsync("Staff");
        using (var assigned = await staffApi.PostAsJsonAsync($"/api/applications/{application.Id}/reviewers", new { reviewers = new[] { reviewerEmail } }))
        {
            await Json.ReadAsync(assigned);
        }

        using var staff = await site.CreateBrowserUserAsync("Staff");
        var url = $"/admin/applications/{application.Id}";
        var page = await Forms.GetAsync(staff, url);
        (await Forms.SubmitAsync(staff, page, "form.workflow-action[data-action='screening-pass']", [new("comment", "")])).Dispose();
        using (var reviewer = await site.CreateApiClientAsync(reviewerEmail, reviewerPassword))
        using (var scored = await reviewer.PutAsJsonAsync($"/api/applications/{application.Id}/reviews/mine", new { noConflict = true, scores = new { novelty = 35, feasibility = 55 } }))
        {
            await Json.ReadAsync(scored);
        }

        // The leader decides on the decision page, with the decision's number, date, amount and signer.
        using var leader = await site.CreateBrowserUserAsync("Leader");
        using (var approved = await Reviews.DecisionPageTests.ApproveAsync(leader, application.Id, "250.000.000", Incubator.Core.Time.VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime)))
        {
            Assert.Equal(url, Forms.Location(approved));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Equal("funded", page.QuerySelector(".summary .badge.status")?.GetAttribute("data-status"));
        Assert.Equal("250.000.000 ₫", page.QuerySelector("section.decision dd.approved")?.TextContent.Trim());
        Assert.Contains("125/QĐ-SKHCN", page.QuerySelector("section.decision")?.TextContent, StringComparison.Ordinal);

        // Milestones beyond the approved amount are refused with the API's message; within it they are added.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var tooMuch = await Forms.SubmitAsync(staff, page, "form.add-milestone", [new("title", "Đợt 1"), new("amount", "300.000.000"), new("dueOn", "2026-04-01"), new("reportDueOn", "")]))
        {
            Assert.Equal(url, Forms.Location(tooMuch));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Contains(Texts.Vi("The milestones together cannot exceed the approved amount."), page.QuerySelector("p.notice")?.TextContent, StringComparison.Ordinal);
        using (var added = await Forms.SubmitAsync(staff, page, "form.add-milestone", [new("title", "Đợt 1: tạm ứng"), new("amount", "100.000.000"), new("dueOn", "2026-04-01"), new("reportDueOn", yesterday)]))
        {
            Assert.Equal(url, Forms.Location(added));
        }

        page = await Forms.GetAsync(staff, url);
        var row = page.QuerySelector("table.milestones tbody tr");
        Assert.NotNull(row);
        Assert.Contains("100.000.000 ₫", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector(".badge.overdue"));
        var milestoneId = row.GetAttribute("data-milestone");

        var dashboard = await Forms.GetAsync(staff, "/admin");
        Assert.NotNull(dashboard.QuerySelector($"section.overdue-reports tr[data-milestone='{milestoneId}'] a[href='{url}']"));

        using (var paid = await Forms.SubmitAsync(staff, page, $"tr[data-milestone='{milestoneId}'] form.mark-paid", []))
        {
            Assert.Equal(url, Forms.Location(paid));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Marked as paid."), page.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("form.mark-paid"));
        Assert.NotNull(await site.QueryAsync(db => db.DisbursementMilestones.Where(m => m.ApplicationId == application.Id).Select(m => m.PaidUtc).SingleAsync()));

        // The leader sees the milestones but not the staff's forms.
        var read = await Forms.GetAsync(leader, url);
        Assert.NotNull(read.QuerySelector("table.milestones"));
        Assert.Null(read.QuerySelector("form.add-milestone"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_link_programmes_and_applications_when_staff_open_the_dashboard(DatabaseProvider provider)
    {
        using var staff = await sites[provider].CreateBrowserUserAsync("Staff");
        var dashboard = await Forms.GetAsync(staff, "/admin");
        Assert.NotNull(dashboard.QuerySelector("ul.counts a[href='/admin/programmes']"));
        Assert.Null(dashboard.QuerySelector("ul.counts a[href='/admin/content/programmes']"));
        Assert.NotNull(dashboard.QuerySelector("nav.side a[href='/admin/programmes']"));
        Assert.NotNull(dashboard.QuerySelector("nav.side a[href='/admin/applications']"));
    }
}
