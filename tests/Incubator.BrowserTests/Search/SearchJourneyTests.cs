using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Search;

[Collection(BrowserJourneys.Name)]
public sealed class SearchJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_open_a_published_startup_when_a_visitor_chooses_its_suggestion_in_the_header_box()
    {
        var suffix = "s" + Guid.NewGuid().ToString("N")[..8];
        var name = $"Chè Shan Tuyết Khau Sliec {suffix}";
        var id = await browser.SubmitStartupThroughApiAsync(name, "Chè cổ thụ trên núi cao, chế biến tại bản.", sector: "agri-hitech", locality: "cao-bang");
        await (await browser.PublishAsStaffAsync(id)).Context.CloseAsync();
        await UntilSearchableAsync(suffix, id);

        await using var visitor = await browser.NewContextAsync();
        var page = await visitor.NewPageAsync();
        await page.GotoAsync("/");
        var box = page.Locator("header form.site-search input[name=q]");
        await Expect(box).ToHaveAttributeAsync("role", "combobox");
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "false");

        // Typed without accents, as many do on a phone.
        await box.PressSequentiallyAsync($"che shan {suffix}", new() { Delay = 20 });
        var list = page.Locator("#site-search-q-suggestions");
        var option = list.Locator("[role=option]", new() { HasText = name });
        await Expect(option).ToBeVisibleAsync();
        await Expect(option.Locator(".type")).ToHaveTextAsync(browser.Text("Startup"));
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        await BrowserFixture.ScreenshotAsync(page, "suggestions");

        await box.PressAsync("Escape");
        await Expect(list).ToBeHiddenAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(box).ToHaveValueAsync($"che shan {suffix}");

        // The arrow key opens the list again and chooses the first suggestion; Enter opens it.
        await box.PressAsync("ArrowDown");
        await Expect(list).ToBeVisibleAsync();
        var optionId = await option.GetAttributeAsync("id");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", optionId!);
        await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/directory/startups/[^/?]+$"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);

        // And a click on a suggestion opens it too.
        await page.GotoAsync("/news");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("header form.site-search input[name=q]").PressSequentiallyAsync($"khau sliec {suffix}", new() { Delay = 20 });
        await page.Locator("#site-search-q-suggestions [role=option]", new() { HasText = name }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);

        // The results page marks the words found in the summary and offers the facets.
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString($"co thu {suffix}"));
        await Expect(page.Locator("main li.result .snippet mark").First).ToBeVisibleAsync();
        await Expect(page.Locator("aside.facets [data-facet=sector] a[data-code='agri-hitech']")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page);
    }

    [Fact]
    public async Task Should_search_from_the_header_box_when_the_visitor_presses_enter_without_choosing()
    {
        await using var visitor = await browser.NewContextAsync(width: 375, height: 740);
        var page = await visitor.NewPageAsync();
        await page.GotoAsync("/directory/startups");
        var word = "nothing" + Guid.NewGuid().ToString("N")[..8];
        var box = page.Locator("header form.site-search input[name=q]");
        await Expect(box).ToBeVisibleAsync();
        await box.FillAsync(word);
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=" + word + "$"));
        await Expect(page.Locator("main #search-q")).ToHaveValueAsync(word);
        await Expect(page.Locator("#search-total")).ToHaveTextAsync(browser.Text("{0} results", 0));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The results page scrolls sideways on a 375 px phone: {widths[0]} > {widths[1]}.");
        await BrowserFixture.ScreenshotAsync(page);
    }

    /// <summary>Publishing reaches the index within a second; the suggestions are only asked for while typing.</summary>
    private async Task UntilSearchableAsync(string word, string id)
    {
        using var client = new HttpClient { BaseAddress = browser.Site.Address };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var results = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(word), UriKind.Relative)));
            if (results.RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == id))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{word} was not searchable within 10 s.");
    }
}
