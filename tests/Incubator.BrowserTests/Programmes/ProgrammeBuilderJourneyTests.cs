using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Programmes;

/// <summary>The programme builder's script in Chromium: the preview follows the officer's typing, on a phone too.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class ProgrammeBuilderJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_draw_the_form_preview_as_the_officer_types_and_show_each_type_its_settings_when_the_builder_runs_its_script()
    {
        await using var context = await browser.NewContextAsync(width: 375, height: 800);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", KestrelSite.AdminEmail);
        await page.FillAsync("#password", KestrelSite.AdminPassword);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(page.Locator("header form[action='/account/logout']").First).ToBeAttachedAsync();
        await page.GotoAsync("/admin/programmes/new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The new programme's first field is a required long text: typing its label redraws the preview at once.
        var field = page.Locator("fieldset[data-row='field']").First;
        var preview = page.Locator("#form-preview [data-preview-field='0']");
        await page.FillAsync("#p-form-0-label-vi", "Tóm tắt dự án");
        await Expect(preview.Locator("label")).ToHaveTextAsync("Tóm tắt dự án *");
        await Expect(preview.Locator("textarea")).ToBeVisibleAsync();
        await Expect(field.Locator("[data-for-types='choice multichoice']")).ToBeHiddenAsync();
        await Expect(field.Locator("[data-for-types='text longtext']")).ToBeVisibleAsync();

        // Made a choice, the field shows its choices' box instead of the length, and the preview its options.
        await page.SelectOptionAsync("#p-form-0-type", "choice");
        await Expect(field.Locator("[data-for-types='choice multichoice']")).ToBeVisibleAsync();
        await Expect(field.Locator("[data-for-types='text longtext']")).ToBeHiddenAsync();
        await page.FillAsync("#p-form-0-options", "Nông nghiệp | Agriculture\nCông nghệ thông tin | IT");
        await Expect(preview.Locator("input[type=radio]")).ToHaveCountAsync(2);
        await Expect(preview.Locator("legend")).ToHaveTextAsync("Tóm tắt dự án *");
        await Expect(preview).ToContainTextAsync("Công nghệ thông tin");

        await Expect(page.Locator("#copy-definition")).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The builder scrolls sideways on a 375 px phone: scrollWidth {widths[0]} > clientWidth {widths[1]}.");
        await BrowserFixture.ScreenshotAsync(page, "builder-phone");
    }
}
