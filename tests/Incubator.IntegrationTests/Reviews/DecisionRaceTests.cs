using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Reviews;

/// <summary>
/// Two leaders approving different applications of one programme at once: the ledger both write is updated again
/// inside the losing action, so both succeed when the budget covers both, and the loser is told the budget is spent
/// when it does not, never that someone acted first.
/// </summary>
public sealed class DecisionRaceTests
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_both_approvals_when_two_leaders_approve_at_once_and_the_budget_covers_both(DatabaseProvider provider)
    {
        var rival = new RivalApproval();
        using var site = new SiteFactory(provider, testServices: services => RivalApproval.Register(services, rival));
        var (programme, first, _) = await TwoAwaitingAsync(site, rival, budget: 600_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);

        using var approved = await DecisionPageTests.ApproveAsync(leader, first, "250.000.000", Today(site));

        Assert.Equal(WorkflowActionStatus.Ok, rival.Outcome);
        Assert.Equal($"/admin/applications/{first}", Forms.Location(approved));
        Assert.Equal(2, await site.QueryAsync(db => db.Applications.CountAsync(a => a.ProgrammeId == programme && a.Status == "funded")));
        Assert.Equal(500_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_both_approvals_over_the_api_when_two_leaders_approve_at_once_and_the_budget_covers_both(DatabaseProvider provider)
    {
        var rival = new RivalApproval();
        using var site = new SiteFactory(provider, testServices: services => RivalApproval.Register(services, rival));
        var (programme, first, _) = await TwoAwaitingAsync(site, rival, budget: 600_000_000);
        using var leader = await site.CreateUserAsync(Roles.Leader);

        var status = await ProgrammeData.ActAsync(leader, first, "approve", data: new { decisionNumber = "125/QĐ-SKHCN", decisionDate = ProgrammeData.Today(site), approvedAmount = "250000000" });

        Assert.Equal((WorkflowActionStatus.Ok, HttpStatusCode.OK), (rival.Outcome, status));
        Assert.Equal(2, await site.QueryAsync(db => db.Applications.CountAsync(a => a.ProgrammeId == programme && a.Status == "funded")));
        Assert.Equal(500_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_tell_the_loser_the_budget_is_spent_when_two_leaders_approve_at_once_and_the_budget_covers_one(DatabaseProvider provider)
    {
        var rival = new RivalApproval();
        using var site = new SiteFactory(provider, testServices: services => RivalApproval.Register(services, rival));
        var (programme, first, _) = await TwoAwaitingAsync(site, rival, budget: 400_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);

        using var refused = await DecisionPageTests.ApproveAsync(leader, first, "250.000.000", Today(site));

        Assert.Equal(WorkflowActionStatus.Ok, rival.Outcome);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Forms.ParseAsync(refused);
        Assert.Equal(Texts.Vi("The programme's budget is spent: what remains does not cover this amount."), page.QuerySelector("#decision-approvedAmount-error")?.TextContent.Trim());
        Assert.DoesNotContain(Texts.Vi("Someone acted on this item first; reload it and try again."), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("awaiting-decision", await site.QueryAsync(db => db.Applications.Where(a => a.Id == first).Select(a => a.Status).SingleAsync()));
        Assert.Equal(250_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
    }

    /// <summary>A programme with two applications awaiting the decision, and the rival set to approve the second during the first.</summary>
    private static async Task<(string Programme, string First, string Second)> TwoAwaitingAsync(SiteFactory site, RivalApproval rival, long budget)
    {
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("race-" + Guid.NewGuid().ToString("N")[..8], budget: budget));
        var (firstApplicant, first) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        var (secondApplicant, second) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        firstApplicant.Dispose();
        secondApplicant.Dispose();
        var (email, _) = await site.CreateAccountAsync(Roles.Leader);
        rival.First = first;
        rival.Second = second;
        rival.LeaderId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        rival.Decision = new Dictionary<string, string> { ["decisionNumber"] = "126/QĐ-SKHCN", ["decisionDate"] = ProgrammeData.Today(site), ["approvedAmount"] = "250000000" };
        return (programme, first, second);
    }

    private static string Today(SiteFactory site) => Incubator.Core.Time.VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime);
}
