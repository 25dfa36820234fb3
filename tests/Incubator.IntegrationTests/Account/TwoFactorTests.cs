using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

/// <summary>Back-office roles must sign in with a second factor (Security:RequireSecondFactor, on by default).</summary>
public sealed class TwoFactorTests
{
    private static SiteFactory Site(DatabaseProvider provider) =>
        new(provider, new Dictionary<string, string?> { ["Security:RequireSecondFactor"] = "true" });

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_staff_actions_until_the_administrator_enrols_over_the_api_and_then_sign_in_with_a_code(DatabaseProvider provider)
    {
        using var site = Site(provider);
        using var client = site.CreateClient();
        var token = await LoginAsync(client, new { email = SiteFactory.AdminEmail, password = SiteFactory.AdminPassword });
        using var admin = Bearer(site, token);

        // Signed in with a password alone, the administrator may do nothing of the back office's yet.
        using (var refused = await admin.PostAsJsonAsync("/api/admin/users", new { email = "x@test.local", password = "User-Password-1", roles = new[] { Roles.Staff } }))
        {
            var problem = await Json.ReadAsync(refused, HttpStatusCode.Forbidden);
            Assert.Equal("https://incubator.local/problems/second-factor-required", problem.Text("type"));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        // Identity's own management endpoint gives the key; a code from it turns the second factor on.
        var key = (await Json.ReadAsync(await admin.PostAsJsonAsync("/api/auth/manage/2fa", new { }))).Text("sharedKey");
        var enabled = await Json.ReadAsync(await admin.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) }));
        Assert.True(enabled.GetProperty("isTwoFactorEnabled").GetBoolean());
        var recoveryCodes = enabled.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // The password alone no longer gives a token; with a code, or a recovery code (once), it does.
        using (var passwordOnly = await client.PostAsJsonAsync("/api/auth/login", new { email = SiteFactory.AdminEmail, password = SiteFactory.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
            Assert.Contains("RequiresTwoFactor", await passwordOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var withCode = await LoginAsync(client, new { email = SiteFactory.AdminEmail, password = SiteFactory.AdminPassword, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        using var enrolled = Bearer(site, withCode);
        using (var created = await enrolled.PostAsJsonAsync("/api/admin/users", new { email = $"staff-{Guid.NewGuid():N}@test.local", password = "User-Password-1", roles = new[] { Roles.Staff } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var withRecovery = new { email = SiteFactory.AdminEmail, password = SiteFactory.AdminPassword, twoFactorRecoveryCode = recoveryCodes[0] };
        Assert.False(string.IsNullOrEmpty(await LoginAsync(client, withRecovery)));
        using var reused = await client.PostAsJsonAsync("/api/auth/login", withRecovery);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_staff_to_enrol_then_ask_for_a_code_or_a_recovery_code_when_they_sign_in_with_the_pages(DatabaseProvider provider)
    {
        using var site = Site(provider);
        var admin = await EnrolledAdministratorAsync(site);
        var email = $"staff-{Guid.NewGuid():N}@test.local";
        const string password = "Staff-Password-1";
        (await admin.PostAsJsonAsync("/api/admin/users", new { email, password, roles = new[] { Roles.Staff } })).EnsureSuccessStatusCode();

        using var browser = site.CreateBrowserClient();
        await Forms.SignInAsync(browser, email, password);

        // The back office shows only the enrolment page until a second factor is set up.
        using (var adminPage = await browser.GetAsync(new Uri("/admin/applications", UriKind.Relative)))
        {
            Assert.StartsWith("/account/two-factor?required=1", Forms.Location(adminPage), StringComparison.Ordinal);
        }

        var setUp = await Forms.GetAsync(browser, "/account/two-factor/authenticator?returnUrl=%2Fadmin%2Fapplications");
        Assert.NotNull(setUp.QuerySelector("div.qr svg"));
        var key = setUp.QuerySelector("#authenticator-key")!.TextContent;
        using (var wrong = await Forms.SubmitAsync(browser, setUp, "main form", [new("Code", "000000")]))
        {
            Assert.NotNull((await Forms.ParseAsync(wrong)).QuerySelector("#code-error"));
        }

        setUp = await Forms.GetAsync(browser, "/account/two-factor/authenticator?returnUrl=%2Fadmin%2Fapplications");
        using var enrolled = await Forms.SubmitAsync(browser, setUp, "main form", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        var shown = await Forms.ParseAsync(enrolled);
        var recoveryCodes = shown.QuerySelectorAll("ul.codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal("/admin/applications", shown.QuerySelector("a.button.primary")!.GetAttribute("href"));
        await Forms.GetAsync(browser, "/admin/applications");

        // Signing in again asks for the code after the password.
        await SignOutAsync(browser);
        var login = await Forms.GetAsync(browser, "/account/login?returnUrl=%2Fadmin");
        using (var first = await Forms.SubmitAsync(browser, login, "main form", [new("Email", email), new("Password", password)]))
        {
            Assert.StartsWith("/account/login/two-factor", Forms.Location(first), StringComparison.Ordinal);
        }

        var second = await Forms.GetAsync(browser, "/account/login/two-factor?returnUrl=%2Fadmin");
        using (var signedIn = await Forms.SubmitAsync(browser, second, "main form", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)))]))
        {
            Assert.Equal("/admin", Forms.Location(signedIn));
        }

        await Forms.GetAsync(browser, "/admin");

        // A recovery code works once.
        foreach (var expectSuccess in new[] { true, false })
        {
            await SignOutAsync(browser);
            login = await Forms.GetAsync(browser, "/account/login");
            (await Forms.SubmitAsync(browser, login, "main form", [new("Email", email), new("Password", password)])).Dispose();
            var recovery = await Forms.GetAsync(browser, "/account/login/two-factor?recovery=true");
            using var answer = await Forms.SubmitAsync(browser, recovery, "main form", [new("Code", recoveryCodes[3])]);
            Assert.Equal(expectSuccess ? HttpStatusCode.Redirect : HttpStatusCode.OK, answer.StatusCode);
        }

        // Phone and codes lost: an administrator resets the second factor, which ends the person's sessions and sends
        // them to enrol again at their next sign-in.
        using var administrator = await CookieWithCodeAsync(site);
        var usersPage = await Forms.GetAsync(administrator, "/admin/users");
        var userId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using (var reset = await Forms.SubmitAsync(administrator, usersPage, $"form[action*='handler=ResetSecondFactor'][action*='{userId}']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        Assert.False(await site.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync()));
        using (var ended = await browser.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("/account/login", Forms.Location(ended), StringComparison.Ordinal);
        }

        using var again = site.CreateBrowserClient();
        await Forms.SignInAsync(again, email, password);
        using var sentToEnrol = await again.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("/account/two-factor?required=1", Forms.Location(sentToEnrol), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_warn_on_the_dashboard_only_when_the_rule_is_off(DatabaseProvider provider)
    {
        using (var on = Site(provider))
        {
            using var admin = await EnrolledAdministratorAsync(on);
            var dashboard = await Forms.GetAsync(await CookieWithCodeAsync(on), "/admin");
            Assert.Null(dashboard.QuerySelector("#second-factor-off"));
        }

        using var off = new SiteFactory(provider);
        var page = await Forms.GetAsync(await off.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword), "/admin");
        Assert.NotNull(page.QuerySelector("#second-factor-off"));
    }

    private static readonly Dictionary<SiteFactory, string> Keys = [];

    /// <summary>Enrols the first administrator over the API and returns a bearer client signed in with a code.</summary>
    private static async Task<HttpClient> EnrolledAdministratorAsync(SiteFactory site)
    {
        using var client = site.CreateClient();
        using var first = Bearer(site, await LoginAsync(client, new { email = SiteFactory.AdminEmail, password = SiteFactory.AdminPassword }));
        var key = (await Json.ReadAsync(await first.PostAsJsonAsync("/api/auth/manage/2fa", new { }))).Text("sharedKey");
        await Json.ReadAsync(await first.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) }));
        lock (Keys)
        {
            Keys[site] = key;
        }

        return Bearer(site, await LoginAsync(client, new { email = SiteFactory.AdminEmail, password = SiteFactory.AdminPassword, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) }));
    }

    private static async Task<HttpClient> CookieWithCodeAsync(SiteFactory site)
    {
        var browser = site.CreateBrowserClient();
        var login = await Forms.GetAsync(browser, "/account/login");
        (await Forms.SubmitAsync(browser, login, "main form", [new("Email", SiteFactory.AdminEmail), new("Password", SiteFactory.AdminPassword)])).Dispose();
        var second = await Forms.GetAsync(browser, "/account/login/two-factor");
        string key;
        lock (Keys)
        {
            key = Keys[site];
        }

        using var signedIn = await Forms.SubmitAsync(browser, second, "main form", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(-30)))]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task SignOutAsync(HttpClient browser)
    {
        var page = await Forms.GetAsync(browser, "/");
        using var response = await Forms.SubmitAsync(browser, page, "form[action='/account/logout']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> LoginAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", body);
        return (await Json.ReadAsync(response)).Text("accessToken");
    }

    private static HttpClient Bearer(SiteFactory site, string token)
    {
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
