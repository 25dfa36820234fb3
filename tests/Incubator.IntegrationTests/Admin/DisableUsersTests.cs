using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Account;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Admin;

/// <summary>Administrators disable and enable accounts; a disabled account signs in nowhere and keeps no session.</summary>
public sealed class DisableUsersTests(Sites sites) : IClassFixture<Sites>
{
    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_every_sign_in_and_session_when_an_administrator_disables_a_user_until_enabled(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        var id = await SessionsTests.UserIdAsync(site, email);
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        var (access, refresh) = await Sessions.LoginAsync(site, email, password);
        using var cookie = Sessions.CookieClient(site, jar.AuthHeader);
        using var bearer = Sessions.BearerClient(site, access);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(cookie));
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(bearer));

        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        using (var disabled = await admin.PostAsync(new Uri($"/api/admin/users/{id}/disable", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(bearer));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(site, refresh)).Status);
        Assert.Equal(0, await SessionsTests.LiveSessionsAsync(site, email));

        // The API answers exactly as for a wrong password, so no one learns the account is disabled. (Its cookie sign-in,
        // ?useCookies=true, needs an antiforgery token and is refused before any of this; the page is checked below.)
        var (other, _) = await site.CreateAccountAsync();
        using var anonymous = site.CreateClient();
        foreach (var path in new[] { "/api/auth/login" })
        {
            using var refused = await anonymous.PostAsJsonAsync(path, new { email, password });
            using var wrong = await anonymous.PostAsJsonAsync(path, new { email = other, password = "Wrong-Password-9" });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal((await Json.ReadAsync(wrong, HttpStatusCode.Unauthorized)).Text("detail"), (await Json.ReadAsync(refused, HttpStatusCode.Unauthorized)).Text("detail"));
        }

        using (var browser = site.CreateBrowserClient())
        {
            var login = await Forms.GetAsync(browser, "/account/login");
            using var refused = await Forms.SubmitAsync(browser, login, "main form", [new("Email", email), new("Password", password)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(Texts.Vi("The e-mail or password is not right."), (await Forms.ParseAsync(refused)).QuerySelector(".notice")?.TextContent.Trim());
        }

        using (var enabled = await admin.PostAsync(new Uri($"/api/admin/users/{id}/enable", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);
        }

        using var again = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, password)).Access);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(again));
        using var page = await site.CreateSignedInBrowserAsync(email, password);
        var adminId = await SessionsTests.UserIdAsync(site, SiteFactory.AdminEmail);
        var kinds = await site.QueryAsync(db => db.SecurityEvents.Where(e => e.UserId == id && e.ActorId == adminId).Select(e => e.Kind).ToListAsync());
        Assert.Contains(SecurityEventKinds.UserDisabled, kinds);
        Assert.Contains(SecurityEventKinds.UserEnabled, kinds);
        Assert.Contains(SecurityEventKinds.UserCreated, kinds);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_answer_403_to_others_404_to_unknown_ids_and_400_to_oneself_when_disabling(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, _) = await site.CreateAccountAsync();
        var id = await SessionsTests.UserIdAsync(site, email);
        using var staff = await site.CreateUserAsync("Staff");
        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var adminId = await SessionsTests.UserIdAsync(site, SiteFactory.AdminEmail);

        using (var forbidden = await staff.PostAsync(new Uri($"/api/admin/users/{id}/disable", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var unknown = await admin.PostAsync(new Uri("/api/admin/users/no-such-user/disable", UriKind.Relative), null))
        {
            Assert.Equal(404, (await Json.ReadAsync(unknown, HttpStatusCode.NotFound)).GetProperty("status").GetInt32());
        }

        using (var self = await admin.PostAsync(new Uri($"/api/admin/users/{adminId}/disable", UriKind.Relative), null))
        {
            Assert.Equal(400, (await Json.ReadAsync(self, HttpStatusCode.BadRequest)).GetProperty("status").GetInt32());
        }

        Assert.False(await site.QueryAsync(db => db.Users.AnyAsync(u => u.Disabled && (u.Id == id || u.Id == adminId))));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_show_the_state_and_switch_it_when_an_administrator_uses_the_users_page_buttons(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        var id = await SessionsTests.UserIdAsync(site, email);
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);

        var page = await Forms.GetAsync(admin, "/admin/users");
        using (var disabled = await Forms.SubmitAsync(admin, page, $"form[action*='{id}'][action*='handler=Disable']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        page = await Forms.GetAsync(admin, "/admin/users");
        Assert.NotNull(page.QuerySelector($"form[action*='{id}'][action*='handler=Enable']"));
        Assert.Equal(Texts.Vi("Disabled"), page.QuerySelector($"form[action*='{id}'][action*='handler=Enable']")!.Closest("tr")!.QuerySelector("[data-state=disabled]")?.TextContent);
        using (var browser = site.CreateBrowserClient())
        {
            var login = await Forms.GetAsync(browser, "/account/login");
            using var refused = await Forms.SubmitAsync(browser, login, "main form", [new("Email", email), new("Password", password)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using (var enabled = await Forms.SubmitAsync(admin, page, $"form[action*='{id}'][action*='handler=Enable']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        }

        using var signedIn = await site.CreateSignedInBrowserAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, await SessionsTests.StatusAsync(signedIn, "/account/sessions"));
    }
}
