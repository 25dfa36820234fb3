using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Cohorts;

/// <summary>A startup's own incubation page (/my/incubation) and the cohort's summary on its owner's organisation page.</summary>
public sealed class IncubationPageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_owner_their_cohort_and_let_them_report_a_milestone_with_evidence_but_not_waive_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var created = await applicant.Api.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Mật ong {Guid.NewGuid():N}", summary = "Mật ong", sectors = new[] { "industry" }, locality = "cao-bang" });
        var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");

        // Before any cohort: the page says so, and the organisation page has no cohort summary.
        var page = await Forms.GetAsync(applicant.Browser, "/my/incubation");
        Assert.NotNull(page.QuerySelector($"#org-{organisation}"));
        Assert.Null(page.QuerySelector($"#org-{organisation} section.cohort"));
        Assert.Null((await Forms.GetAsync(applicant.Browser, $"/my/organisations/{organisation}")).QuerySelector("#owner-cohort"));

        using var staff = await site.CreateUserAsync(Incubator.Web.Features.Account.Roles.Staff);
        var key = $"i-{Guid.NewGuid():N}"[..14];
        using (var cohort = await staff.PostAsJsonAsync("/api/cohorts", new
        {
            key, name = new { vi = "Khoá mật ong", en = "Honey cohort" }, startsOn = "2026-01-01", endsOn = "2035-12-31", cadence = "quarterly",
            milestones = new[]
            {
                new { key = "canvas", title = new { vi = "Mô hình kinh doanh", en = "Business model" }, dueOn = "2026-02-28" },
                new { key = "mvp", title = new { vi = "Sản phẩm mẫu", en = "Prototype" }, dueOn = "2035-04-30" },
            },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, cohort.StatusCode);
        }

        (await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = organisation })).Dispose();
        using (var waived = await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{organisation}/milestones/mvp", new { status = "waived", reason = "Đã có sản phẩm" }))
        {
            Assert.Equal(HttpStatusCode.OK, waived.StatusCode);
        }

        // The profile page sums it up and links here.
        var profile = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{organisation}");
        Assert.Contains("Khoá mật ong", profile.QuerySelector("#owner-cohort")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.Vi("{0} of {1} milestones done", 1, 2), profile.QuerySelector("#owner-cohort")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/my/incubation#org-{organisation}", profile.QuerySelector("#owner-cohort a")?.GetAttribute("href"));

        page = await Forms.GetAsync(applicant.Browser, "/my/incubation");
        var canvas = $"#org-{organisation} section.cohort[data-cohort='{key}'] li[data-milestone='canvas']";
        Assert.NotNull(page.QuerySelector($"{canvas} .badge.warning")); // overdue
        Assert.Null(page.QuerySelector($"#org-{organisation} li[data-milestone='mvp'] form")); // waived: staff's to change
        Assert.Empty(page.QuerySelectorAll($"{canvas} option[value='waived']"));

        // "Done" needs evidence: refused beside the field, nothing saved.
        using (var bare = await Forms.FillAndSubmitAsync(applicant.Browser, page, $"{canvas} form", new Dictionary<string, string[]> { ["Status"] = ["done"], ["Evidence"] = [""] }))
        {
            Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
            var again = await Forms.ParseAsync(bare);
            Assert.Equal(Texts.Vi("Say what shows the milestone is done (a link, a document's name, a figure)."), again.QuerySelector($"{canvas} .field-error:not(:empty)")?.TextContent.Trim());
        }

        Assert.False(await site.QueryAsync(db => db.Set<MemberMilestone>().AnyAsync(m => m.MilestoneKey == "canvas" && m.Status == MilestoneStatus.Done && db.Set<CohortMember>().Any(c => c.Id == m.MemberId && c.OrganisationId == organisation))));

        // A forged "waived" is refused too.
        using (var forged = await Forms.FillAndSubmitAsync(applicant.Browser, page, $"{canvas} form", new Dictionary<string, string[]> { ["Status"] = ["waived"] }))
        {
            Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        }

        using (var done = await Forms.FillAndSubmitAsync(applicant.Browser, page, $"{canvas} form", new Dictionary<string, string[]> { ["Status"] = ["done"], ["Evidence"] = ["https://example.vn/canvas.pdf"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        page = await Forms.GetAsync(applicant.Browser, "/my/incubation");
        Assert.Equal(Texts.Vi("The milestone is saved."), page.QuerySelector("#incubation-status")?.TextContent.Trim());
        Assert.Equal("https://example.vn/canvas.pdf", page.QuerySelector($"{canvas} .evidence")?.TextContent.Trim());
        Assert.Null(page.QuerySelector($"{canvas} .badge.warning"));

        // Another user cannot post to it.
        using var stranger = await site.CreateApplicantWithBrowserAsync();
        var theirs = await Forms.GetAsync(stranger.Browser, "/my/incubation");
        Assert.Null(theirs.QuerySelector($"#org-{organisation}"));
        using var token = await stranger.Browser.GetAsync(new Uri("/my/incubation", UriKind.Relative));
        var tokenPage = await Forms.ParseAsync(token);
        var antiforgery = tokenPage.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        Assert.NotNull(antiforgery); // the layout's sign-out form carries one
        using var refused = await stranger.Browser.PostAsync(
            new Uri($"/my/incubation?handler=Milestone&organisationId={organisation}&cohort={key}&milestone=canvas", UriKind.Relative),
            new FormUrlEncodedContent([new("Status", "notStarted"), new("__RequestVerificationToken", antiforgery)]));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
