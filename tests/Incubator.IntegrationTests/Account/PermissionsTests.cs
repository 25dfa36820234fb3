using System.Net;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Account;

/// <summary>Permissions as data: the recipes' Roles step grants them, and every policy follows on the next request.</summary>
public sealed class PermissionsTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly string[] LeaderDefault = [Policies.BackOffice];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_hold_the_product_defaults_when_the_default_recipe_created_the_roles(DatabaseProvider provider)
    {
        var grants = await GrantsAsync(sites[provider]);

        Assert.Equal(["Administration", "BackOffice", "Staff"], grants["Administrator"]);
        Assert.Equal(["BackOffice", "Staff"], grants["Staff"]);
        Assert.Equal(["BackOffice"], grants["Leader"]);
        Assert.False(grants.ContainsKey("Reviewer") || grants.ContainsKey("Applicant"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_administrators_what_each_role_may_do_when_they_open_users_and_roles(DatabaseProvider provider)
    {
        using var admin = await sites[provider].CreateBrowserUserAsync("Administrator");
        var page = await Forms.GetAsync(admin, "/admin/users");

        string Cell(string role, string permission) => page.QuerySelector($"table.permissions td[data-role='{role}'][data-permission='{permission}']")?.TextContent ?? "(none)";
        Assert.Equal(Texts.Vi("Yes"), Cell("Staff", "Staff"));
        Assert.Equal(Texts.Vi("No"), Cell("Leader", "Staff"));
        Assert.Equal(Texts.Vi("Yes"), Cell("Administrator", "Administration"));
        Assert.Equal(Texts.Vi("No"), Cell("Applicant", "BackOffice"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_a_leader_do_staff_work_when_a_recipe_grants_it_and_stop_when_it_is_taken_back(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var leader = await site.CreateBrowserUserAsync("Leader");
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(leader, "/api/reviewers/nobody@example.com/links"));
        try
        {
            Assert.Equal(1, (await site.RunRecipeAsync(Grant("Leader", "BackOffice", "Staff"))).Changed);
            Assert.Equal(0, (await site.RunRecipeAsync(Grant("Leader", "BackOffice", "Staff"))).Changed);

            // The same signed-in leader, without signing in again, is let in: the address is simply no reviewer's.
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(leader, "/api/reviewers/nobody@example.com/links"));

            Assert.Equal(2, (await site.RunRecipeAsync(Grant("Leader"))).Changed);
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(leader, "/api/reviewers/nobody@example.com/links"));
            Assert.NotEqual(HttpStatusCode.OK, await StatusAsync(leader, "/admin"));
        }
        finally
        {
            await site.RunRecipeAsync(Grant("Leader", LeaderDefault));
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(leader, "/admin"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_a_recipe_would_take_rights_from_administrators_or_names_an_unknown_one(DatabaseProvider provider)
    {
        var site = sites[provider];
        var before = await GrantsAsync(site);

        var admin = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Grant("Administrator", "BackOffice")));
        var unknown = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Grant("Staff", "BackOffice", "DeleteEverything")));

        Assert.Contains("Administrator", admin.Message, StringComparison.Ordinal);
        Assert.Contains("$.permissions.Staff", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(await GrantsAsync(site)));
    }

    private static string Grant(string role, params string[] permissions) =>
        JsonSerializer.Serialize(new { name = "permissions-test", steps = new object[] { new { name = "Roles", roles = Array.Empty<string>(), permissions = new Dictionary<string, string[]> { [role] = permissions } } } });

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return response.StatusCode;
    }

    private static Task<SortedDictionary<string, List<string>>> GrantsAsync(SiteFactory site) =>
        site.QueryAsync(async db =>
        {
            var rows = await (from c in db.RoleClaims join r in db.Roles on c.RoleId equals r.Id where c.ClaimType == Permissions.ClaimType select new { r.Name, c.ClaimValue }).ToListAsync();
            return new SortedDictionary<string, List<string>>(
                rows.GroupBy(r => r.Name!).ToDictionary(g => g.Key, g => g.Select(r => r.ClaimValue!).Order(StringComparer.Ordinal).ToList()),
                StringComparer.Ordinal);
        });
}
