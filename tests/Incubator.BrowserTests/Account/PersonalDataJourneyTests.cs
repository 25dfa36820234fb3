using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Account;

[Collection(BrowserJourneys.Name)]
public sealed class PersonalDataJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_no_longer_let_the_founder_sign_in_when_staff_complete_the_deletion_they_asked_for()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var email = $"hoa-{suffix}@browser.test";
        const string password = "Hoa-Password-1";
        var name = $"Hợp tác xã Chè Xanh {suffix}";

        await using var founder = await browser.NewContextAsync();
        var page = await founder.NewPageAsync();
        await browser.RegisterAsync(page, "Lê Thị Hoa", email, password);

        await page.ClickAsync("main a[href='/my/organisations/new/startup']");
        await page.FillAsync("#f-Title", name);
        await page.FillAsync("#f-Summary", "Chè shan tuyết hữu cơ từ vùng cao.");
        await page.CheckAsync("#f-Sectors input[value='it-digital']");
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);

        // From the account page to the personal data page, and the file it gives.
        await page.ClickAsync("header a[href='/account']");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(browser.Text("My account"));
        await BrowserFixture.ScreenshotAsync(page, "account");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ClickAsync("#account-links a[href='/account/personal-data']");
        await Expect(page).ToHaveURLAsync(new Regex("/account/personal-data$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-form button[type=submit]"));
        Assert.Equal("personal-data.json", download.SuggestedFilename);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())))
        {
            Assert.Equal(email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
            var organisation = Assert.Single(json.RootElement.GetProperty("organisations").EnumerateArray());
            Assert.Equal(name, organisation.GetProperty("versions")[0].GetProperty("title").GetString());
        }

        await page.FillAsync("#f-Password", password);
        await page.ClickAsync("#delete-form button[type=submit]");
        await Expect(page.Locator("#deletion-pending")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "requested");

        var staff = await browser.SignInAsStaffAsync();
        await staff.GotoAsync("/admin/personal-data");
        var row = staff.Locator("#pending-requests tr[data-request]").Filter(new() { HasText = email });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("input[name=note]").FillAsync("Theo yêu cầu của chủ tài khoản");
        await row.Locator("button[type=submit]").ClickAsync();
        await Expect(staff.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("The account was deleted."));
        await Expect(staff.Locator("#finished-requests tr[data-request]").Filter(new() { HasText = email })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(staff, "completed");
        await Accessibility.AssertNoSeriousViolationsAsync(staff);
        await staff.Context.CloseAsync();

        await using var later = await browser.NewContextAsync();
        var login = await later.NewPageAsync();
        await login.GotoAsync("/account/login");
        await login.FillAsync("#email", email);
        await login.FillAsync("#password", password);
        await login.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(login.Locator("main p.notice[role=alert]")).ToHaveTextAsync(browser.Text("The e-mail or password is not right."));
        await Expect(login.Locator("header form[action='/account/logout']")).ToHaveCountAsync(0);
    }
}
