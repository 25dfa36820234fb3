using System.Globalization;
using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Incubator.Web.Features.Setup;

/// <summary>Finds recipes in the recipes folder and runs them atomically against the site's database.</summary>
internal sealed class RecipeRunner(IncubatorDbContext db, RecipeExecutor executor, Microsoft.Extensions.Options.IOptions<RecipesOptions> options, IHostEnvironment environment, TimeProvider clock, RecipeMetrics metrics)
{
    /// <summary>The site setting that holds when (UTC, ISO 8601) the recipe of that name last ran on this site.</summary>
    public const string RanKeyPrefix = "recipe-ran:";

    private RecipeSchema? _schema;

    /// <summary>The recipes folder: <c>Recipes:Path</c>, else the copy next to the binaries, else the repository's.</summary>
    public string Folder
    {
        get
        {
            var configured = options.Value.Path;
            if (!string.IsNullOrEmpty(configured))
            {
                return Path.GetFullPath(configured, environment.ContentRootPath);
            }

            var beside = Path.Combine(AppContext.BaseDirectory, "recipes");
            return System.IO.Directory.Exists(beside) ? beside : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "recipes"));
        }
    }

    public async Task<RecipeResult> RunByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            throw new RecipeException("'{0}' is not a recipe name.", [name]);
        }

        var path = Path.Combine(Folder, $"{name}.recipe.json");
        if (!File.Exists(path))
        {
            throw new RecipeException("Recipe '{0}' was not found in {1}.", [name, Folder]);
        }

        return await RunAsync(await File.ReadAllTextAsync(path, cancellationToken), cancellationToken);
    }

    /// <summary>recipe.schema.json from the recipes folder, read once per runner.</summary>
    public async Task<RecipeSchema> SchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schema is null)
        {
            var path = Path.Combine(Folder, "recipe.schema.json");
            if (!File.Exists(path))
            {
                throw new RecipeException("recipe.schema.json was not found in {0}; recipes are checked against it before they run.", [Folder]);
            }

            _schema = RecipeSchema.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }

        return _schema;
    }

    /// <summary>Checks a recipe against the schema and every step's own rules, changing nothing.</summary>
    public async Task<Recipe> CheckAsync(string json, IReadOnlyDictionary<string, string>? variables = null, CancellationToken cancellationToken = default)
    {
        var recipe = RecipeReader.Parse(json, await SchemaAsync(cancellationToken), variables);
        executor.Validate(recipe);
        return recipe;
    }

    public async Task<RecipeResult> RunAsync(string json, CancellationToken cancellationToken = default) => await RunAsync(json, null, cancellationToken);

    public Task<RecipeResult> RunAsync(string json, IReadOnlyDictionary<string, string>? variables, CancellationToken cancellationToken = default) =>
        RunAsync(json, variables, onStep: null, cancellationToken);

    /// <summary>Runs a recipe, telling <paramref name="onStep"/> about each step as it starts, and records that it ran.</summary>
    public async Task<RecipeResult> RunAsync(string json, IReadOnlyDictionary<string, string>? variables, Action<RecipeStep>? onStep, CancellationToken cancellationToken = default)
    {
        var recipe = RecipeReader.Parse(json, await SchemaAsync(cancellationToken), variables);
        RecipeResult result;
        try
        {
            result = await executor.ExecuteAsync(recipe, BeginAsync, onStep, cancellationToken);
        }
        catch
        {
            // A recipe refused (a step's rule, a conflict) changed nothing; it still counts as a run, a failed one.
            metrics.Ran(succeeded: false);
            throw;
        }

        metrics.Ran(succeeded: true);
        await db.SetSettingAsync($"recipe:{recipe.Name}", recipe.Hash, cancellationToken);
        await db.SetSettingAsync(RanKeyPrefix + recipe.Name, clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>When each recipe last ran on this site, by recipe name.</summary>
    public async Task<Dictionary<string, DateTime>> LastRunsAsync(CancellationToken cancellationToken = default)
    {
        var settings = await db.SiteSettings.AsNoTracking().Where(s => s.Key.StartsWith(RanKeyPrefix)).ToListAsync(cancellationToken);
        var result = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            if (DateTime.TryParse(setting.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                result[setting.Key[RanKeyPrefix.Length..]] = at;
            }
        }

        return result;
    }

    private async Task<IRecipeTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // Two web instances starting together run their first-start recipe one after the other.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7461002)", cancellationToken);
        }

        return new Transaction(db, transaction);
    }

    private sealed class Transaction(IncubatorDbContext db, IDbContextTransaction inner) : IRecipeTransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            await inner.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            db.ChangeTracker.Clear();
        }
    }
}
