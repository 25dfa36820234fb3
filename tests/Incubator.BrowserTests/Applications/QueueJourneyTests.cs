using System.Net.Http.Json;
using System.Text.Json;
using Incubator.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Applications;

/// <summary>The officers' queue in Chromium on a phone: one card per application, nothing wider than the screen.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class QueueJourneyTests(BrowserFixture browser)
{
    private const string Password = "Queue-Password-1";

    [Fact]
    public async Task Should_show_cards_without_sideways_scroll_when_an_officer_opens_the_queue_on_a_phone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var staffEmail = await browser.CreateAccountAsync("Staff", Password);
        string programmeId;
        using (var staffApi = await browser.ApiClientAsync(staffEmail, Password))
        {
            programmeId = await CreateProgrammeAsync(staffApi, "queue-" + suffix);
        }

        var applicationId = await SubmitApplicationAsync(programmeId, $"Hợp tác xã Rau Sạch Thượng Nguồn Sông Bằng Giang {suffix}");

        await using var phone = await browser.NewContextAsync(width: 375, height: 740);
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", staffEmail);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(page.Locator("header form[action='/account/logout']").First).ToBeAttachedAsync();
        await page.GotoAsync($"/admin/applications?programme={programmeId}");

        var row = page.Locator($"table.queue tbody tr[data-id='{applicationId}']");
        await Expect(row).ToBeVisibleAsync();
        Assert.Equal("block", await row.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        await Expect(page.Locator("table.queue thead a.sort[data-sort='due']")).ToBeVisibleAsync();
        var box = await row.Locator("label.select-row").BoundingBoxAsync();
        Assert.True(box is { Height: >= 44, Width: >= 44 }, $"The row's checkbox is {box?.Width}×{box?.Height} px, smaller than 44 px.");

        // The filters are on the screen and usable: each control whole within the phone's width.
        foreach (var control in new[] { "#f-programme", "#f-round", "form.filters button[type=submit]" })
        {
            var filter = page.Locator(control).First;
            await Expect(filter).ToBeVisibleAsync();
            var at = await filter.BoundingBoxAsync();
            Assert.True(at is { X: >= 0, Height: >= 44 } && at.X + at.Width <= 375, $"The filter {control} is at {at?.X}+{at?.Width} px, {at?.Height} px high: not whole on a 375 px screen.");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The queue scrolls sideways on a 375 px phone: scrollWidth {widths[0]} > clientWidth {widths[1]}.");
        await BrowserFixture.ScreenshotAsync(page);
    }

    private static async Task<string> CreateProgrammeAsync(HttpClient staff, string key)
    {
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
            form = new object[] { new { key = "summary", type = "longtext", label = new { vi = "Tóm tắt dự án", en = "Project summary" }, required = true } },
            rubric = new
            {
                passMark = 70,
                criteria = new[] { new { key = "novelty", label = new { vi = "Tính mới" }, maxPoints = 40 }, new { key = "feasibility", label = new { vi = "Tính khả thi" }, maxPoints = 60 } },
            },
            workflow = "support-approval",
        };
        var created = await staff.PostAsJsonAsync("/api/programmes", definition);
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A new applicant (an account the administrator creates, to skip the e-mail round trip) applies with a startup of that name and submits.</summary>
    private async Task<string> SubmitApplicationAsync(string programmeId, string organisation)
    {
        var email = await browser.CreateAccountAsync("Applicant", Password);
        using var applicant = await browser.ApiClientAsync(email, Password);
        var created = await applicant.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = organisation, summary = "Rau sạch theo chuỗi giá trị." });
        created.EnsureSuccessStatusCode();
        string organisationId;
        using (var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            organisationId = body.RootElement.GetProperty("id").GetString()!;
        }

        var started = await applicant.PostAsJsonAsync("/api/applications", new { programmeId, organisationId });
        started.EnsureSuccessStatusCode();
        string id;
        using (var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync()))
        {
            id = body.RootElement.GetProperty("id").GetString()!;
        }

        (await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Nhà sơ chế rau đạt chuẩn VietGAP cho 30 hộ." }, requestedAmount = 250_000_000 })).EnsureSuccessStatusCode();
        (await applicant.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return id;
    }
}
