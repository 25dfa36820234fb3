using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Directory;

[Collection(BrowserJourneys.Name)]
public sealed class DirectoryJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_show_a_published_startup_when_a_visitor_browses_and_filters_the_directory()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"Hợp tác xã Chè Shan Tuyết {suffix}";
        const string summary = "Chè shan tuyết cổ thụ của người Dao, chế biến tại bản.";
        var id = await browser.SubmitStartupThroughApiAsync(name, summary, sector: "agri-hitech", locality: "cao-bang");
        var other = $"Phần mềm Y tế Số {suffix}";
        var otherId = await browser.SubmitStartupThroughApiAsync(other, "Hồ sơ bệnh án điện tử cho trạm y tế xã.", sector: "health", locality: "cao-bang");
        await (await browser.PublishAsStaffAsync(id, otherId)).Context.CloseAsync();

        await using var visitor = await browser.NewContextAsync();
        var page = await visitor.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("header nav a[href='/directory/startups']");
        await Expect(page).ToHaveURLAsync(new Regex("/directory/startups$"));

        await page.SelectOptionAsync("#sector", "agri-hitech");
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]sector=agri-hitech"));
        await Expect(page.Locator("#sector")).ToHaveValueAsync("agri-hitech");
        var listed = page.Locator("main .cards h2 a");
        await Expect(listed.Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await Expect(listed.Filter(new() { HasText = other })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await listed.Filter(new() { HasText = name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/directory/startups/hop-tac-xa-che-shan-tuyet-" + suffix + "$"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("main")).ToContainTextAsync(summary);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page);
    }

    [Fact]
    public async Task Should_fit_a_phone_screen_when_the_directory_is_opened_on_a_small_viewport()
    {
        // No locale override: a visitor who has not chosen Vietnamese still gets the Vietnamese site.
        await using var phone = await browser.NewContextAsync(width: 375, height: 740, locale: null);
        var page = await phone.NewPageAsync();
        var response = await page.GotoAsync("/directory/startups");

        Assert.True(response!.Ok, $"GET /directory/startups answered {response.Status}.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Expect(page.Locator("form.filters #sector")).ToBeVisibleAsync();
        var stylesheetLoaded = await page.EvaluateAsync<bool>("() => Array.from(document.styleSheets).some(s => s.href && s.cssRules.length > 0)");
        Assert.True(stylesheetLoaded, "The public theme's stylesheet did not load.");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"The page scrolls sideways on a 375 px phone: scrollWidth {scrollWidth} > clientWidth {clientWidth}.");
        await BrowserFixture.ScreenshotAsync(page);
    }
}
