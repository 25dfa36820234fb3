using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Home;

/// <summary>
/// On a phone (375 px) the public header and the back office's menu fold into a menu button that the keyboard reaches,
/// opens and closes; on a desk the links stand in the header and the side column, with no button.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class PhoneHeaderJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_fold_the_header_into_a_menu_button_that_the_keyboard_opens_and_closes_when_a_phone_opens_the_site()
    {
        await using var phone = await browser.NewContextAsync(width: 375, height: 740);
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/");
        var button = page.Locator("header details.site-menu > summary");
        var link = page.Locator("header nav.menu a[href='/directory/startups']");
        await Expect(button).ToBeVisibleAsync();
        await Expect(link).ToBeHiddenAsync();
        var header = await page.Locator("header.site-header").BoundingBoxAsync();
        // The site's name may take two or three lines beside the button; the links themselves took 200 to 250 px before.
        Assert.True(header!.Height <= 160, $"The folded header is {header.Height} px high on a 375 px phone.");
        foreach (var control in new[] { "header details.site-menu > summary", "header form.site-search input[name=q]", "header form.site-search button" })
        {
            var box = await page.Locator(control).BoundingBoxAsync();
            Assert.True(box!.Height >= 44, $"{control} is {box.Height} px high, less than 44.");
        }

        await BrowserFixture.ScreenshotAsync(page, "folded");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The keyboard reaches the button in the page's order, and Enter opens the menu.
        await TabToAsync(page, "header details.site-menu > summary");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("header details.site-menu")).ToHaveAttributeAsync("open", string.Empty);
        await Expect(link).ToBeVisibleAsync();
        var linkBox = await link.BoundingBoxAsync();
        Assert.True(linkBox!.Height >= 44, $"A menu link is {linkBox.Height} px high, less than 44.");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The open menu scrolls sideways: {widths[0]} > {widths[1]}.");
        await BrowserFixture.ScreenshotAsync(page, "open");

        // The next Tab goes into the menu's links; back on the button, Enter closes it again.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('header nav.menu')"), "Tab after the menu button does not reach the menu's links.");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(link).ToBeHiddenAsync();
        await Expect(page.Locator("header details.site-menu")).Not.ToHaveAttributeAsync("open", string.Empty);

        // Opened again, the menu's links lead where they say.
        await page.Keyboard.PressAsync("Enter");
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/directory/startups$"));
    }

    [Fact]
    public async Task Should_show_the_links_without_a_menu_button_when_a_desk_opens_the_site()
    {
        await using var desk = await browser.NewContextAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("header details.site-menu > summary")).ToBeHiddenAsync();
        await Expect(page.Locator("header nav.menu a[href='/directory/startups']")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Should_fold_the_back_office_menu_into_a_button_when_staff_use_a_phone()
    {
        var page = await browser.SignInAsStaffAsync();
        await page.GotoAsync("/admin");

        // The keyboard's first stop is the skip link: it shows itself and leads past the bar and the menu to the content.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await Expect(skip).ToHaveTextAsync(browser.Text("Skip to content"));
        await Expect(skip).ToHaveAttributeAsync("href", "#main");
        await Expect(page.Locator("main#main")).ToHaveCountAsync(1);
        var button = page.Locator("details.side-menu > summary");
        var side = page.Locator("nav.side a[href='/admin/moderation']");
        await Expect(button).ToBeHiddenAsync();
        await Expect(side).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.SetViewportSizeAsync(375, 740);
        await Expect(button).ToBeVisibleAsync();
        await Expect(side).ToBeHiddenAsync();
        var box = await button.BoundingBoxAsync();
        Assert.True(box!.Height >= 44, $"The back office's menu button is {box.Height} px high, less than 44.");
        await TabToAsync(page, "details.side-menu > summary");
        await page.Keyboard.PressAsync("Enter");
        await Expect(side).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "open");
        await page.Keyboard.PressAsync("Enter");
        await Expect(side).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab from the top of the page until <paramref name="selector"/> has the focus, as a keyboard user does.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"Thirty presses of Tab never reached {selector}.");
    }
}
