using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Recipes;

/// <summary>
/// <c>dotnet Incubator.Web.dll recipe run|check &lt;file&gt;</c> as a person runs it: a real process on a database of its
/// own, which it migrates and sets up, then applies the recipe to and exits.
/// </summary>
public sealed class RecipeCommandTests
{
    internal const string Good = """
        {
          "name": "command-test",
          "variables": { "title": "Tin thử" },
          "steps": [
            { "name": "Holidays", "days": [ { "date": "2031-05-02", "name": "Nghỉ bù thử" } ] },
            { "name": "Content", "items": [ { "type": "news", "slug": "tin-thu-dong-lenh", "published": true,
              "fields": { "Title": "{{title}} từ dòng lệnh", "Summary": "Tóm tắt", "Body": "Nội dung" } } ] }
          ]
        }
        """;

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_apply_a_recipe_once_and_change_nothing_the_second_time_when_run_from_the_command_line(DatabaseProvider provider)
    {
        await using var database = await CommandDatabase.CreateAsync(provider);
        var file = database.Write("good.recipe.json", Good);

        var first = await database.RunAsync("recipe", "run", file, "--set", "title=Bản tin");
        var second = await database.RunAsync("recipe", "run", file);

        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.Contains("Holidays: 1 changed", first.Output, StringComparison.Ordinal);
        Assert.Contains("Content: 1 changed", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Errors);
        Assert.Contains("Recipe 'command-test' applied: 0 records changed.", second.Output, StringComparison.Ordinal);
        Assert.Equal("Bản tin từ dòng lệnh", await database.ScalarAsync("""SELECT "Title" FROM "News" WHERE "Slug" = 'tin-thu-dong-lenh' AND "Published" """));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_exit_with_the_reason_and_change_nothing_when_the_recipe_is_refused(DatabaseProvider provider)
    {
        await using var database = await CommandDatabase.CreateAsync(provider);
        var broken = database.Write("broken.recipe.json", Good.Replace("2031-05-02", "2031-02-30", StringComparison.Ordinal));
        var unknown = database.Write("unknown.recipe.json", Good.Replace("\"Holidays\"", "\"Weather\"", StringComparison.Ordinal));

        var refused = await database.RunAsync("recipe", "run", broken);
        var checkedOnly = await database.RunAsync("recipe", "check", unknown);
        var usage = await database.RunAsync("recipe", "explode", broken);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Step 1 (Holidays), field $.days[0].date: '2031-02-30' is not a date", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(1, checkedOnly.ExitCode);
        Assert.Contains("Step 1 (Weather), field $.name", checkedOnly.Errors, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal("0", await database.ScalarAsync("""SELECT count(*) FROM "News" WHERE "Slug" = 'tin-thu-dong-lenh'"""));
        Assert.Equal("0", await database.ScalarAsync("""SELECT count(*) FROM "Holidays" WHERE "Name" = 'Nghỉ bù thử'"""));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_write_a_recipe_file_and_exit_0_when_the_site_is_exported_from_the_command_line(DatabaseProvider provider)
    {
        await using var database = await CommandDatabase.CreateAsync(provider);
        var recipe = database.Write("good.recipe.json", Good);
        var configuration = database.Write("configuration.recipe.json", string.Empty);
        var content = database.Write("content.recipe.json", string.Empty);
        File.Delete(configuration);
        File.Delete(content);

        var ran = await database.RunAsync("recipe", "run", recipe);
        var exported = await database.RunAsync("recipe", "export", configuration);
        var withContent = await database.RunAsync("recipe", "export", content, "--content");
        var usage = await database.RunAsync("recipe", "export", configuration, "--everything");

        Assert.True(ran.ExitCode == 0, ran.Errors);
        Assert.True(exported.ExitCode == 0, exported.Errors);
        Assert.True(withContent.ExitCode == 0, withContent.Errors);
        Assert.Equal(2, usage.ExitCode);
        var schema = Incubator.Recipes.RecipeSchema.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "recipes", "recipe.schema.json")));
        foreach (var file in new[] { configuration, content })
        {
            using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Empty(schema.Validate(document.RootElement));
        }

        var steps = RecipeExportTests.StepNames(await File.ReadAllTextAsync(configuration));
        Assert.Subset(steps.ToHashSet(), new HashSet<string> { "Roles", "Taxonomies", "Holidays", "WorkflowTypes" });
        Assert.DoesNotContain("Content", steps);
        var withItems = await File.ReadAllTextAsync(content);
        Assert.Contains("Content", RecipeExportTests.StepNames(withItems));
        Assert.Contains("\"tin-thu-dong-lenh\"", withItems, StringComparison.Ordinal);
        Assert.Contains("Nghỉ bù thử", withItems, StringComparison.Ordinal);
    }
}
