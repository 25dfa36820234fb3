using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Setup;

/// <summary>
/// The <c>recipe</c> command: <c>recipe run &lt;file&gt; [--set name=value ...]</c> applies a recipe to the configured
/// database (after its migrations and first-start set-up) and exits; <c>recipe check &lt;file&gt;</c> only checks it. A
/// refused recipe prints why (step, field) on stderr and exits 1, changing nothing; a usage error exits 2.
/// <c>recipe export &lt;file&gt; [--content]</c> writes the site's configuration (and content) as a recipe.
/// </summary>
internal sealed class RecipeCommand : ISiteCommand
{
    public const int Refused = 1;

    public string Name => "recipe";

    public string Summary => "Apply, check or export a recipe (a site's configuration as JSON).";

    public IReadOnlyList<string> Forms { get; } =
    [
        "recipe run <file.recipe.json> [--set name=value ...]",
        "recipe check <file.recipe.json> [--set name=value ...]",
        "recipe export <file.recipe.json> [--content]",
    ];

    public bool Accepts(IReadOnlyList<string> arguments) => arguments switch
    {
        ["export", _] or ["export", _, "--content"] => true,
        ["run" or "check", _, ..] => TryReadSets([.. arguments.Skip(2)], out _),
        _ => false,
    };

    public async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, TextWriter output, TextWriter errors)
    {
        if (arguments is ["export", var target, ..])
        {
            return await ExportAsync(app, target, arguments.Count == 3, output, errors);
        }

        TryReadSets([.. arguments.Skip(2)], out var variables);

        // The operator's own language (LANG), English when the shell names none.
        var localizer = app.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(RecipeMessages));
        var (verb, file) = (arguments[0], arguments[1]);
        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"No recipe file at {Path.GetFullPath(file)}.");
            return SiteCommands.Usage;
        }

        try
        {
            var json = await File.ReadAllTextAsync(file);
            await app.SetUpSiteAsync();
            using var scope = app.Services.CreateScope();
            var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
            if (verb == "check")
            {
                var recipe = await runner.CheckAsync(json, variables);
                await output.WriteLineAsync(localizer["Recipe '{0}' is valid: {1} steps.", recipe.Name, recipe.Steps.Count]);
                return 0;
            }

            var result = await runner.RunAsync(json, variables);
            foreach (var (step, changed) in result.Steps)
            {
                await output.WriteLineAsync($"{step}: {changed} changed");
            }

            await output.WriteLineAsync(localizer["Recipe '{0}' applied: {1} records changed.", result.Recipe, result.Changed]);
            return 0;
        }
        catch (RecipeException ex)
        {
            await errors.WriteLineAsync(localizer["Recipe refused, nothing was changed. {0}", RecipeMessages.Describe(ex, localizer)]);
            return Refused;
        }
    }

    private static async Task<int> ExportAsync(WebApplication app, string target, bool includeContent, TextWriter output, TextWriter errors)
    {
        var full = Path.GetFullPath(target);
        if (Path.GetDirectoryName(full) is { } folder && !System.IO.Directory.Exists(folder))
        {
            await errors.WriteLineAsync($"No folder {folder} to write the export to.");
            return SiteCommands.Usage;
        }

        await app.SetUpSiteAsync();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var json = await SiteExport.ExportAsync(services.GetRequiredService<RecipeExporter>(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, includeContent);
        await File.WriteAllTextAsync(full, json);
        await output.WriteLineAsync($"Exported the site's {(includeContent ? "configuration and content" : "configuration")} to {full}.");
        return 0;
    }

    private static bool TryReadSets(IReadOnlyList<string> rest, out Dictionary<string, string> variables)
    {
        variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Count; i += 2)
        {
            if (rest[i] != "--set" || i + 1 >= rest.Count || rest[i + 1].IndexOf('=', StringComparison.Ordinal) is var at && at <= 0)
            {
                return false;
            }

            variables[rest[i + 1][..at]] = rest[i + 1][(at + 1)..];
        }

        return true;
    }
}
