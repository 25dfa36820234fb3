using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Reviews;

/// <summary>
/// The leader decides only on the decision page, after its evidence: the application page offers a link there instead
/// of the workflow's approve and refuse buttons, and the buttons' handler refuses those outcomes posted to it.
/// </summary>
public sealed class DecisionOnItsPageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_link_to_the_decision_page_and_refuse_a_generic_approval_when_the_application_waits_for_a_decision(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("decide-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, id) = await Council.AwaitingDecisionAsync(site, staff, programme, 200_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var url = $"/admin/applications/{id}";

        var page = await Forms.GetAsync(leader, url);
        Assert.Empty(page.QuerySelectorAll("section.workflow-panel form.workflow-action"));
        var link = page.QuerySelector("section.workflow-panel p.workflow-page a");
        Assert.Equal($"/admin/applications/{id}/decision", link?.GetAttribute("href"));
        Assert.Equal("Mở trang quyết định", link?.TextContent.Trim());
        Assert.Equal("Open the decision page", (await Forms.GetAsync(leader, url + "?culture=en-GB&ui-culture=en-GB")).QuerySelector("section.workflow-panel p.workflow-page a")?.TextContent.Trim());

        // Posted straight to the buttons' handler with the workflow's own data, approval and refusal are refused.
        var version = (await Json.GetAsync(applicant, $"/api/items/{id}/workflow")).GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var decision = await Forms.GetAsync(leader, url + "/decision");
        var token = decision.QuerySelector("form.approve input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        foreach (var (outcome, data) in new[]
                 {
                     ("approve", new KeyValuePair<string, string>[] { new("data[decisionNumber]", "125/QĐ-SKHCN"), new("data[decisionDate]", ProgrammeData.Today(site)), new("data[approvedAmount]", "200000000") }),
                     ("reject", []),
                 })
        {
            using var content = new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("id", id), new("outcome", outcome), new("version", version), new("comment", "Không đủ điều kiện."), new("returnUrl", url), .. data]);
            using var response = await leader.PostAsync(new Uri("/admin/workflows/act", UriKind.Relative), content);
            Assert.Equal(url, Forms.Location(response));
            var after = await Forms.GetAsync(leader, url);
            Assert.Equal("Thao tác này được thực hiện trên trang riêng: Mở trang quyết định.", after.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());
        }

        var stored = await site.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(("awaiting-decision", null, null), (stored.Status, stored.DecisionNumber, stored.ApprovedAmount));
        Assert.Equal(0, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).FirstOrDefaultAsync()));

        // The decision page still decides.
        using var approved = await DecisionPageTests.ApproveAsync(leader, id, "200.000.000", Incubator.Core.Time.VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(url, Forms.Location(approved));
        Assert.Equal("funded", await site.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        applicant.Dispose();
    }
}
