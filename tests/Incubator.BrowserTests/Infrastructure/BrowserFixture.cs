using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Incubator.Web.Features.Content;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;

namespace Incubator.BrowserTests.Infrastructure;

/// <summary>
/// One running site and one headless Chromium shared by the journeys; each actor (visitor, applicant, staff)
/// gets a browser context of their own, so their cookies never mix.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(null)
    {
    }

    /// <param name="settings">Site settings over the journeys' defaults (see <see cref="KestrelSite"/>).</param>
    protected BrowserFixture(IReadOnlyDictionary<string, string?>? settings) => Site = new KestrelSite(settings);

    /// <summary>Debian's Chromium: the tests never download a browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public KestrelSite Site { get; }
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the journeys leave their screenshots: the test output folder, never the repository.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Install Debian's package (apt-get install -y chromium); the browser tests never download one.");
        }

        Site.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        System.IO.Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Site.DisposeAsync();
    }

    /// <summary>
    /// A new browser context for one person, on a desktop screen unless told otherwise, with a Vietnamese browser
    /// unless <paramref name="locale"/> says otherwise (null keeps Chromium's own default).
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, string? locale = "vi-VN") =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });

    /// <summary>What the site shows in Vietnamese for an English key, through the site's own localiser.</summary>
    public string Text(string english, params object[] arguments)
    {
        var localizer = Site.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(Program));
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = JsonStringLocalizerFactory.Vietnamese;
        try
        {
            return arguments.Length == 0 ? localizer[english].Value : localizer[english, arguments].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The label the site shows for a profile's status.</summary>
    public string StatusText(string status) => Text(ContentDisplay.Humanize(status));

    /// <summary>A full-page screenshot named after the test and, for a step on the way, the step.</summary>
    public static Task ScreenshotAsync(IPage page, string? step = null, [CallerMemberName] string name = "") =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder, step is null ? $"{name}.png" : $"{name}.{step}.png"),
            FullPage = true,
        });

    /// <summary>A client of the JSON API signed in as <paramref name="email"/> with a bearer token, over real HTTP.</summary>
    public async Task<HttpClient> ApiClientAsync(string email, string password)
    {
        var client = new HttpClient { BaseAddress = Site.Address };
        await SignInOverApiAsync(client, email, password);
        return client;
    }

    private static async Task SignInOverApiAsync(HttpClient client, string email, string password)
    {
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
    }

    /// <summary>
    /// An applicant registered through the JSON API who creates a startup profile and submits it, over real HTTP.
    /// Returns the profile's id.
    /// </summary>
    public async Task<string> SubmitStartupThroughApiAsync(string name, string summary, string sector, string locality)
    {
        using var client = new HttpClient { BaseAddress = Site.Address };
        var email = $"applicant-{Guid.NewGuid():N}@browser.test";
        const string password = "Applicant-Password-1";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        await ConfirmEmailAsync(client, email);
        await SignInOverApiAsync(client, email, password);

        var created = await client.PostAsJsonAsync("/api/organisations", new { kind = "startup", name, summary, sectors = new[] { sector }, locality });
        created.EnsureSuccessStatusCode();
        using var profile = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = profile.RootElement.GetProperty("id").GetString()!;
        (await client.PostAsync(new Uri($"/api/organisations/{id}/submit", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>
    /// Registers through the form as a person does: the page says an e-mail is on its way, the person follows the
    /// e-mail's confirmation link in the same browser, then signs in and lands on their organisations.
    /// </summary>
    public async Task RegisterAsync(IPage page, string name, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/register");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.FillAsync("#name", name);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Assertions.Expect(page.Locator("main p.success[role=status]")).ToBeVisibleAsync();
        await page.GotoAsync(await ConfirmationLinkAsync(email));
        await Assertions.Expect(page.Locator("main p.success[role=status]")).ToBeVisibleAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fmy%2Forganisations");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my/organisations$"));
    }

    /// <summary>Follows the confirmation link e-mailed to <paramref name="email"/> (registered through the API).</summary>
    public async Task ConfirmEmailAsync(HttpClient client, string email)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri(await ConfirmationLinkAsync(email)));
        Assert.Contains("class=\"success\"", page, StringComparison.Ordinal);
    }

    /// <summary>The confirmation link of the newest e-mail queued for <paramref name="email"/>.</summary>
    public async Task<string> ConfirmationLinkAsync(string email)
    {
        using var scope = Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Incubator.Web.Data.IncubatorDbContext>();
        var body = await db.OutboxEmails.Where(e => e.To == email).OrderByDescending(e => e.Id).Select(e => e.HtmlBody).FirstAsync();
        var match = System.Text.RegularExpressions.Regex.Match(body, "href=\"([^\"]*/account/confirm-email[^\"]*)\"");
        Assert.True(match.Success, $"No confirmation link in: {body}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>An account with the given role, created by the administrator through the users API; returns its e-mail.</summary>
    public async Task<string> CreateAccountAsync(string role, string password)
    {
        using var admin = new HttpClient { BaseAddress = Site.Address };
        var login = await admin.PostAsJsonAsync("/api/auth/login", new { email = KestrelSite.AdminEmail, password = KestrelSite.AdminPassword });
        login.EnsureSuccessStatusCode();
        using (var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()))
        {
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        }

        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser.test";
        (await admin.PostAsJsonAsync("/api/admin/users", new { email, password, roles = new[] { role } })).EnsureSuccessStatusCode();
        return email;
    }

    /// <summary>
    /// Someone signs in through the sign-in page in a browser context of their own, on a phone's width when
    /// <paramref name="phone"/>.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password, bool phone = false)
    {
        var context = phone ? await NewContextAsync(width: Accessibility.PhoneWidth, height: 800) : await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Assertions.Expect(page.Locator("header form[action='/account/logout']").First).ToBeAttachedAsync();
        return page;
    }

    /// <summary>Reads the site's database, for what a journey checks behind the pages or sets as its scene.</summary>
    internal async Task<T> QueryAsync<T>(Func<Incubator.Web.Data.IncubatorDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Site.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<Incubator.Web.Data.IncubatorDbContext>());
    }

    /// <summary>Runs a recipe on the site as the recipe command would (a refused recipe throws).</summary>
    public async Task RunRecipeAsync(string recipe)
    {
        using var scope = Site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Incubator.Web.Features.Setup.RecipeRunner>().RunAsync(recipe);
    }

    /// <summary>The administrator signs in through the sign-in page in a browser context of their own.</summary>
    public async Task<IPage> SignInAsStaffAsync()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", KestrelSite.AdminEmail);
        await page.FillAsync("#password", KestrelSite.AdminPassword);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Assertions.Expect(page.Locator("header a[href='/admin']")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Staff open the moderation queue and press the workflow's Approve button on each of the given profiles.</summary>
    public async Task<IPage> PublishAsStaffAsync(params string[] profileIds)
    {
        var page = await SignInAsStaffAsync();
        await page.GotoAsync("/admin/moderation");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        foreach (var id in profileIds)
        {
            var item = page.Locator($"section.moderation-item[data-id='{id}']");
            await Assertions.Expect(item).ToBeVisibleAsync();
            // The button bears the outcome's name in the reader's language, as the workflow type gives it.
            var button = item.Locator("form.workflow-action[data-action='approve'] button[type=submit]");
            var outcome = (await button.InnerTextAsync()).Trim();
            await button.ClickAsync();
            await Assertions.Expect(page.Locator("main [role=status]")).ToHaveTextAsync(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, Text("Done: {0}."), outcome));
            await Assertions.Expect(item).ToHaveCountAsync(0);
        }

        return page;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserJourneys : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
