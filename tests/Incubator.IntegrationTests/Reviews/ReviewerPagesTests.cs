using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Reviews;

public sealed class ReviewerPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_nothing_of_the_application_until_the_reviewer_declares_no_conflict(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId, summary: "Bí mật kinh doanh của đơn vị.");
        using var notMine = await SupportData.SubmitAsync(site, programmeId);
        var (email, password) = await site.CreateAccountAsync("Reviewer");
        await AssignAsync(site, application.Id, email);
        using var reviewer = await site.CreateSignedInBrowserAsync(email, password);

        var home = await Forms.GetAsync(reviewer, "/");
        Assert.NotNull(home.QuerySelector("nav.menu a[href='/reviews']"));
        var list = await Forms.GetAsync(reviewer, "/reviews");
        Assert.NotNull(list.QuerySelector($"li[data-id='{application.Id}'] a[href='/reviews/{application.Id}']"));
        Assert.Null(list.QuerySelector($"li[data-id='{notMine.Id}']"));

        var url = $"/reviews/{application.Id}";
        var page = await Forms.GetAsync(reviewer, url);
        Assert.NotNull(page.QuerySelector("form.declare-no-conflict"));
        Assert.Null(page.QuerySelector("dl.answers"));
        Assert.Null(page.QuerySelector("form.score-sheet"));
        Assert.DoesNotContain("Bí mật kinh doanh", page.Body!.TextContent, StringComparison.Ordinal);

        // Not assigned: as if it did not exist, on the page and for its files.
        using (var other = await reviewer.GetAsync(new Uri($"/reviews/{notMine.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using (var declared = await Forms.SubmitAsync(reviewer, page, "form.declare-no-conflict", []))
        {
            Assert.Equal(url, Forms.Location(declared));
        }

        page = await Forms.GetAsync(reviewer, url);
        Assert.Null(page.QuerySelector("form.declare-no-conflict"));
        Assert.Contains("Bí mật kinh doanh của đơn vị.", page.QuerySelector("dd[data-field='summary']")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form.score-sheet input[name='scores[novelty]'][max='40']"));
        Assert.NotNull(page.QuerySelector("form.score-sheet input[name='scores[feasibility]'][max='60']"));
        Assert.NotNull(await site.QueryAsync(db => db.Reviews.Where(r => r.ApplicationId == application.Id).Select(r => r.NoConflictDeclaredUtc).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_withdraw_the_reviewer_when_they_declare_a_conflict(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var (email, password) = await site.CreateAccountAsync("Reviewer");
        await AssignAsync(site, application.Id, email);
        using var reviewer = await site.CreateSignedInBrowserAsync(email, password);

        var page = await Forms.GetAsync(reviewer, $"/reviews/{application.Id}");
        using (var withdrawn = await Forms.SubmitAsync(reviewer, page, "form.declare-conflict", []))
        {
            Assert.Equal("/reviews", Forms.Location(withdrawn));
        }

        var list = await Forms.GetAsync(reviewer, "/reviews");
        Assert.Equal(Texts.Vi("You declared a conflict of interest and no longer review this application."), list.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Null(list.QuerySelector($"li[data-id='{application.Id}']"));
        using var gone = await reviewer.GetAsync(new Uri($"/reviews/{application.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(await site.QueryAsync(db => db.Reviews.AnyAsync(r => r.ApplicationId == application.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_record_the_score_and_consolidate_it_when_the_reviewer_submits_the_sheet_on_the_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var (email, password) = await site.CreateAccountAsync("Reviewer");
        await AssignAsync(site, application.Id, email);

        // Staff pass screening with the workflow's button on the application page; review starts with the reviewer assigned.
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var adminUrl = $"/admin/applications/{application.Id}";
        var admin = await Forms.GetAsync(staff, adminUrl);
        using (var passed = await Forms.SubmitAsync(staff, admin, "form.workflow-action[data-action='screening-pass']", [new("comment", "")]))
        {
            Assert.Equal(adminUrl, Forms.Location(passed));
        }

        Assert.Equal("in-review", await site.QueryAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.Status).SingleAsync()));

        using var reviewer = await site.CreateSignedInBrowserAsync(email, password);
        var url = $"/reviews/{application.Id}";
        var page = await Forms.GetAsync(reviewer, url);
        using (var declared = await Forms.SubmitAsync(reviewer, page, "form.declare-no-conflict", []))
        {
            Assert.Equal(url, Forms.Location(declared));
        }

        // A score above the criterion's maximum is refused with the rubric's message, and nothing is saved.
        page = await Forms.GetAsync(reviewer, url);
        using (var tooHigh = await Forms.SubmitAsync(reviewer, page, "form.score-sheet", [new("scores[novelty]", "45"), new("scores[feasibility]", "50"), new("comment", "Tốt")]))
        {
            Assert.Equal(HttpStatusCode.OK, tooHigh.StatusCode);
            var shown = await Forms.ParseAsync(tooHigh);
            Assert.Contains(Texts.Vi("The score must be a whole number from 0 to {0}, not {1}.", 40, 45), shown.QuerySelector("form.score-sheet")?.TextContent, StringComparison.Ordinal);
            Assert.Equal("45", shown.QuerySelector("input[name='scores[novelty]']")?.GetAttribute("value"));
        }

        Assert.Null(await site.QueryAsync(db => db.Reviews.Where(r => r.ApplicationId == application.Id).Select(r => r.SubmittedUtc).SingleAsync()));

        using (var scored = await Forms.SubmitAsync(reviewer, page, "form.score-sheet", [new("scores[novelty]", "30"), new("scores[feasibility]", "50"), new("comment", "Khả thi, có thị trường.")]))
        {
            Assert.Equal(url, Forms.Location(scored));
        }

        page = await Forms.GetAsync(reviewer, url);
        Assert.Equal(Texts.Vi("Your score sheet was submitted. Thank you."), page.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("form.score-sheet"));
        Assert.Equal(Texts.Vi("{0} of {1}", 30, 40), page.QuerySelector("dd[data-criterion='novelty']")?.TextContent.Trim());

        // The only sheet is in: 80 on 100 reaches the pass mark of 50, and the application waits for the leader.
        Assert.Equal("awaiting-decision", await site.QueryAsync(db => db.Applications.Where(a => a.Id == application.Id).Select(a => a.Status).SingleAsync()));
        admin = await Forms.GetAsync(staff, adminUrl);
        Assert.Equal("80,00", admin.QuerySelector($"table.sheets tr[data-reviewer='{email}'] td.total")?.TextContent.Trim());
        Assert.Equal("80,00", admin.QuerySelector("dd.mean")?.TextContent.Trim());
        Assert.Equal("50", admin.QuerySelector("dd.pass-mark")?.TextContent.Trim());
        Assert.Equal("Passed", admin.QuerySelector("dd.verdict")?.GetAttribute("data-outcome"));

        using var leader = await site.CreateBrowserUserAsync("Leader");
        var decision = await Forms.GetAsync(leader, adminUrl);
        Assert.Equal($"/admin/applications/{application.Id}/decision", decision.QuerySelector("section.workflow-panel p.workflow-page a")?.GetAttribute("href"));
    }

    private static async Task AssignAsync(SiteFactory site, string applicationId, string email)
    {
        using var staff = await site.CreateUserAsync("Staff");
        using var response = await staff.PostAsJsonAsync($"/api/applications/{applicationId}/reviewers", new { reviewers = new[] { email } });
        await Json.ReadAsync(response);
    }
}
