using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Setup;

public sealed class RecipeTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_nothing_when_the_default_recipe_runs_a_second_time(DatabaseProvider provider)
    {
        using var scope = sites[provider].Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var before = await CountsAsync(db);
        Assert.True(before.Terms > 0 && before.Pages > 0 && before.Roles == 6 && before.WorkflowTypes >= 2 && before.Holidays >= 22, $"the first start ran the default recipe: {before}");

        var result = await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunByNameAsync("default");

        Assert.Equal(0, result.Changed);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_whole_recipe_and_change_nothing_when_a_later_step_is_broken(DatabaseProvider provider)
    {
        using var scope = sites[provider].Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var code = "test-" + Guid.NewGuid().ToString("N")[..8];
        var recipe = $$"""
            { "name": "broken-{{code}}", "steps": [
              { "name": "Taxonomies", "taxonomies": [ { "name": "sectors", "terms": [ { "code": "{{code}}", "vi": "Thử" } ] } ] },
              { "name": "Content", "items": [ { "type": "page", "slug": "{{code}}", "published": true, "fields": { "Title": "x", "Colour": "red" } } ] }
            ] }
            """;

        var error = await Assert.ThrowsAsync<RecipeException>(() => scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync(recipe));

        Assert.Equal(2, error.StepNumber);
        Assert.Contains("Colour", error.Message, StringComparison.Ordinal);
        Assert.False(await db.TaxonomyTerms.AnyAsync(t => t.Code == code));
        Assert.False(await db.SiteSettings.AnyAsync(s => s.Key == $"recipe:broken-{code}"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_roll_back_earlier_steps_when_a_step_fails_while_running(DatabaseProvider provider)
    {
        using var scope = sites[provider].Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var code = "test-" + Guid.NewGuid().ToString("N")[..8];

        // The sector is unknown only when the Content step runs (validation accepts any code), so the
        // Taxonomies step has already written its term when the failure happens.
        var recipe = $$"""
            { "name": "late-{{code}}", "steps": [
              { "name": "Taxonomies", "taxonomies": [ { "name": "stages", "terms": [ { "code": "{{code}}", "vi": "Thử" } ] } ] },
              { "name": "Content", "items": [ { "type": "startup", "slug": "{{code}}", "published": true, "fields": { "Title": "x", "Summary": "y", "Sectors": [ "no-such-sector" ] } } ] }
            ] }
            """;

        await Assert.ThrowsAsync<RecipeException>(() => scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync(recipe));

        Assert.False(await db.TaxonomyTerms.AnyAsync(t => t.Code == code));
        Assert.False(await db.Startups.AnyAsync(s => s.Slug == code));
    }

    private static async Task<(int Terms, int Pages, int Roles, int Audit, int WorkflowTypes, int Holidays)> CountsAsync(IncubatorDbContext db) =>
        (await db.TaxonomyTerms.CountAsync(), await db.SitePages.CountAsync(), await db.Roles.CountAsync(), await db.AuditEntries.CountAsync(), await db.WorkflowTypes.CountAsync(), await db.Holidays.CountAsync());
}
