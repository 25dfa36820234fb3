using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Incubator.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Programmes;

/// <summary>
/// Issue 16's day, in Chromium and through the pages alone (no JSON, no API call by anyone in the journey): an officer
/// builds a programme, a founder applies on a phone, the officer asks for information by ticking a field, three
/// reviewers score, and the leader approves from the decision page; the founder's e-mail carries the decision.
/// The accounts are created beforehand, as the other journeys create theirs.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class ProgrammeJourneyTests(BrowserFixture browser)
{
    private const string Password = "Journey-Password-1";
    private const string Builder = "#programme-builder";

    [Fact]
    public async Task Should_fund_the_application_and_e_mail_the_decision_when_a_programme_is_built_applied_to_screened_scored_and_approved_in_the_pages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var staffEmail = await browser.CreateAccountAsync("Staff", Password);
        var leaderEmail = await browser.CreateAccountAsync("Leader", Password);
        var reviewerEmails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            reviewerEmails.Add(await browser.CreateAccountAsync("Reviewer", Password));
        }

        var founderEmail = await CreateFounderWithStartupAsync(suffix);

        // The officer builds the programme: six field types and a two-criterion rubric, then publishes it.
        var officer = await browser.SignInAsync(staffEmail, Password);
        await officer.GotoAsync("/admin/programmes/new");
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        var fields = officer.Locator($"{Builder} fieldset[data-row='field']");
        foreach (var type in new[] { "text", "money", "date", "choice", "file" })
        {
            var count = await fields.CountAsync();
            await officer.SelectOptionAsync("#new-field-type", type);
            await officer.ClickAsync($"{Builder} button[value='add-field']");
            await Expect(fields).ToHaveCountAsync(count + 1);
        }

        await officer.ClickAsync($"{Builder} button[value='add-criterion']");
        await Expect(officer.Locator($"{Builder} fieldset[data-row='criterion']")).ToHaveCountAsync(2);

        var key = "hanh-trinh-" + suffix;
        var now = VietnamTime.ToLocal(DateTime.UtcNow);
        await FillAsync(officer, "name.vi", "Hỗ trợ khởi nghiệp đổi mới sáng tạo " + suffix);
        await FillAsync(officer, "name.en", "Innovative startup support " + suffix);
        await FillAsync(officer, "key", key);
        await FillAsync(officer, "legalBasis", "Kế hoạch 62/KH-UBND ngày 11/01/2024");
        await officer.SelectOptionAsync($"{Builder} [name='supportType']", "innovative-startup");
        await FillAsync(officer, "rounds[0].name.vi", "Đợt 1 năm 2027");
        await FillAsync(officer, "rounds[0].name.en", "Round 1, 2027");
        await FillAsync(officer, "rounds[0].opensAt", now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await FillAsync(officer, "rounds[0].closesAt", now.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await FillAsync(officer, "budget", "5.000.000.000");
        await FillAsync(officer, "maxPerApplication", "1.500.000.000");
        await FillAsync(officer, "coFundingShare", "30");
        await FillAsync(officer, "form[0].label.vi", "Tóm tắt dự án");
        await FillAsync(officer, "form[1].label.vi", "Tên sản phẩm");
        await officer.CheckAsync($"{Builder} [name='form[1].required']");
        await FillAsync(officer, "form[2].label.vi", "Vốn đối ứng");
        await FillAsync(officer, "form[3].label.vi", "Ngày bắt đầu");
        await FillAsync(officer, "form[4].label.vi", "Lĩnh vực");
        await officer.CheckAsync($"{Builder} [name='form[4].required']");
        await FillAsync(officer, "form[4].options", "Nông nghiệp | Agriculture\nCông nghệ thông tin | IT");
        await FillAsync(officer, "form[5].label.vi", "Hồ sơ kèm theo");
        await officer.CheckAsync($"{Builder} [name='form[5].required']");
        await FillAsync(officer, "form[5].fileTypes", ".pdf, .docx");
        await FillAsync(officer, "rubric.passMark", "70");
        await FillAsync(officer, "rubric.criteria[0].label.vi", "Tính mới");
        await FillAsync(officer, "rubric.criteria[0].maxPoints", "40");
        await FillAsync(officer, "rubric.criteria[0].guidance.vi", "Mới ở Cao Bằng: 20 điểm; mới ở Việt Nam: 40 điểm.");
        await FillAsync(officer, "rubric.criteria[1].label.vi", "Tính khả thi");
        await FillAsync(officer, "rubric.criteria[1].maxPoints", "60");
        // The live preview: the six fields and, before the file field, the requested amount every application asks for.
        await Expect(officer.Locator("#form-preview [data-preview-field]")).ToHaveCountAsync(7);
        await Expect(officer.Locator("#form-preview [data-preview-field]").Nth(5)).ToHaveAttributeAsync("data-preview-field", "amount");
        await BrowserFixture.ScreenshotAsync(officer, "01-builder");
        await officer.ClickAsync($"{Builder} .actions button[value='publish']");
        await Expect(officer.Locator("main p.success")).ToHaveTextAsync(browser.Text("Saved and published."));
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await BrowserFixture.ScreenshotAsync(officer, "02-published");

        // The founder applies on a phone.
        await using var founderContext = await browser.NewContextAsync(width: 375, height: 812);
        var founder = await founderContext.NewPageAsync();
        await founder.GotoAsync($"/account/login?returnUrl=%2Fprogrammes%2F{key}");
        await founder.FillAsync("#email", founderEmail);
        await founder.FillAsync("#password", Password);
        await founder.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(founder).ToHaveURLAsync(new Regex($"/programmes/{key}$"));
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await BrowserFixture.ScreenshotAsync(founder, "03-programme");
        await founder.ClickAsync("#apply-form button[type=submit]");
        await Expect(founder).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}$"));
        var applicationUrl = founder.Url;
        var applicationId = applicationUrl[(applicationUrl.LastIndexOf('/') + 1)..];
        await Expect(founder.Locator("#f-tomTatDuAn")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(founder);

        // Two files, each stored and listed as soon as it is chosen.
        await founder.SetInputFilesAsync("#f-hoSoKemTheo", Pdf("Kế hoạch kinh doanh.pdf"));
        await Expect(founder.Locator("#attachments-hoSoKemTheo li")).ToHaveCountAsync(1);
        await founder.SetInputFilesAsync("#f-hoSoKemTheo", Pdf("Báo cáo tài chính.pdf"));
        await Expect(founder.Locator("#attachments-hoSoKemTheo li")).ToHaveCountAsync(2);
        await Expect(founder.Locator("#attachments-hoSoKemTheo li a").Nth(1)).ToHaveTextAsync("Báo cáo tài chính.pdf");
        await BrowserFixture.ScreenshotAsync(founder, "04-files");

        // Continuing too early puts the founder on the error summary, whose links name the fields.
        await founder.FillAsync("#f-tomTatDuAn", "Chế biến chè Shan tuyết hữu cơ cho thị trường xuất khẩu.");
        await founder.ClickAsync("#continue-application");
        await Expect(founder.Locator("#error-summary")).ToBeFocusedAsync();
        var product = founder.Locator("#error-summary li a[href='#f-tenSanPham']");
        await Expect(product).ToHaveTextAsync(browser.Text("Enter {0}", "tên sản phẩm"));
        await Expect(founder.Locator("#error-summary li a[href='#f-linhVuc']")).ToHaveTextAsync(browser.Text("Choose {0}", "lĩnh vực"));
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await BrowserFixture.ScreenshotAsync(founder, "05-error-summary");
        await product.ClickAsync();
        await Expect(founder.Locator("#f-tenSanPham")).ToBeFocusedAsync();
        await founder.FillAsync("#f-tenSanPham", "Chè Shan tuyết túi lọc");
        await founder.Locator("#f-vonDoiUng").PressSequentiallyAsync("450000000");
        await Expect(founder.Locator("#f-vonDoiUng")).ToHaveValueAsync("450.000.000");
        await founder.FillAsync("#f-ngayBatDau", "01/02/2027");
        await founder.SelectOptionAsync("#f-linhVuc", new SelectOptionValue { Label = "Nông nghiệp" });
        await founder.Locator("#f-requestedAmount").FillAsync(string.Empty);
        await founder.Locator("#f-requestedAmount").PressSequentiallyAsync("1500000000");
        await Expect(founder.Locator("#f-requestedAmount")).ToHaveValueAsync("1.500.000.000");

        // Check the answers, then submit.
        await founder.ClickAsync("#continue-application");
        await Expect(founder).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}/check$"));
        await Expect(founder.Locator("#check-answers [data-field=requestedAmount] .answer")).ToHaveTextAsync("1.500.000.000 ₫");
        await Expect(founder.Locator("#check-answers [data-field=hoSoKemTheo] .answer a")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await BrowserFixture.ScreenshotAsync(founder, "06-check");
        await founder.ClickAsync("#submit-application");
        await Expect(founder).ToHaveURLAsync(applicationUrl);
        await Expect(founder.Locator("#application-status")).ToHaveTextAsync(browser.Text("Submitted, to screen"));
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await BrowserFixture.ScreenshotAsync(founder, "07-submitted");

        // The officer reads the application and asks for information by ticking the product's name.
        await officer.GotoAsync("/admin/applications");
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        await officer.Locator($"main a[href='/admin/applications/{applicationId}']").First.ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex($"/admin/applications/{applicationId}$"));
        await Accessibility.AssertNoSeriousViolationsAsync(officer);
        var request = officer.Locator("form.workflow-action[data-action='request-information']");
        await request.GetByLabel("Tên sản phẩm").CheckAsync();
        const string comment = "Ghi rõ tên thương mại của sản phẩm.";
        await request.Locator("textarea[name=comment]").FillAsync(comment);
        await BrowserFixture.ScreenshotAsync(officer, "08-request-information");
        await request.Locator("button[type=submit]").ClickAsync();
        await Expect(officer.Locator("main [role=status]")).ToBeVisibleAsync();
        await Expect(officer.Locator("form.workflow-action[data-action='request-information']")).ToHaveCountAsync(0);

        // The founder reads the reason beside the reopened field, corrects it and sends the information.
        await founder.ReloadAsync();
        await Expect(founder.Locator("#field-tenSanPham .staff-request .comment")).ToHaveTextAsync(comment);
        await Expect(founder.Locator("#f-tomTatDuAn")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await BrowserFixture.ScreenshotAsync(founder, "09-reopened");
        await founder.FillAsync("#f-tenSanPham", "Chè Shan tuyết túi lọc Tà Sùa");
        await founder.ClickAsync("#continue-application");
        await Expect(founder).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}/check$"));
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await founder.ClickAsync("#submit-application");
        await Expect(founder).ToHaveURLAsync(applicationUrl);
        await Expect(founder.Locator("#answers dd[data-field=tenSanPham]")).ToHaveTextAsync("Chè Shan tuyết túi lọc Tà Sùa");
        await BrowserFixture.ScreenshotAsync(founder, "10-information-sent");

        // The officer assigns three reviewers and moves the application on.
        await officer.ReloadAsync();
        await officer.FillAsync("#reviewer-emails", string.Join(", ", reviewerEmails));
        await officer.ClickAsync("form.assign-by-email button[type=submit]");
        await Expect(officer.Locator("main [role=status]")).ToBeVisibleAsync();
        await officer.ClickAsync("form.workflow-action[data-action='screening-pass'] button[type=submit]");
        await Expect(officer.Locator("main [role=status]")).ToBeVisibleAsync();
        await Expect(officer.Locator("form.workflow-action[data-action='screening-pass']")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(officer, "11-screened");

        // Three reviewers score on the rubric's sheet: 80, 78 and 76 out of 100.
        var scores = new[] { ("32", "48"), ("30", "48"), ("30", "46") };
        for (var i = 0; i < 3; i++)
        {
            var reviewer = await browser.SignInAsync(reviewerEmails[i], Password);
            await reviewer.GotoAsync("/reviews");
            await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
            await reviewer.ClickAsync($"main a[href='/reviews/{applicationId}']");
            await reviewer.ClickAsync("form.declare-no-conflict button[type=submit]");
            await reviewer.FillAsync("#score-tinh-moi", scores[i].Item1);
            await reviewer.FillAsync("#score-tinh-kha-thi", scores[i].Item2);
            await reviewer.FillAsync("#comment", "Sản phẩm có thị trường, nhóm có kinh nghiệm chế biến.");
            await Accessibility.AssertNoSeriousViolationsAsync(reviewer);
            await BrowserFixture.ScreenshotAsync(reviewer, $"12-review-{i + 1}");
            await reviewer.ClickAsync("form.score-sheet button[type=submit]");
            await Expect(reviewer.Locator(".submitted-sheet")).ToBeVisibleAsync();
            await reviewer.Context.CloseAsync();
        }

        // The leader opens the decision page, reads the scores and the amounts, and approves.
        var leader = await browser.SignInAsync(leaderEmail, Password);
        await leader.GotoAsync($"/admin/applications/{applicationId}");
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await leader.ClickAsync($"main a[href='/admin/applications/{applicationId}/decision']");
        await Expect(leader).ToHaveURLAsync(new Regex($"/admin/applications/{applicationId}/decision$"));
        await Expect(leader.Locator("table.scores tbody tr")).ToHaveCountAsync(3);
        await Expect(leader.Locator("table.scores tfoot .mean")).ToHaveTextAsync(new Regex("^78[,.]00$"));
        await Expect(leader.Locator(".decision-money .requested")).ToHaveTextAsync("1.500.000.000 ₫");
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        var today = VietnamTime.FormatDate(DateOnly.FromDateTime(VietnamTime.ToLocal(DateTime.UtcNow)));
        const string decisionNumber = "125/QĐ-SKHCN";
        await leader.Locator("#decision-approvedAmount").FillAsync(string.Empty);
        await leader.Locator("#decision-approvedAmount").PressSequentiallyAsync("1.500.000.000");
        await leader.FillAsync("#decision-decisionDate", today);
        await leader.FillAsync("#decision-decisionNumber", decisionNumber);
        await leader.FillAsync("#decision-signerName", "Nguyễn Văn An");
        await leader.FillAsync("#decision-signerTitle", "Phó Giám đốc");
        await BrowserFixture.ScreenshotAsync(leader, "13-decision");
        await leader.ClickAsync("form.approve button[type=submit]");

        // The leader is back on the application, which is funded and carries the decision.
        await Expect(leader).ToHaveURLAsync(new Regex($"/admin/applications/{applicationId}$"));
        await Expect(leader.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("The application was approved."));
        await Expect(leader.Locator("main")).ToContainTextAsync(decisionNumber);
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await BrowserFixture.ScreenshotAsync(leader, "14-approved");
        await leader.Context.CloseAsync();

        // The founder sees the decision, and their e-mail states its number, date, amount and a link.
        await founder.ReloadAsync();
        await Expect(founder.Locator("#decision-number")).ToHaveTextAsync(decisionNumber);
        await Expect(founder.Locator("#approved-amount")).ToHaveTextAsync("1.500.000.000 ₫");
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await BrowserFixture.ScreenshotAsync(founder, "15-funded");
        var email = WebUtility.HtmlDecode(await ApprovalEmailAsync(founderEmail, decisionNumber));
        Assert.Contains(today, email, StringComparison.Ordinal);
        Assert.Contains("1.500.000.000 ₫", email, StringComparison.Ordinal);
        Assert.Contains($"{browser.Site.Address.ToString().TrimEnd('/')}/my/applications/{applicationId}", email, StringComparison.Ordinal);
        await officer.Context.CloseAsync();
    }

    private static Task FillAsync(IPage page, string name, string value) => page.Locator($"{Builder} [name='{name}']").FillAsync(value);

    private static FilePayload Pdf(string name) => new() { Name = name, MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() };

    /// <summary>
    /// The body of the e-mail queued for the founder that names the decision. The workflow queues it as the
    /// decision is recorded; a short wait covers the notification step that runs after the page answered.
    /// </summary>
    private async Task<string> ApprovalEmailAsync(string to, string decisionNumber)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using (var scope = browser.Site.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Incubator.Web.Data.IncubatorDbContext>();
                var bodies = await db.OutboxEmails.Where(e => e.To == to).OrderByDescending(e => e.Id).Select(e => e.Subject + "\n" + e.HtmlBody).ToListAsync();
                var found = bodies.FirstOrDefault(b => WebUtility.HtmlDecode(b).Contains(decisionNumber, StringComparison.Ordinal));
                if (found is not null)
                {
                    return found;
                }

                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"No e-mail to {to} names the decision {decisionNumber}; its e-mails: {string.Join("\n---\n", bodies)}");
                }
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A founder registered and confirmed beforehand, with a startup's profile, as the other journeys prepare theirs.</summary>
    private async Task<string> CreateFounderWithStartupAsync(string suffix)
    {
        var email = $"founder-{Guid.NewGuid():N}@browser.test";
        var organisation = $"Hợp tác xã Chè Tà Sùa {suffix}";
        using (var anonymous = new HttpClient { BaseAddress = browser.Site.Address })
        {
            (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
            await browser.ConfirmEmailAsync(anonymous, email);
        }

        using var client = new HttpClient { BaseAddress = browser.Site.Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        using (var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        }

        (await client.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = organisation, summary = "Chè Shan tuyết hữu cơ vùng cao" })).EnsureSuccessStatusCode();
        return email;
    }
}
