using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Admin;

public sealed class UsersTests(Sites sites) : IClassFixture<Sites>
{
    private const string Password = "New-User-Password-1";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_the_user_with_roles_when_an_administrator_posts_to_the_users_api(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var email = $"staff-{Guid.NewGuid():N}@test.local";

        using var response = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = Password, roles = new[] { "Staff", "Reviewer" } });
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal(email, created.Text("email"));
        Assert.False(string.IsNullOrEmpty(created.Text("id")));
        Assert.Equal($"/api/admin/users/{created.Text("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(["Reviewer", "Staff"], (await RolesAsync(site, email)).Order(StringComparer.Ordinal));

        using var staff = await site.CreateSignedInBrowserAsync(email, Password);
        using var dashboard = await staff.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_create_nobody_when_the_users_api_is_called_by_an_applicant_or_anonymously(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var staff = await site.CreateUserAsync("Staff");
        using var anonymous = site.CreateClient();
        foreach (var (client, expected) in new[] { (applicant, HttpStatusCode.Forbidden), (staff, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            var email = $"nope-{Guid.NewGuid():N}@test.local";
            using var response = await client.PostAsJsonAsync("/api/admin/users", new { email, password = Password, roles = new[] { "Administrator" } });
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(0, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        }

        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_and_create_nobody_when_the_users_api_gets_bad_input(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        foreach (var (email, password, roles, field) in new[]
                 {
                     ($"role-{Guid.NewGuid():N}@test.local", Password, new[] { "Staff", "Emperor" }, "roles"),
                     ("not-an-email", Password, new[] { "Staff" }, "email"),
                     ($"weak-{Guid.NewGuid():N}@test.local", "weak", new[] { "Staff" }, "password"),
                 })
        {
            using var response = await admin.PostAsJsonAsync("/api/admin/users", new { email, password, roles });
            var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.Errors(field));
            Assert.Equal(0, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        }

        using var unknown = await admin.PostAsJsonAsync("/api/admin/users", new { email = $"role-{Guid.NewGuid():N}@test.local", password = Password, roles = new[] { "Emperor" } });
        Assert.Contains("Emperor", (await Json.ReadAsync(unknown, HttpStatusCode.BadRequest)).Errors("roles")[0], StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_a_user_and_change_their_roles_when_an_administrator_uses_the_users_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var email = $"page-{Guid.NewGuid():N}@test.local";

        var page = await Forms.GetAsync(admin, "/admin/users");
        using (var created = await Forms.SubmitAsync(admin, page, "form[action*='handler=Create']", [new("email", email), new("password", Password), new("roles", "Staff")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        Assert.Equal(["Staff"], await RolesAsync(site, email));
        using (var staff = await site.CreateSignedInBrowserAsync(email, Password))
        {
            using var dashboard = await staff.GetAsync(new Uri("/admin", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }

        var id = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        page = await Forms.GetAsync(admin, "/admin/users");
        using (var saved = await Forms.SubmitAsync(admin, page, $"form[action*='handler=Roles'][action*='id={id}']", [new("roles", "Applicant")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(["Applicant"], await RolesAsync(site, email));
        using var demoted = await site.CreateSignedInBrowserAsync(email, Password);
        using var denied = await demoted.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("/account/denied", Forms.Location(denied), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_an_error_and_create_nobody_when_the_users_page_gets_a_bad_email(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var before = await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == "not-an-email"));
        var page = await Forms.GetAsync(admin, "/admin/users");
        using var response = await Forms.SubmitAsync(admin, page, "form[action*='handler=Create']", [new("email", "not-an-email"), new("password", Password)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.Vi("Enter a valid e-mail address."), (await Forms.ParseAsync(response)).QuerySelector("#n-email ~ .field-error")?.TextContent.Trim());
        Assert.Equal(before, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == "not-an-email")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_a_locked_out_user_sign_in_again_when_an_administrator_unlocks_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Applicant");
        using (var client = site.CreateBrowserClient())
        {
            for (var i = 0; i < 5; i++)
            {
                var login = await Forms.GetAsync(client, "/account/login");
                using var failed = await Forms.SubmitAsync(client, login, "main form", [new("Email", email), new("Password", "Wrong-Password-1")]);
                Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            }
        }

        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var id = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var page = await Forms.GetAsync(admin, "/admin/users");
        Assert.Equal(Texts.Vi("Locked out"), page.QuerySelector($"form[action*='handler=Roles'][action*='id={id}']")?.Closest("tr")?.QuerySelector(".badge")?.TextContent.Trim());
        using (var unlocked = await Forms.SubmitAsync(admin, page, $"form[action*='handler=Unlock'][action*='id={id}']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        }

        using var again = await site.CreateSignedInBrowserAsync(email, password);
        using var mine = await again.GetAsync(new Uri("/my/organisations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    private static async Task<List<string>> RolesAsync(SiteFactory site, string email)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return [.. await users.GetRolesAsync(user)];
    }
}
