using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Applications;

[Collection(BrowserJourneys.Name)]
public sealed class ApplyJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_keep_every_answer_and_file_and_submit_once_when_an_applicant_applies_on_a_phone()
    {
        var key = "browser-" + Guid.NewGuid().ToString("N")[..8];
        await CreateProgrammeAsync(key);
        var (email, password) = await CreateApplicantWithStartupAsync($"Chè Shan tuyết {key}");

        await using var context = await browser.NewContextAsync(width: 375, height: 812);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/account/login?returnUrl=%2Fprogrammes%2F{key}");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex($"/programmes/{key}$"));
        await BrowserFixture.ScreenshotAsync(page, "programme");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ClickAsync("#apply-form button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}$"));
        var url = page.Url;
        await Expect(page.Locator("#application-status")).ToHaveTextAsync(browser.Text("Draft"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Typing is saved a moment later without a button, and the page says when.
        const string summary = "Chế biến chè Shan tuyết hữu cơ cho thị trường xuất khẩu.";
        await page.FillAsync("#f-summary", summary);
        var savedAt = new Regex("^" + Regex.Escape(browser.Text("Saved at {0}", "")) + @"\d{2}:\d{2}$");
        await Expect(page.Locator("#autosave-status")).ToHaveTextAsync(savedAt);
        await page.ReloadAsync();
        await Expect(page.Locator("#f-summary")).ToHaveValueAsync(summary);

        // A wrong value is not saved: the page says so, names the field beside it and keeps what was typed.
        await page.FillAsync("#f-teamSize", "bảy");
        await Expect(page.Locator("#autosave-status")).ToHaveTextAsync(browser.Text("Nothing was saved: correct the fields marked below."));
        await Expect(page.Locator("#field-teamSize .field-error")).ToHaveTextAsync(browser.Text("{0} must be a number", "Số thành viên"));
        await Expect(page.Locator("#f-teamSize")).ToHaveValueAsync("bảy");
        await page.FillAsync("#f-teamSize", "7");

        // Money is grouped with dots as it is typed, and the amount is asked before the files.
        await page.Locator("#f-requestedAmount").PressSequentiallyAsync("250000000");
        await Expect(page.Locator("#f-requestedAmount")).ToHaveValueAsync("250.000.000");
        await Expect(page.Locator("#autosave-status")).ToHaveTextAsync(savedAt);
        await Expect(page.Locator("#field-teamSize .field-error")).ToHaveCountAsync(0);
        Assert.Equal(["summary", "teamSize", "requestedAmount", "plan"], await page.Locator("#application-form [data-field]").EvaluateAllAsync<string[]>("fields => fields.map(f => f.dataset.field)"));

        // Choosing a file stores it at once and lists it: there is no upload button to forget.
        await Expect(page.Locator("#field-plan button.upload")).ToBeHiddenAsync();
        await page.SetInputFilesAsync("#f-plan", new FilePayload { Name = "Kế hoạch kinh doanh.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await Expect(page.Locator("#attachments-plan li a")).ToHaveTextAsync("Kế hoạch kinh doanh.pdf");
        await Expect(page.Locator("#field-plan .upload-status")).ToContainTextAsync(browser.Text("Uploaded and saved."));
        await BrowserFixture.ScreenshotAsync(page, "uploaded");
        await page.ReloadAsync();
        await Expect(page.Locator("#attachments-plan li a")).ToHaveTextAsync("Kế hoạch kinh doanh.pdf");
        await Expect(page.Locator("#f-requestedAmount")).ToHaveValueAsync("250.000.000");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The form scrolls sideways on a phone.");

        // A refused "continue" puts the applicant on the error summary, whose link leads into the field.
        await page.FillAsync("#f-summary", "");
        await page.ClickAsync("#continue-application");
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#error-summary li a")).ToHaveCountAsync(1);
        await Expect(page.Locator("#error-summary li a")).ToHaveTextAsync("Nhập tóm tắt dự án");
        await BrowserFixture.ScreenshotAsync(page, "error-summary");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ClickAsync("#error-summary li a");
        await Expect(page.Locator("#f-summary")).ToBeFocusedAsync();
        await page.FillAsync("#f-summary", summary);

        // "Check your answers", then a double click submits once.
        await page.ClickAsync("#continue-application");
        await Expect(page).ToHaveURLAsync(new Regex("/my/applications/[0-9a-f]{32}/check$"));
        await Expect(page.Locator("#check-answers [data-field=summary] .answer")).ToHaveTextAsync(summary);
        await Expect(page.Locator("#check-answers [data-field=requestedAmount] .answer")).ToHaveTextAsync("250.000.000 ₫");
        await Expect(page.Locator("#check-answers [data-field=plan] .answer a")).ToHaveTextAsync("Kế hoạch kinh doanh.pdf");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The check page scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(page, "check");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.DblClickAsync("#submit-application");
        await Expect(page).ToHaveURLAsync(url);
        await Expect(page.Locator("#application-status")).ToHaveTextAsync(browser.Text("Submitted, to screen"));
        await Expect(page.Locator("#message")).ToHaveTextAsync(browser.Text("Submitted. Staff will screen your application; you will be notified of each step."));
        await Expect(page.Locator("#error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#answers dd[data-field=summary]")).ToHaveTextAsync(summary);
        await Expect(page.Locator("#answers dd[data-field=plan] a")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GotoAsync("/my/applications");
        await Expect(page.Locator("table.applications tbody tr")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "list");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private async Task CreateProgrammeAsync(string key)
    {
        using var staff = await ClientAsync(KestrelSite.AdminEmail, KestrelSite.AdminPassword);
        var label = (string vi) => new { vi };
        var definition = new
        {
            key,
            name = new { vi = $"Hỗ trợ khởi nghiệp {key}" },
            legalBasis = "Kế hoạch 62/KH-UBND",
            supportType = "innovative-startup",
            eligibleKinds = new[] { "startup" },
            rounds = new[] { new { key = "2026-1", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(30) } },
            budget = 2_000_000_000L,
            maxPerApplication = 300_000_000L,
            coFundingShare = 0.3m,
            form = new object[]
            {
                new { key = "summary", type = "longtext", label = label("Tóm tắt dự án"), required = true },
                new { key = "teamSize", type = "number", label = label("Số thành viên"), required = true },
                new { key = "plan", type = "file", label = label("Kế hoạch kinh doanh"), required = true },
            },
            rubric = new { passMark = 70, criteria = new[] { new { key = "novelty", label = label("Tính mới"), maxPoints = 40 }, new { key = "feasibility", label = label("Tính khả thi"), maxPoints = 60 } } },
            workflow = "support-approval",
        };
        (await staff.PostAsJsonAsync("/api/programmes", definition)).EnsureSuccessStatusCode();
    }

    private async Task<(string Email, string Password)> CreateApplicantWithStartupAsync(string name)
    {
        var email = $"applicant-{Guid.NewGuid():N}@browser.test";
        const string password = "Applicant-Password-1";
        using (var anonymous = new HttpClient { BaseAddress = browser.Site.Address })
        {
            (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
            await browser.ConfirmEmailAsync(anonymous, email);
        }

        using var applicant = await ClientAsync(email, password);
        (await applicant.PostAsJsonAsync("/api/organisations", new { kind = "startup", name, summary = "Chè hữu cơ vùng cao" })).EnsureSuccessStatusCode();
        return (email, password);
    }

    private async Task<HttpClient> ClientAsync(string email, string password)
    {
        var client = new HttpClient { BaseAddress = browser.Site.Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        return client;
    }
}
