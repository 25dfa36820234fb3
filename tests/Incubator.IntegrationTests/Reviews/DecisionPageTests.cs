using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Reviews;

/// <summary>
/// The leader's decision page: the evidence first (scores per criterion and reviewer, sheets set aside and why, the
/// ranking, the money), then the decision form and its rules on the amount, the date and the reason for a refusal.
/// </summary>
public sealed class DecisionPageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_scores_per_criterion_and_reviewer_the_ranking_and_the_money_before_the_form_when_a_leader_opens_the_decision_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("evidence-" + Guid.NewGuid().ToString("N")[..8]));
        var (better, _, betterId) = await ProgrammeData.DraftAsync(site, programme, 200_000_000);
        await ProgrammeData.SubmitAsync(better, betterId);
        await Council.ScoreAsync(site, staff, betterId, (35, 55));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme, 250_000_000);
        await ProgrammeData.SubmitAsync(applicant, id);

        // Totals 80, 78 and 50: the 50 is more than 20% from the mean of all three (69,33) and set aside; the others pass.
        var reviewers = await Council.ScoreAsync(site, staff, id, (30, 50), (28, 50), (20, 30));
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);

        var page = await Forms.GetAsync(leader, $"/admin/applications/{id}/decision");

        var rows = page.QuerySelectorAll("table.scores tbody tr").ToList();
        Assert.Equal(reviewers, rows.Select(r => r.GetAttribute("data-reviewer") ?? string.Empty));
        Assert.Equal(["30", "50", "80,00"], Cells(rows[0], "td[data-criterion='novelty'], td[data-criterion='feasibility'], td.total"));
        Assert.Equal([false, false, true], rows.Select(r => r.ClassList.Contains("set-aside")));
        Assert.Equal(Texts.Vi("Its total is more than {0}% away from the mean of all sheets ({1}).", "20", "69,33"), rows[2].QuerySelector(".set-aside-reason")?.TextContent.Trim());
        Assert.Equal(["29,00", "50,00", "79,00"], Cells(page.QuerySelector("table.scores tfoot tr")!, "td[data-criterion='novelty'], td[data-criterion='feasibility'], td.mean"));
        Assert.Equal(Texts.Vi("Place {0} of the {1} passing applications of this programme.", 2, 2), page.QuerySelector("p.place")?.ChildNodes[0].TextContent.Trim());
        Assert.Equal(
            ["250.000.000 ₫", "300.000.000 ₫", "2.000.000.000 ₫", "0 ₫", "2.000.000.000 ₫"],
            Cells(page.QuerySelector("section.decision-money")!, "dd.requested, dd.cap, dd.budget, dd.committed, dd.remaining"));
        Assert.Equal("250.000.000", page.QuerySelector("#decision-approvedAmount")?.GetAttribute("value"));
        Assert.Equal(VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime), page.QuerySelector("#decision-decisionDate")?.GetAttribute("value"));
        var sections = page.QuerySelectorAll("section").Select(s => s.ClassName ?? string.Empty).ToList();
        Assert.True(
            sections.FindIndex(s => s.Contains("decision-scores", StringComparison.Ordinal)) < sections.FindIndex(s => s.Contains("decision-form", StringComparison.Ordinal))
            && sections.FindIndex(s => s.Contains("decision-money", StringComparison.Ordinal)) < sections.FindIndex(s => s.Contains("decision-form", StringComparison.Ordinal)),
            "The evidence comes before the decision form: " + string.Join(", ", sections));

        // The application page leads there; staff read the same evidence but are offered no decision.
        Assert.NotNull((await Forms.GetAsync(leader, $"/admin/applications/{id}")).QuerySelector($"section.decision-link a[href='/admin/applications/{id}/decision']"));
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        var asStaff = await Forms.GetAsync(staffBrowser, $"/admin/applications/{id}/decision");
        Assert.Equal(3, asStaff.QuerySelectorAll("table.scores tbody tr").Length);
        Assert.Null(asStaff.QuerySelector("section.decision-form"));
        applicant.Dispose();
        better.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_approve_with_the_typed_amount_date_and_signer_when_the_leader_fills_the_decision_form(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("approve-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, id) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var today = VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime);

        using var approved = await ApproveAsync(leader, id, "200.000.000", today, signerName: "Nguyễn Văn An", signerTitle: "Phó Giám đốc");

        Assert.Equal($"/admin/applications/{id}", Forms.Location(approved));
        var stored = await site.QueryAsync(db => db.Applications.SingleAsync(a => a.Id == id));
        Assert.Equal(("funded", "125/QĐ-SKHCN", today), (stored.Status, stored.DecisionNumber ?? "", stored.DecisionDate is { } date ? VietnamTime.FormatDate(date) : ""));
        Assert.Equal(200_000_000, stored.ApprovedAmount);
        Assert.Equal(("Nguyễn Văn An", "Phó Giám đốc"), (stored.SignerName ?? "", stored.SignerTitle ?? ""));
        var decision = (await Json.GetAsync(applicant, $"/api/applications/{id}")).GetProperty("decision");
        Assert.Equal(("Nguyễn Văn An", "Phó Giám đốc"), (decision.Text("signerName"), decision.Text("signerTitle")));
        Assert.Equal(200_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
        var show = await Forms.GetAsync(leader, $"/admin/applications/{id}");
        Assert.Equal(Texts.Vi("Signed by: {0}", "Nguyễn Văn An, Phó Giám đốc"), show.QuerySelector("section.decision-link p.signer")?.TextContent.Trim());
        Assert.Equal("Nguyễn Văn An, Phó Giám đốc", (await Forms.GetAsync(leader, $"/admin/applications/{id}/decision")).QuerySelector("section.decision-taken dd.signer")?.TextContent.Trim());
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_an_amount_above_the_request_the_cap_or_the_remaining_budget_and_change_nothing(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var definition = ProgrammeData.Definition("amounts-" + Guid.NewGuid().ToString("N")[..8], budget: 400_000_000, maxPerApplication: 300_000_000);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, definition);
        var (applicant, id) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        var (other, otherId) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var today = VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime);

        // Another approval of the programme leaves 150.000.000 of its 400.000.000.
        using (var first = await ApproveAsync(leader, otherId, "250.000.000", today))
        {
            Assert.Equal($"/admin/applications/{otherId}", Forms.Location(first));
        }

        // Typed without dots, the amount comes back formatted.
        var aboveRequest = await RefusedAsync(site, leader, id, "250000001", today);
        Assert.Equal(Texts.Vi("The approved amount exceeds the requested amount."), FieldError(aboveRequest, "approvedAmount"));
        Assert.Equal("250.000.001", aboveRequest.QuerySelector("#decision-approvedAmount")?.GetAttribute("value"));

        var aboveBudget = await RefusedAsync(site, leader, id, "200.000.000", today);
        Assert.Equal(Texts.Vi("The programme's budget is spent: what remains does not cover this amount."), FieldError(aboveBudget, "approvedAmount"));
        Assert.Equal("150.000.000 ₫", aboveBudget.QuerySelector("dd.remaining")?.TextContent.Trim());

        // The programme's cap lowered after the application was made still binds the decision.
        definition["maxPerApplication"] = 100_000_000;
        using (var lowered = await staff.PutAsJsonAsync($"/api/programmes/{programme}", definition))
        {
            Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        }

        var aboveCap = await RefusedAsync(site, leader, id, "120.000.000", today);
        Assert.Equal(Texts.Vi("The approved amount exceeds the programme's maximum per application."), FieldError(aboveCap, "approvedAmount"));
        Assert.Equal(250_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));

        using (var taken = await ApproveAsync(leader, id, "100.000.000", today))
        {
            Assert.Equal($"/admin/applications/{id}", Forms.Location(taken));
        }

        Assert.Equal(350_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
        applicant.Dispose();
        other.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_decision_date_in_the_future_or_before_the_submission_on_the_page_and_over_the_api(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("dates-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, id) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(site.Clock.GetUtcNow().UtcDateTime));

        var future = await RefusedAsync(site, leader, id, "250.000.000", VietnamTime.FormatDate(today.AddDays(1)));
        Assert.Equal(Texts.Vi("The decision date cannot be in the future."), FieldError(future, "decisionDate"));
        var early = await RefusedAsync(site, leader, id, "250.000.000", VietnamTime.FormatDate(today.AddDays(-1)));
        Assert.Equal(Texts.Vi("The decision date cannot be before the application was submitted."), FieldError(early, "decisionDate"));
        var unreadable = await RefusedAsync(site, leader, id, "250.000.000", "31/02/2026");
        Assert.Equal(Texts.Vi("Give the decision date as dd/MM/yyyy."), FieldError(unreadable, "decisionDate"));

        using var api = await site.CreateUserAsync(Roles.Leader);
        var tomorrow = new { decisionNumber = "125/QĐ-SKHCN", decisionDate = VietnamTime.FormatIsoDate(today.AddDays(1)), approvedAmount = "250000000" };
        Assert.Equal(HttpStatusCode.BadRequest, await ProgrammeData.ActAsync(api, id, "approve", data: tomorrow));
        Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_refusal_without_its_reason_and_show_the_applicant_the_reason_given(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("refuse-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, id) = await Council.AwaitingDecisionAsync(site, staff, programme, 250_000_000);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);

        var page = await Forms.GetAsync(leader, $"/admin/applications/{id}/decision");
        using (var blank = await Forms.SubmitAsync(leader, page, "form.reject", [new("reason", "   ")]))
        {
            Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
            Assert.Equal(Texts.Vi("Say why the application is refused; the applicant reads it."), FieldError(await Forms.ParseAsync(blank), "reason"));
        }

        Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        const string reason = "Không phù hợp định hướng hỗ trợ năm nay";
        using (var refused = await Forms.SubmitAsync(leader, page, "form.reject", [new("reason", reason)]))
        {
            Assert.Equal($"/admin/applications/{id}", Forms.Location(refused));
        }

        Assert.Equal("rejected", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        var history = (await Json.GetAsync(applicant, $"/api/items/{id}/workflow")).GetProperty("history").EnumerateArray();
        Assert.Contains(history, h => h.Text("outcome") == "reject" && h.GetProperty("comment").GetString() == reason);
        applicant.Dispose();
    }

    internal static async Task<HttpResponseMessage> ApproveAsync(HttpClient leader, string id, string amount, string date, string signerName = "Trần Thị Bình", string signerTitle = "Giám đốc")
    {
        var page = await Forms.GetAsync(leader, $"/admin/applications/{id}/decision");
        return await Forms.SubmitAsync(leader, page, "form.approve", [
            new("approvedAmount", amount), new("decisionDate", date), new("decisionNumber", "125/QĐ-SKHCN"), new("signerName", signerName), new("signerTitle", signerTitle)]);
    }

    /// <summary>Posts an approval that must be refused: the page comes back with its errors and the application still waits.</summary>
    private static async Task<IDocument> RefusedAsync(SiteFactory site, HttpClient leader, string id, string amount, string date)
    {
        using var response = await ApproveAsync(leader, id, amount, date);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("awaiting-decision", await site.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        return await Forms.ParseAsync(response);
    }

    private static string? FieldError(IDocument page, string field) => page.QuerySelector($"#decision-{field}-error")?.TextContent.Trim();

    private static List<string> Cells(IElement scope, string selector) => [.. scope.QuerySelectorAll(selector).Select(c => c.TextContent.Trim())];
}
