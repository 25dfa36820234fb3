using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Mailings;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.CheckIns;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.CheckIns;

/// <summary>
/// The check-in pages: the owner's form (prefilled from the last report, refusing a bad value beside its field and
/// saving nothing) with the organisation's trends as SVG charts; the staff's cohort page (totals per period,
/// sparklines, late members, CSV) and one organisation's page.
/// </summary>
public sealed class CheckInPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_prefill_the_owners_form_refuse_a_bad_value_beside_its_field_and_chart_the_reports(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var owner = await site.CreateApplicantWithBrowserAsync();
        var ownerId = await site.QueryAsync(db => db.Users.Where(u => u.Email == owner.Email).Select(u => u.Id).SingleAsync());
        var organisation = await MailingTests.OrganisationAsync(site, new Startup { Title = "Chè Shan tuyết", OwnerId = ownerId }, null);
        var path = $"/my/organisations/{organisation}/checkins";

        var empty = await Forms.GetAsync(owner.Browser, path);
        Assert.NotNull(empty.QuerySelector("#checkin-form"));
        Assert.Null(empty.QuerySelector("#trends svg"));
        var period = ((IHtmlInputElement)empty.QuerySelector("#Form_Period")!).Value;
        Assert.Matches("^20[0-9]{2}-Q[1-4]$", period);

        var values = new Dictionary<string, string[]>
        {
            ["Form.Revenue"] = ["250000000"], ["Form.Employees"] = ["6"], ["Form.WomenEmployees"] = ["3"], ["Form.NewJobs"] = ["2.5"], ["Form.FundingGrant"] = ["0"],
            ["Form.FundingEquity"] = ["-5"], ["Form.FundingLoan"] = ["0"], ["Form.Customers"] = ["40"], ["Form.ProductsLaunched"] = ["1"], ["Form.IpFilings"] = ["1"],
            ["Form.IpGranted"] = ["0"], ["Form.Exports"] = ["0"], ["Form.Comment"] = ["=HYPERLINK(\"x\")"],
        };
        using (var bad = await Forms.FillAndSubmitAsync(owner.Browser, empty, "#checkin-form", values))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var page = await Forms.ParseAsync(bad);
            Assert.Equal(Texts.Vi("Enter a whole number, without dots or commas."), page.QuerySelector("#Form_NewJobs-error")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Cannot be negative."), page.QuerySelector("#Form_FundingEquity-error")?.TextContent.Trim());
            Assert.Equal("true", page.QuerySelector("#Form_NewJobs")?.GetAttribute("aria-invalid"));
            Assert.Equal("250000000", ((IHtmlInputElement)page.QuerySelector("#Form_Revenue")!).Value);
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Set<CheckIn>().CountAsync(c => c.OrganisationId == organisation)));

        values["Form.NewJobs"] = ["2"];
        values["Form.FundingEquity"] = ["500000000"];
        using (var good = await Forms.FillAndSubmitAsync(owner.Browser, empty, "#checkin-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }

        // The next visit offers the current period, prefilled from the report just made, and charts it.
        var filled = await Forms.GetAsync(owner.Browser, path);
        Assert.Contains(Texts.Vi("Your report for {0} is saved.", period), filled.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(period, ((IHtmlInputElement)filled.QuerySelector("#Form_Period")!).Value);
        Assert.Equal("250000000", ((IHtmlInputElement)filled.QuerySelector("#Form_Revenue")!).Value);
        var chart = filled.QuerySelector("#trend-revenue svg[role=img]");
        Assert.NotNull(chart);
        Assert.False(string.IsNullOrWhiteSpace(chart.QuerySelector("title")?.TextContent));
        Assert.Equal(period, filled.QuerySelector("#trend-revenue details tbody th[scope=row]")?.TextContent);

        // The owner's organisation page sums it up and links to the check-ins.
        var profile = await Forms.GetAsync(owner.Browser, $"/my/organisations/{organisation}");
        Assert.Equal(path, profile.QuerySelector("#owner-checkins a")?.GetAttribute("href"));
        Assert.Contains(period, profile.QuerySelector("#owner-checkins")?.TextContent, StringComparison.Ordinal);

        // The person's download names the report they filed.
        var personal = await Forms.GetAsync(owner.Browser, "/account/personal-data");
        using (var download = await Forms.SubmitAsync(owner.Browser, personal, "#download-form", []))
        {
            using var json = System.Text.Json.JsonDocument.Parse(await download.Content.ReadAsStringAsync());
            var filed = json.RootElement.GetProperty("checkins").GetProperty("filed");
            Assert.Equal((organisation, period), (filed[0].GetProperty("organisationId").GetString(), filed[0].GetProperty("period").GetString()));
        }

        // Someone else's organisation is not found.
        using var stranger = await site.CreateApplicantWithBrowserAsync();
        using (var other = await stranger.Browser.GetAsync(new Uri(path, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_staff_the_cohorts_totals_each_members_trends_the_late_ones_and_a_csv(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var (a, first) = await CheckInTests.OwnedAsync(site, "Nấm Hà Quảng");
        var (b, second) = await CheckInTests.OwnedAsync(site, "Mận Bảo Lâm");
        using (a)
        using (b)
        {
            var key = await CheckInTests.JoinAsync(staffApi, first, "quarterly");
            (await staffApi.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = second })).Dispose();
            await site.QueryAsync(db => db.Set<CohortMember>().Where(m => m.OrganisationId == first || m.OrganisationId == second)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.JoinedOn, new DateOnly(2025, 1, 1))));
            (await a.PostAsJsonAsync($"/api/organisations/{first}/checkins", CheckInTests.Body("2025-Q3", revenue: 100, newJobs: 2, comment: "=1+1"))).Dispose();
            (await b.PostAsJsonAsync($"/api/organisations/{second}/checkins", CheckInTests.Body("2025-Q3", revenue: 50, newJobs: 3))).Dispose();
            (await a.PostAsJsonAsync($"/api/organisations/{first}/checkins", CheckInTests.Body("2025-Q2", revenue: 80, newJobs: 1))).Dispose();

            var cohortPage = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
            Assert.Equal($"/admin/cohorts/{key}/checkins", cohortPage.QuerySelector("#cohort-links a")?.GetAttribute("href"));

            var page = await Forms.GetAsync(staff, $"/admin/cohorts/{key}/checkins");
            Assert.Equal("150", page.QuerySelector("#totals-table tr[data-period='2025-Q3'] td[data-metric=revenue]")?.TextContent);
            Assert.Equal("5", page.QuerySelector("#totals-table tr[data-period='2025-Q3'] td[data-metric=newJobs]")?.TextContent);
            Assert.Equal("80", page.QuerySelector("#totals-table tr[data-period='2025-Q2'] td[data-metric=revenue]")?.TextContent);
            Assert.NotNull(page.QuerySelector($"#members-table tr[data-member='{first}'] svg[role=img] title"));

            // Both joined before the period now due ended and neither reported it: both are late.
            Assert.Equal(2, page.QuerySelectorAll("#members-table [data-late=true]").Length);

            using var csv = await staff.GetAsync(new Uri($"/admin/cohorts/{key}/checkins?handler=Csv", UriKind.Relative));
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var text = Encoding.UTF8.GetString(bytes[3..]);
            Assert.Contains("Nấm Hà Quảng,2025-Q3,100,", text, StringComparison.Ordinal);
            Assert.Contains(",'=1+1,", text, StringComparison.Ordinal);
            Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

            var show = await Forms.GetAsync(staff, $"/admin/organisations/{first}");
            Assert.Equal($"/admin/organisations/{first}/checkins", show.QuerySelector("#checkins-section a")?.GetAttribute("href"));

            var one = await Forms.GetAsync(staff, $"/admin/organisations/{first}/checkins");
            Assert.Equal(["2025-Q3", "2025-Q2"], one.QuerySelectorAll("#reports-table tbody th").Select(t => t.TextContent));
            Assert.NotNull(one.QuerySelector("#trend-newJobs svg title"));

            using var applicant = await site.CreateApplicantWithBrowserAsync();
            using var refused = await applicant.Browser.GetAsync(new Uri($"/admin/cohorts/{key}/checkins", UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }
    }
}
