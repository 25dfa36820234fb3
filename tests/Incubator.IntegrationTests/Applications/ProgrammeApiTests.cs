using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Applications;

public sealed class ProgrammeApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_a_programme_as_open_and_give_back_its_shape_when_staff_create_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var anonymous = site.CreateClient();
        var key = "cb-" + Guid.NewGuid().ToString("N")[..8];

        var id = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition(key));

        var open = await Json.GetAsync(anonymous, "/api/programmes");
        Assert.Contains(open.EnumerateArray(), p => p.Text("id") == id && p.Text("key") == key && p.GetProperty("round").Text("key") == "2026-1");
        var shown = await Json.GetAsync(anonymous, $"/api/programmes/{key}");
        var definition = shown.GetProperty("definition");
        Assert.Equal(("longtext", "choice"), (definition.GetProperty("form")[0].Text("type"), definition.GetProperty("form")[2].Text("type")));
        Assert.Equal(300_000_000, definition.GetProperty("maxPerApplication").GetInt64());
        Assert.Equal("Tính mới", definition.GetProperty("rubric").GetProperty("criteria")[0].GetProperty("label").Text("vi"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_every_problem_and_store_nothing_when_a_definition_is_invalid(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var key = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var definition = ProgrammeData.Definition(key, maxPerApplication: 5_000_000_000);
        definition["supportType"] = "no-such-type";
        definition["rounds"] = new System.Text.Json.Nodes.JsonArray();
        definition["rubric"]!["criteria"]!.AsArray().Clear();
        definition["workflow"] = "nope";
        var before = await site.QueryAsync(db => db.Programmes.CountAsync());

        using var response = await staff.PostAsJsonAsync("/api/programmes", definition);

        var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "supportType", "rounds", "maxPerApplication", "workflow" })
        {
            Assert.NotEmpty(problem.Errors(field));
        }

        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("rubric", StringComparison.Ordinal));
        Assert.Equal(before, await site.QueryAsync(db => db.Programmes.CountAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_value_that_cannot_be_read_when_a_definition_has_a_wrong_type(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var definition = ProgrammeData.Definition("type-" + Guid.NewGuid().ToString("N")[..8]);
        definition["budget"] = "two billion";

        using var response = await staff.PostAsJsonAsync("/api/programmes", definition);

        Assert.NotEmpty((await Json.ReadAsync(response, HttpStatusCode.BadRequest)).Errors("budget"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_programme_changes_when_the_caller_is_not_staff(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var leader = await site.CreateUserAsync(Roles.Leader);
        using var anonymous = site.CreateClient();
        var definition = ProgrammeData.Definition("x-" + Guid.NewGuid().ToString("N")[..8]);

        using var asApplicant = await applicant.PostAsJsonAsync("/api/programmes", definition);
        using var asLeader = await leader.PostAsJsonAsync("/api/programmes", definition);
        using var asAnonymous = await anonymous.PostAsJsonAsync("/api/programmes", definition);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (asApplicant.StatusCode, asLeader.StatusCode, asAnonymous.StatusCode));
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_nothing_the_second_time_when_a_recipe_brings_the_same_programme(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = "recipe-" + Guid.NewGuid().ToString("N")[..8];
        var recipe = $$"""{ "name": "{{key}}", "steps": [ { "name": "Programmes", "programmes": [ {{ProgrammeData.Definition(key).ToJsonString()}} ] } ] }""";
        using var scope = site.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();

        Assert.Equal(1, (await runner.RunAsync(recipe)).Changed);
        Assert.Equal(0, (await runner.RunAsync(recipe)).Changed);

        var changed = recipe.Replace("\"budget\":2000000000", "\"budget\":2500000000", StringComparison.Ordinal);
        Assert.NotEqual(recipe, changed);
        Assert.Equal(1, (await runner.RunAsync(changed)).Changed);
        var stored = await site.QueryAsync(db => db.Programmes.Where(p => p.Slug == key).OrderBy(p => p.Version).ToListAsync());
        Assert.Equal([(1, false), (2, true)], stored.Select(p => (p.Version, p.Published)));
        Assert.Equal(2_500_000_000, stored[^1].Budget);
    }
}
