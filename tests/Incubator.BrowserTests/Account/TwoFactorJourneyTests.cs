using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Features.Account;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Account;

/// <summary>A site with the second-factor rule on, as a fresh installation has it.</summary>
public sealed class TwoFactorBrowserFixture() : BrowserFixture(new Dictionary<string, string?> { ["Security:RequireSecondFactor"] = "true" });

[CollectionDefinition(Name)]
public sealed class TwoFactorJourneys : ICollectionFixture<TwoFactorBrowserFixture>
{
    public const string Name = "Browser, second factor required";
}

[Collection(TwoFactorJourneys.Name)]
public sealed class TwoFactorJourneyTests(TwoFactorBrowserFixture browser)
{
    [Fact]
    public async Task Should_enrol_then_sign_in_with_a_code_and_with_a_recovery_code_when_staff_must_have_a_second_factor()
    {
        var email = $"staff-{Guid.NewGuid():N}@browser.test";
        const string password = "Staff-Password-1";
        await CreateStaffAsync(email, password);

        await using var context = await browser.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, password, "/admin");

        // Sent to enrol: the back office shows nothing else until a second factor is set up.
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor\\?required=1"));
        await page.GotoAsync("/admin/applications");
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor\\?required=1"));
        await page.ClickAsync("main a.button.primary");
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor/authenticator"));
        await Expect(page.Locator("div.qr svg")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "enrol");

        // The person types the key into their app; the test's app computes the code from the key the page shows.
        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        await page.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("main form button[type=submit]");
        var codes = await page.Locator("ul.codes code").AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        await BrowserFixture.ScreenshotAsync(page, "recovery-codes");
        await page.ClickAsync("main a.button.primary");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/applications$"));

        // Next time the password is followed by a code from the app.
        await SignOutAsync(page);
        await SignInAsync(page, email, password, "/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
        await page.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));

        // A lost phone: a recovery code signs in once.
        await SignOutAsync(page);
        await SignInAsync(page, email, password, "/admin");
        await page.ClickAsync("main a[href*='recovery=true']");
        await page.FillAsync("#code", codes[0]);
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await page.GotoAsync("/account/two-factor");
        await Expect(page.Locator("main")).ToContainTextAsync(browser.Text("Recovery codes left: {0}", 9));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private static async Task SignInAsync(IPage page, string email, string password, string returnUrl)
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("form[action='/account/logout'] button");
        await Expect(page.Locator("form[action='/account/logout']")).ToHaveCountAsync(0);
    }

    /// <summary>The first administrator enrols over the API (Identity's manage/2fa) and creates the staff account.</summary>
    private async Task CreateStaffAsync(string email, string password)
    {
        using var client = new HttpClient { BaseAddress = browser.Site.Address };
        var admin = new { email = KestrelSite.AdminEmail, password = KestrelSite.AdminPassword };
        using var first = await client.PostAsJsonAsync("/api/auth/login", admin);
        if (first.IsSuccessStatusCode)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(first));
            using var key = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/auth/manage/2fa", new { })).Content.ReadAsStringAsync());
            AdminKey = key.RootElement.GetProperty("sharedKey").GetString()!;
            (await client.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(AdminKey, DateTimeOffset.UtcNow) })).EnsureSuccessStatusCode();
        }

        using var second = await client.PostAsJsonAsync("/api/auth/login", new { admin.email, admin.password, twoFactorCode = Totp.Code(AdminKey!, DateTimeOffset.UtcNow.AddSeconds(30)) });
        second.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(second));
        (await client.PostAsJsonAsync("/api/admin/users", new { email, password, roles = new[] { Roles.Staff } })).EnsureSuccessStatusCode();
    }

    private static string? AdminKey { get; set; }

    private static async Task<string> TokenAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }
}
