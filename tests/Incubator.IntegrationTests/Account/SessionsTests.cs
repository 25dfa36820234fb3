using System.Net;
using System.Net.Http.Json;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Account;

/// <summary>Sessions end on the server: a copied cookie or an old token stops working when its session or account changes.</summary>
public sealed class SessionsTests(Sites sites) : IClassFixture<Sites>
{
    private const string StaffApi = "/api/reviewers/nobody@example.com/links";

    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_a_copied_cookie_when_the_browser_signed_out(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        using var thief = Sessions.CookieClient(site, jar.AuthHeader);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(thief));

        using (var browser = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }))
        using (var signedOut = await jar.PostFormAsync(browser, "/account/logout", "main form", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(thief));
        using var admin = await thief.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("/account/login", Forms.Location(admin), StringComparison.Ordinal);
        Assert.Contains(admin.Headers.GetValues("Set-Cookie"), c => c.StartsWith("incubator.auth=;", StringComparison.Ordinal));
        Assert.Equal(SessionEndReasons.SignedOut, await site.QueryAsync(db => db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.Email == email)).Select(s => s.EndReason).SingleAsync()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_old_cookies_bearers_and_refresh_tokens_when_the_password_changes(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        var (access, refresh) = await Sessions.LoginAsync(site, email, password);
        using var cookie = Sessions.CookieClient(site, jar.AuthHeader);
        using var bearer = Sessions.BearerClient(site, access);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(cookie));
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(bearer));

        using (var changer = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, password)).Access))
        using (var changed = await changer.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = password, newPassword = "Changed-Password-2" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(bearer));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(site, refresh)).Status);
        Assert.Equal(0, await LiveSessionsAsync(site, email));
        using var again = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, "Changed-Password-2")).Access);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(again));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_old_cookies_and_bearers_and_audit_it_when_the_password_is_reset(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        using var cookie = Sessions.CookieClient(site, jar.AuthHeader);
        using var bearer = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, password)).Access);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(bearer));

        string code;
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var token = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!);
            code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        }

        using (var anonymous = site.CreateClient())
        using (var reset = await anonymous.PostAsJsonAsync("/api/auth/resetPassword", new { email, resetCode = code, newPassword = "Reset-Password-2" }))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(bearer));
        Assert.Equal(1, await site.QueryAsync(db => db.SecurityEvents.CountAsync(e => e.Kind == SecurityEventKinds.PasswordReset && e.Email == email)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_a_removed_role_on_the_next_request_when_an_administrator_takes_it_away(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        using var cookie = Sessions.CookieClient(site, jar.AuthHeader);
        using var bearer = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, password)).Access);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(cookie, "/admin"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bearer, StaffApi));

        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var id = await UserIdAsync(site, email);
        var users = await Forms.GetAsync(admin, "/admin/users");
        using (var saved = await Forms.FillAndSubmitAsync(admin, users, $"form[action*='{id}'][action*='handler=Roles']", new Dictionary<string, string[]> { ["roles"] = ["Applicant"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(cookie, "/admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(bearer, StaffApi));
        var change = await site.QueryAsync(db => db.SecurityEvents.SingleAsync(e => e.Kind == SecurityEventKinds.RolesChanged && e.UserId == id));
        Assert.Equal("Staff → Applicant", change.Detail);
        Assert.Equal(await UserIdAsync(site, SiteFactory.AdminEmail), change.ActorId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_read_roles_from_the_database_when_the_ticket_still_names_a_removed_role(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Staff");
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        using var cookie = Sessions.CookieClient(site, jar.AuthHeader);
        using var bearer = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, password)).Access);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bearer, StaffApi));

        // Behind Identity's back, so the security stamp stays: only the per-request read of the roles can notice.
        var id = await UserIdAsync(site, email);
        await site.QueryAsync(db => db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(bearer, StaffApi));
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(bearer));
        using var admin = await cookie.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("/account/denied", Forms.Location(admin), StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_an_old_bearer_when_the_security_stamp_changes(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        using var bearer = Sessions.BearerClient(site, (await Sessions.LoginAsync(site, email, password)).Access);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(bearer));

        // Straight in the table, as another web instance would: no session row is touched, only the stamp differs.
        var id = await UserIdAsync(site, email);
        await site.QueryAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, "changed-elsewhere")));

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(bearer));
        Assert.Equal(1, await LiveSessionsAsync(site, email));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_keep_the_session_when_a_token_is_refreshed_and_refuse_both_tokens_after_logout(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        var (access, refresh) = await Sessions.LoginAsync(site, email, password);

        var (status, renewed) = await Sessions.RefreshAsync(site, refresh);
        Assert.Equal(HttpStatusCode.OK, status);
        using var bearer = Sessions.BearerClient(site, renewed!);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(bearer));
        Assert.Equal(1, await site.QueryAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.Email == email))));

        using (var logout = await bearer.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var old = Sessions.BearerClient(site, access);
        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(old));
        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(bearer));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(site, refresh)).Status);
        Assert.Equal(1, await site.QueryAsync(db => db.SecurityEvents.CountAsync(e => e.Kind == SecurityEventKinds.SignedOut && e.Email == email)));
    }

    internal static Task<string> UserIdAsync(SiteFactory site, string email) =>
        site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    internal static Task<int> LiveSessionsAsync(SiteFactory site, string email) =>
        site.QueryAsync(db => db.UserSessions.CountAsync(s => s.EndedUtc == null && db.Users.Any(u => u.Id == s.UserId && u.Email == email)));

    internal static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return response.StatusCode;
    }
}
