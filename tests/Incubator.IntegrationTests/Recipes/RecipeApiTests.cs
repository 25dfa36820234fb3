using System.Net;
using AngleSharp.Dom;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Recipes;

/// <summary>Starting recipes over the API and the page while one runs: one at a time, the second refused with 409.</summary>
public sealed class RecipeApiTests
{
    private static string Holidays(string name, DateOnly first, int count) =>
        JsonSerializer.Serialize(new
        {
            name,
            steps = new object[]
            {
                new { name = "Holidays", days = Enumerable.Range(0, count).Select(i => new { date = first.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), name = $"Ngày thử {i}" }) },
            },
        });

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_second_start_with_409_when_a_recipe_is_already_running(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateUserAsync("Staff");
        using var browser = await site.CreateBrowserUserAsync("Staff");
        var uploadPage = await Forms.GetAsync(browser, "/admin/recipes");
        var first = new DateOnly(2060, 1, 1);

        // The first run waits for the database's write lock (on PostgreSQL, the recipes' advisory lock), which the
        // test holds until both second starts have been answered, so the first is still running when they arrive.
        HttpResponseMessage started, second, secondPage;
        await using (await HoldRecipeLockAsync(site))
        {
            started = await PostAsync(staff, Holidays("long-run", first, 30));
            second = await PostAsync(staff, Holidays("second-run", new DateOnly(2070, 1, 1), 1));
            secondPage = await UploadAsync(browser, uploadPage, Holidays("third-run", new DateOnly(2071, 1, 1), 1));
        }

        var state = await WaitAsync(staff);

        using (started)
        using (second)
        using (secondPage)
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, secondPage.StatusCode);
            var refusal = (await Forms.ParseAsync(secondPage)).QuerySelector("#recipe-refusal")?.TextContent;
            Assert.Contains(Texts.Vi("Another recipe is running; wait until it ends, then start this one again."), refusal, StringComparison.Ordinal);
        }

        Assert.Equal(("Done", "long-run", 1, 1, 30), (state.GetProperty("status").GetString(), state.GetProperty("recipe").GetString(), state.GetProperty("step").GetInt32(), state.GetProperty("steps").GetInt32(), state.GetProperty("changed").GetInt32()));
        Assert.Equal(30, await site.QueryAsync(db => db.Holidays.CountAsync(h => h.Date >= first)));
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date.Year == 2070 || h.Date.Year == 2071)));
    }

    /// <summary>Takes what a recipe run waits for: SQLite's write lock, or the recipes' advisory lock on PostgreSQL.</summary>
    private static async Task<IAsyncDisposable> HoldRecipeLockAsync(SiteFactory site)
    {
        System.Data.Common.DbConnection connection = site.Provider == DatabaseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(site.ConnectionString)
            : new Npgsql.NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = site.Provider == DatabaseProvider.Sqlite ? "BEGIN IMMEDIATE" : "SELECT pg_advisory_lock(7461002)";
        await command.ExecuteNonQueryAsync();
        return new HeldLock(connection, site.Provider == DatabaseProvider.Sqlite ? "ROLLBACK" : "SELECT pg_advisory_unlock(7461002)");
    }

    private sealed class HeldLock(System.Data.Common.DbConnection connection, string release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = release;
                await command.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_400_naming_the_step_and_field_when_the_api_is_given_a_broken_recipe(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateUserAsync("Staff");
        using var applicant = await site.CreateUserAsync("Applicant");

        using var refused = await PostAsync(staff, Holidays("broken-api", new DateOnly(2060, 1, 1), 1).Replace("2060-01-01", "2060-02-30", StringComparison.Ordinal));
        using var forbidden = await PostAsync(applicant, Holidays("not-staff", new DateOnly(2061, 1, 1), 1));
        using var plain = await staff.PostAsync(new Uri("/api/recipes/runs", UriKind.Relative), new StringContent(Holidays("plain", new DateOnly(2062, 1, 1), 1), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("$.days[0].date", problem.RootElement.GetProperty("field").GetString());
        Assert.Equal("Holidays", problem.RootElement.GetProperty("stepName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date.Year >= 2060)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_staff_a_recipe_that_sets_permissions_when_only_an_administrator_may_grant_them(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateUserAsync("Staff");
        using var admin = await site.CreateUserAsync("Administrator");
        const string Escalate = """{ "name": "escalate", "steps": [ { "name": "Roles", "roles": [], "permissions": { "Staff": ["BackOffice", "Staff", "Administration"] } } ] }""";

        // The grants the site already has (the default recipe's, an export's) stay open to staff.
        using (var same = await PostAsync(staff, """{ "name": "same-grants", "steps": [ { "name": "Roles", "roles": [], "permissions": { "Staff": ["Staff", "BackOffice"] } } ] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, same.StatusCode);
        }

        await UntilIdleAsync(staff);
        using var refused = await PostAsync(staff, Escalate);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Roles", problem.RootElement.GetProperty("stepName").GetString());
            Assert.Contains(Texts.Vi("changes what the role may do; only an administrator may run such a recipe"), problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False(await StaffHoldsAdministrationAsync(site));

        // An administrator may run it (and it is put back at once so the site keeps the product's design).
        using var accepted = await PostAsync(admin, Escalate);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await StaffHoldsAdministrationAsync(site) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await StaffHoldsAdministrationAsync(site));
    }

    private static async Task UntilIdleAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Json.GetAsync(client, "/api/recipes/runs/current")).GetProperty("status").GetString() == "Running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private static Task<bool> StaffHoldsAdministrationAsync(SiteFactory site) =>
        site.QueryAsync(db => (from c in db.RoleClaims join r in db.Roles on c.RoleId equals r.Id
                               where r.Name == "Staff" && c.ClaimType == Web.Features.Account.Permissions.ClaimType && c.ClaimValue == "Administration"
                               select c).AnyAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync(new Uri("/api/recipes/runs", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, IDocument page, string json)
    {
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form#recipe-upload input[name='__RequestVerificationToken']")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "upload", "second.recipe.json" },
            { new StringContent("run"), "then" },
        };
        return await browser.PostAsync(new Uri("/admin/recipes/Upload", UriKind.Relative), content);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient staff)
    {
        for (var i = 0; i < 480; i++)
        {
            var state = await staff.GetFromJsonAsync<JsonElement>(new Uri("/api/recipes/runs/current", UriKind.Relative));
            if (state.GetProperty("status").GetString() is "Done" or "Failed")
            {
                return state;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The recipe did not end within two minutes.");
    }
}
