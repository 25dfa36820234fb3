using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Recipes;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Setup;

/// <summary>
/// <c>dotnet Incubator.Web.dll</c> with a command, the host's options around it, or a mistake: a real process, which
/// runs the command and exits, or prints the usage and exits 2 without starting the site or touching its database.
/// </summary>
public sealed class CommandLineTests
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_run_the_command_when_the_host_options_stand_before_or_after_it(DatabaseProvider provider)
    {
        await using var database = await CommandDatabase.CreateAsync(provider);
        var contentRoot = System.IO.Directory.CreateDirectory(Path.Combine(database.Folder, "site")).FullName;
        database.Write("good.recipe.json", RecipeCommandTests.Good);

        // The database is named only in the content root's appsettings.json: the command reaches it only when the host
        // was given --contentRoot (and the command did not take it for one of its own words).
        await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), JsonSerializer.Serialize(new { ConnectionStrings = new { Incubator = database.ConnectionString } }));
        var fromContentRoot = new Dictionary<string, string?> { ["ConnectionStrings__Incubator"] = null };
        var after = await database.RunAsync(fromContentRoot, "recipe", "check", "good.recipe.json", "--environment=Staging", $"--contentRoot={contentRoot}", "--urls", "http://127.0.0.1:1");
        var tables = await database.TableCountAsync();
        var before = await database.RunAsync(fromContentRoot, "--contentRoot", contentRoot, "recipe", "check", "good.recipe.json");
        var between = await database.RunAsync("recipe", "--Logging:LogLevel:Default", "Error", "check", "good.recipe.json");

        foreach (var run in new[] { after, before, between })
        {
            Assert.True(run.ExitCode == 0, run.Errors);
            Assert.Contains("Recipe 'command-test' is valid: 2 steps.", run.Output, StringComparison.Ordinal);
        }

        Assert.NotEqual("0", tables);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_print_the_usage_and_exit_2_without_starting_the_site_when_a_command_or_an_option_is_unknown(DatabaseProvider provider)
    {
        await using var database = await CommandDatabase.CreateAsync(provider);
        database.Write("good.recipe.json", RecipeCommandTests.Good);

        var runs = new[]
        {
            await database.RunAsync("--contentRoot", database.Folder, "recipes", "check", "good.recipe.json"),
            await database.RunAsync("--urls", "http://127.0.0.1:1", "--contentRot", database.Folder),
            await database.RunAsync("--Urls"),
            await database.RunAsync("recipe", "explode", "good.recipe.json", "--contentRoot", database.Folder),
            await database.RunAsync("recipe", "export", "site.recipe.json", "--everything"),
        };

        foreach (var run in runs)
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Usage:", run.Errors, StringComparison.Ordinal);
            Assert.Contains("recipe check <file.recipe.json>", run.Errors, StringComparison.Ordinal);
            Assert.Empty(run.Output);
        }

        Assert.Contains("Unknown command 'recipes'.", runs[0].Errors, StringComparison.Ordinal);
        Assert.Contains("Unknown option --contentRot.", runs[1].Errors, StringComparison.Ordinal);
        Assert.Contains("The option --Urls needs a value.", runs[2].Errors, StringComparison.Ordinal);
        Assert.Contains("Wrong arguments for recipe: explode good.recipe.json", runs[3].Errors, StringComparison.Ordinal);
        Assert.Equal("0", await database.TableCountAsync());
        Assert.False(File.Exists(Path.Combine(database.Folder, "site.recipe.json")));
    }

    [Fact]
    public async Task Should_name_the_setting_and_exit_3_without_a_stack_trace_or_any_change_when_the_site_address_is_not_set()
    {
        await using var database = await CommandDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Write("good.recipe.json", RecipeCommandTests.Good);

        var run = await database.RunAsync(new Dictionary<string, string?> { ["Site__BaseUrl"] = null }, "--contentRoot", database.Folder, "recipe", "run", "good.recipe.json");

        Assert.True(run.ExitCode == 3, run.Errors);
        Assert.Contains("Site:BaseUrl is not set", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Equal("0", await database.TableCountAsync());
    }

    [Fact]
    public async Task Should_list_the_commands_and_options_and_exit_0_when_help_is_asked_for()
    {
        await using var database = await CommandDatabase.CreateAsync(DatabaseProvider.Sqlite);

        foreach (var help in new[] { "--help", "-h", "help" })
        {
            var run = await database.RunAsync("--contentRoot", database.Folder, help);

            Assert.True(run.ExitCode == 0, run.Errors);
            Assert.Empty(run.Errors);
            Assert.Contains("recipe run <file.recipe.json> [--set name=value ...]", run.Output, StringComparison.Ordinal);
            Assert.Contains("recipe export <file.recipe.json> [--content]", run.Output, StringComparison.Ordinal);
            Assert.Contains("--contentRoot <folder>", run.Output, StringComparison.Ordinal);
        }
    }
}
