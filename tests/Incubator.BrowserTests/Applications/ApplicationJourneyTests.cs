using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Applications;

/// <summary>
/// One application from registration to a funded and reported project, in Chromium: an applicant, a staff member,
/// three reviewers and a leader, each in a browser of their own, through the site's pages only.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class ApplicationJourneyTests(BrowserFixture browser)
{
    private const string Password = "Journey-Password-1";

    [Fact]
    public async Task Should_fund_and_close_an_application_when_it_goes_from_registration_through_review_decision_and_final_report()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var staffEmail = await browser.CreateAccountAsync("Staff", Password);
        var leaderEmail = await browser.CreateAccountAsync("Leader", Password);
        var reviewerEmails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            reviewerEmails.Add(await browser.CreateAccountAsync("Reviewer", Password));
        }

        var programmeKey = "journey-" + suffix;
        await CreateProgrammeAsync(staffEmail, programmeKey);

        // The applicant registers, creates the startup's profile and applies from the programme's page.
        await using var applicantContext = await browser.NewContextAsync();
        var applicant = await applicantContext.NewPageAsync();
        await browser.RegisterAsync(applicant, "Trần Văn Minh", $"minh-{suffix}@browser.test", Password);
        await applicant.ClickAsync("main a[href='/my/organisations/new/startup']");
        var organisation = $"Hợp tác xã Chè Sạch {suffix}";
        await applicant.FillAsync("#f-Title", organisation);
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);
        await applicant.FillAsync("#f-Summary", "Chế biến chè sạch theo chuỗi giá trị.");
        await applicant.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(applicant.Locator("main h1")).ToHaveTextAsync(organisation);
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);

        await applicant.GotoAsync("/programmes");
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);
        await applicant.ClickAsync($"main a[href='/programmes/{programmeKey}']");
        await applicant.ClickAsync("#apply-form button[type=submit]");
        await Expect(applicant).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}$"));
        var applicationId = applicant.Url[(applicant.Url.LastIndexOf('/') + 1)..];

        await applicant.FillAsync("#f-summary", "Nhà xưởng chế biến chè đạt chuẩn VietGAP cho 40 hộ.");
        await applicant.SelectOptionAsync("#f-field", "agri");
        await applicant.FillAsync("#f-employees", "12");
        await applicant.SetInputFilesAsync("#f-plan", new FilePayload { Name = "Kế hoạch kinh doanh.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await applicant.FillAsync("#f-requestedAmount", "250000000");
        await applicant.ClickAsync("#save-draft");
        await Expect(applicant.Locator("#message")).ToHaveTextAsync(browser.Text("Saved."));
        await Expect(applicant.Locator("#attachments-plan li")).ToHaveCountAsync(1);
        await applicant.ClickAsync("#continue-application");
        await Expect(applicant).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}/check$"));
        await applicant.ClickAsync("#submit-application");
        await Expect(applicant.Locator("#application-status")).ToHaveTextAsync(browser.Text("Submitted, to screen"));
        await BrowserFixture.ScreenshotAsync(applicant, "submitted");
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);

        // Staff assign three reviewers by e-mail and pass screening.
        var staff = await browser.SignInAsync(staffEmail, Password);
        await staff.GotoAsync($"/admin/applications/{applicationId}");
        await Accessibility.AssertNoSeriousViolationsAsync(staff);
        await staff.FillAsync("#reviewer-emails", string.Join(", ", reviewerEmails));
        await staff.ClickAsync("form.assign-by-email button[type=submit]");
        await Expect(staff.Locator("main [role=status]")).ToBeVisibleAsync();
        await staff.ClickAsync("form.workflow-action[data-action='screening-pass'] button[type=submit]");
        await Expect(staff.Locator("main [role=status]")).ToBeVisibleAsync();
        await Expect(staff.Locator("form.workflow-action[data-action='screening-pass']")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(staff);

        // Each reviewer declares no conflict, then scores: 80, 78 and 76 out of 100.
        var scores = new[] { ("32", "48"), ("30", "48"), ("30", "46") };
        for (var i = 0; i < 3; i++)
        {
            var reviewer = await browser.SignInAsync(reviewerEmails[i], Password);
            await reviewer.GotoAsync("/reviews");
            await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
            await reviewer.ClickAsync($"main a[href='/reviews/{applicationId}']");
            await Expect(reviewer.Locator("form.score-sheet")).ToHaveCountAsync(0);
            await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
            await reviewer.ClickAsync("form.declare-no-conflict button[type=submit]");
            await reviewer.FillAsync("#score-novelty", scores[i].Item1);
            await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
            await reviewer.FillAsync("#score-feasibility", scores[i].Item2);
            await reviewer.FillAsync("#comment", "Dự án khả thi, có thị trường đầu ra.");
            await reviewer.ClickAsync("form.score-sheet button[type=submit]");
            await Expect(reviewer.Locator(".submitted-sheet")).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
            await reviewer.Context.CloseAsync();
        }

        // The leader opens the decision page from the application page and approves with the decision's number,
        // date, amount and signer.
        var leader = await browser.SignInAsync(leaderEmail, Password);
        await leader.GotoAsync($"/admin/applications/{applicationId}");
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await leader.ClickAsync("section.workflow-panel p.workflow-page a");
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await leader.FillAsync("#decision-decisionNumber", "125/QĐ-SKHCN");
        // A decision is dated neither in the future nor before the submission: today, in Vietnam.
        await leader.FillAsync("#decision-decisionDate", Incubator.Core.Time.VietnamTime.FormatDate(DateTime.UtcNow));
        await leader.FillAsync("#decision-approvedAmount", "250.000.000");
        await leader.FillAsync("#decision-signerName", "Trần Thị Bình");
        await leader.FillAsync("#decision-signerTitle", "Giám đốc");
        await leader.ClickAsync("form.approve button[type=submit]");
        await Expect(leader.Locator("main [role=status]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(leader, "approved");
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await leader.Context.CloseAsync();

        // Staff plan the first disbursement.
        await staff.ReloadAsync();
        await staff.FillAsync("#m-title", "Đợt 1");
        await staff.FillAsync("#m-amount", "150000000");
        await staff.FillAsync("#m-due", "2026-07-01");
        await staff.ClickAsync("form.add-milestone button[type=submit]");
        await Expect(staff.Locator("main [role=status]")).ToBeVisibleAsync();

        // The applicant sees the decision and sends the final report.
        await applicant.ReloadAsync();
        await Expect(applicant.Locator("#decision-number")).ToHaveTextAsync("125/QĐ-SKHCN");
        await Expect(applicant.Locator("#approved-amount")).ToHaveTextAsync("250.000.000 ₫");
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);
        await applicant.CheckAsync($"#report-form input[name=kind][value=final]");
        await applicant.FillAsync("#report-text", "Nhà xưởng đã vận hành, 40 hộ tham gia chuỗi.");
        await applicant.CheckAsync("#report-applied input[value=yes]");
        await applicant.ClickAsync("#report-form button[type=submit]");
        await Expect(applicant.Locator("#reports li")).ToHaveCountAsync(1);

        // Staff accept the report, which closes the application.
        await staff.ReloadAsync();
        await staff.ClickAsync("form.workflow-action[data-action='accept-report'] button[type=submit]");
        await Expect(staff.Locator("main [role=status]")).ToBeVisibleAsync();
        await applicant.ReloadAsync();
        await Expect(applicant.Locator("#application-status")).ToHaveTextAsync(browser.Text("Closed"));
        await BrowserFixture.ScreenshotAsync(applicant, "closed");
        await Accessibility.AssertNoSeriousViolationsAsync(applicant);

        // Everyone can see the approved support.
        await using var visitorContext = await browser.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/support/approved");
        await Expect(visitor.Locator("table.approved tbody tr").Filter(new() { HasText = organisation })).ToContainTextAsync("250.000.000 ₫");
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);
        await staff.Context.CloseAsync();
    }

    private async Task CreateProgrammeAsync(string staffEmail, string key)
    {
        using var client = await browser.ApiClientAsync(staffEmail, Password);

        var definition = new
        {
            key,
            name = new { vi = "Hỗ trợ khởi nghiệp đổi mới sáng tạo " + key, en = "Innovative startup support " + key },
            legalBasis = "Kế hoạch 62/KH-UBND ngày 11/01/2024",
            supportType = "innovative-startup",
            eligibleKinds = new[] { "startup" },
            rounds = new[] { new { key = "2026-1", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(30) } },
            budget = 2_000_000_000L,
            maxPerApplication = 300_000_000L,
            coFundingShare = 0.3m,
            form = new object[]
            {
                new { key = "summary", type = "longtext", label = new { vi = "Tóm tắt dự án", en = "Project summary" }, required = true },
                new { key = "employees", type = "number", label = new { vi = "Số lao động" } },
                new
                {
                    key = "field", type = "choice", label = new { vi = "Lĩnh vực" }, required = true,
                    options = new[] { new { value = "agri", label = new { vi = "Nông nghiệp" } }, new { value = "it", label = new { vi = "Công nghệ thông tin" } } },
                },
                new { key = "plan", type = "file", label = new { vi = "Kế hoạch kinh doanh" }, required = true },
            },
            rubric = new
            {
                passMark = 70,
                criteria = new[] { new { key = "novelty", label = new { vi = "Tính mới" }, maxPoints = 40 }, new { key = "feasibility", label = new { vi = "Tính khả thi" }, maxPoints = 60 } },
            },
            workflow = "support-approval",
        };
        (await client.PostAsJsonAsync("/api/programmes", definition)).EnsureSuccessStatusCode();
    }
}
