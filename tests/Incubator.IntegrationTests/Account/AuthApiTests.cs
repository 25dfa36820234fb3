using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

public sealed class AuthApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_register_an_applicant_and_give_a_bearer_token_when_they_log_in(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = site.CreateClient();
        var email = $"api-{Guid.NewGuid():N}@test.local";
        const string password = "Api-Password-1";

        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        // The address is proved before the account signs in; the e-mailed link (on the site's own address) does it.
        using (var unconfirmed = await client.PostAsJsonAsync("/api/auth/login", new { email, password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unconfirmed.StatusCode);
        }

        await site.ConfirmEmailAsync(email);
        Assert.Equal(["Applicant"], await site.QueryAsync(db => (
            from link in db.UserRoles
            join role in db.Roles on link.RoleId equals role.Id
            join user in db.Users on link.UserId equals user.Id
            where user.Email == email
            select role.Name).ToListAsync()));
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        var token = await Json.ReadAsync(login);
        Assert.Equal("Bearer", token.Text("tokenType"));
        Assert.False(string.IsNullOrEmpty(token.Text("accessToken")));
        Assert.True(token.GetProperty("expiresIn").GetInt32() > 0);

        // The token works, and it is an applicant's: their own organisations yes, administration no.
        using var bearer = site.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Text("accessToken"));
        var mine = await Json.GetAsync(bearer, "/api/organisations");
        Assert.Equal(0, mine.GetArrayLength());
        using var admin = await bearer.PostAsJsonAsync("/api/admin/users", new { email = $"x-{Guid.NewGuid():N}@test.local", password, roles = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_401_and_no_token_when_the_login_is_wrong(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (_, email, _) = await site.CreateApplicantAsync();
        using var client = site.CreateClient();
        foreach (var body in new object[] { new { email, password = "Wrong-Password-1" }, new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "Whatever-1" } })
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", body);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_and_create_nobody_when_the_registration_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (_, taken, _) = await site.CreateApplicantAsync();
        using var client = site.CreateClient();
        foreach (var (email, password) in new[]
                 {
                     (taken, "short"),
                     ($"weak-{Guid.NewGuid():N}@test.local", "short"),
                     ("not-an-email", "Valid-Password-1"),
                 })
        {
            using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password });
            var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("errors", out _), $"No errors for {email}");
            Assert.Equal(email == taken ? 1 : 0, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        }
    }
}
