using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

/// <summary>Registration and sign-in answer alike for addresses with and without an account.</summary>
public sealed class EnumerationTests(Sites sites) : IClassFixture<Sites>
{
    private const string Password = "Enumeration-Password-1";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_alike_and_tell_the_owner_when_the_api_registers_an_address_that_has_an_account(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (_, taken, _) = await site.CreateApplicantAsync();
        using var client = site.CreateClient();
        var fresh = $"fresh-{Guid.NewGuid():N}@test.local";

        using var forFresh = await client.PostAsJsonAsync("/api/auth/register", new { email = fresh, password = Password });
        using var forTaken = await client.PostAsJsonAsync("/api/auth/register", new { email = taken, password = Password });

        Assert.Equal(HttpStatusCode.OK, forFresh.StatusCode);
        Assert.Equal(forFresh.StatusCode, forTaken.StatusCode);
        Assert.Equal(await forFresh.Content.ReadAsStringAsync(), await forTaken.Content.ReadAsStringAsync());
        Assert.Equal(forFresh.Content.Headers.ContentType?.ToString(), forTaken.Content.Headers.ContentType?.ToString());
        Assert.Equal(1, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == taken)));
        Assert.Contains("/account/forgot-password", await site.LastEmailAsync(taken), StringComparison.Ordinal);

        // The owner's password still works: nothing about the account changed.
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = taken, password = "Applicant-Password-1" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_same_page_and_tell_the_owner_when_the_form_registers_an_address_that_has_an_account(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (taken, _) = await site.CreateAccountAsync(Roles.Applicant);
        var fresh = $"fresh-{Guid.NewGuid():N}@test.local";

        async Task<string> RegisterAsync(string email)
        {
            using var client = site.CreateBrowserClient();
            var form = await Forms.GetAsync(client, "/account/register");
            using var response = await Forms.SubmitAsync(client, form, "main form", [new("DisplayName", "Trần Thị B"), new("Email", email), new("Password", Password)]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Forms.ParseAsync(response)).QuerySelector("main")!.TextContent.Replace(email, "{email}", StringComparison.Ordinal);
        }

        Assert.Equal(await RegisterAsync(fresh), await RegisterAsync(taken));
        Assert.Contains("/account/login", await site.LastEmailAsync(taken), StringComparison.Ordinal);
        Assert.Contains("/account/confirm-email", await site.LastEmailAsync(fresh), StringComparison.Ordinal);
        Assert.Equal(1, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == taken)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_locked_only_to_whoever_gives_the_password_when_an_account_is_locked(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        using var browser = site.CreateBrowserClient();
        using var api = site.CreateClient();

        var generic = await SignInMessageAsync(browser, unknown, "Wrong-Password-1");
        var unknownProblem = await ApiLoginAsync(api, unknown, "Wrong-Password-1");
        for (var attempt = 0; attempt < 7; attempt++)
        {
            // Five failures lock the account; the answers before, at and after that point are those of an unknown address.
            Assert.Equal(generic, await SignInMessageAsync(browser, email, $"Wrong-Password-{attempt}"));
            Assert.Equal(unknownProblem, await ApiLoginAsync(api, email, $"Wrong-Password-{attempt}"));
        }

        Assert.NotNull(await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync()));
        var locked = await SignInMessageAsync(browser, email, password);
        Assert.NotEqual(generic, locked);
        Assert.Contains("LockedOut", await ApiLoginAsync(api, email, password), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_offer_the_confirmation_again_only_with_the_password_when_the_address_is_not_confirmed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var email = $"unconfirmed-{Guid.NewGuid():N}@test.local";
        using var anonymous = site.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        using var browser = site.CreateBrowserClient();

        var generic = await SignInMessageAsync(browser, $"nobody-{Guid.NewGuid():N}@test.local", Password);
        Assert.Equal(generic, await SignInMessageAsync(browser, email, "Wrong-Password-1"));
        Assert.NotEqual(generic, await SignInMessageAsync(browser, email, Password));

        await site.ConfirmEmailAsync(email);
        await Forms.SignInAsync(browser, email, Password);
    }

    private static async Task<string?> SignInMessageAsync(HttpClient client, string email, string password)
    {
        var login = await Forms.GetAsync(client, "/account/login");
        using var response = await Forms.SubmitAsync(client, login, "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Forms.ParseAsync(response)).QuerySelector("p.notice[role=alert]")?.TextContent.Trim();
    }

    private static async Task<string> ApiLoginAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("detail").GetString() ?? string.Empty;
    }
}
