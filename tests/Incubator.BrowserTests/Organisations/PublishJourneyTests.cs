using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Organisations;

[Collection(BrowserJourneys.Name)]
public sealed class PublishJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_list_the_profile_publicly_when_staff_publish_what_an_applicant_submitted()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"Công ty Đổi Mới Số {suffix}";
        const string summary = "Nền tảng số hoá sổ sách cho hợp tác xã miền núi.";

        await using var applicant = await browser.NewContextAsync();
        var page = await applicant.NewPageAsync();
        await browser.RegisterAsync(page, "Nguyễn Thị Lan", $"lan-{suffix}@browser.test", "Lan-Password-1");

        await page.ClickAsync("main a[href='/my/organisations/new/startup']");
        await Expect(page).ToHaveURLAsync(new Regex("/my/organisations/new/startup$"));
        await page.FillAsync("#f-Title", name);
        await page.FillAsync("#f-Summary", summary);
        await page.FillAsync("#f-FoundedOn", "15/03/2024");
        await page.CheckAsync("#f-Sectors input[value='it-digital']");
        await page.SelectOptionAsync("#f-Locality", "thai-nguyen");
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/my/organisations/[^/]+$"));
        Assert.DoesNotContain("/new/", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#profile-status")).ToHaveTextAsync(browser.StatusText("Draft"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var profileId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.ClickAsync("#submit-profile");
        await Expect(page.Locator("#profile-status")).ToHaveTextAsync(browser.StatusText("Submitted"));
        await Expect(page.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("Submitted. Staff will review your profile."));
        await Expect(page.Locator("#submit-profile")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "submitted");

        var staff = await browser.PublishAsStaffAsync(profileId);
        await BrowserFixture.ScreenshotAsync(staff, "published-by-staff");
        await staff.Context.CloseAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("#profile-status")).ToHaveTextAsync(browser.StatusText("Published"));

        await using var visitor = await browser.NewContextAsync();
        var anonymous = await visitor.NewPageAsync();
        await anonymous.GotoAsync("/directory/startups");
        var listed = anonymous.Locator("main .cards h2 a").Filter(new() { HasText = name });
        await Expect(listed).ToHaveCountAsync(1);
        await listed.ClickAsync();
        await Expect(anonymous).ToHaveURLAsync(new Regex("/directory/startups/cong-ty-doi-moi-so-" + suffix + "$"));
        await Expect(anonymous.Locator("main h1")).ToHaveTextAsync(name);
        await Expect(anonymous.Locator("main")).ToContainTextAsync(summary);
        await Expect(anonymous.Locator("main dl.profile")).ToContainTextAsync("15/03/2024");
        await Accessibility.AssertNoSeriousViolationsAsync(anonymous);
        await BrowserFixture.ScreenshotAsync(anonymous);
    }
}
