using System.Text.RegularExpressions;
using Incubator.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Account;

[Collection(BrowserJourneys.Name)]
public sealed class PasskeyJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_sign_in_with_the_passkey_when_a_founder_has_added_one()
    {
        // A passkey belongs to a domain name, never to an IP address: the browser visits the site as localhost.
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{browser.Site.Address.Port}/",
            Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();

        // Chromium's virtual authenticator stands in for the phone's screen lock (user verified, resident keys).
        var devtools = await context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        var email = $"passkey-{Guid.NewGuid():N}@browser.test";
        await browser.RegisterAsync(page, "Lê Văn Khoa", email, "Khoa-Password-1");
        await page.GotoAsync("/account/passkeys");
        await page.FillAsync("#passkey-name", "Điện thoại của Khoa");
        await page.ClickAsync("form[data-passkey=create] button[type=submit]");
        await Expect(page.Locator("main p.success[role=status]")).ToBeVisibleAsync();
        await Expect(page.Locator("ul.passkeys .passkey-name")).ToHaveTextAsync("Điện thoại của Khoa");
        await BrowserFixture.ScreenshotAsync(page, "added");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.ClickAsync("form[action='/account/logout'] button");
        await page.GotoAsync("/account/login?returnUrl=%2Fmy%2Forganisations");
        await page.ClickAsync("#passkey-sign-in");
        await Expect(page).ToHaveURLAsync(new Regex("/my/organisations$"));
        await Expect(page.Locator("form[action='/account/logout']")).ToHaveCountAsync(1);
    }
}
