using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Incubator.Recipes;

/// <summary>What an export holds: a site's configuration, or also its content (items and records staff keep).</summary>
public enum RecipeExportKind
{
    /// <summary>Set-up data a recipe ships: roles, taxonomies, workflow types, programmes, targets...</summary>
    Configuration,

    /// <summary>Data people write on the site; exported only when content is asked for.</summary>
    Content,
}

/// <summary>
/// A step kind that can write the site's data back in its own JSON shape, so that running the exported step on an
/// empty site re-creates that data. Implemented by the feature that owns the step, usually on the step itself.
/// </summary>
public interface IRecipeExport
{
    /// <summary>The step's name, as in <see cref="IRecipeStep.Name"/>.</summary>
    string Name { get; }

    /// <summary>Whether the step is configuration or content.</summary>
    RecipeExportKind ExportKind { get; }

    /// <summary>Where the step goes in an exported recipe: a step comes after the steps whose data it refers to.</summary>
    int ExportOrder { get; }

    /// <summary>The step's data without its "name", or null when the site has nothing for it.</summary>
    Task<JsonObject?> ExportAsync(CancellationToken cancellationToken);
}

/// <summary>Assembles a recipe (<c>name</c>, <c>description</c>, <c>steps</c>) from every step that can export.</summary>
public sealed class RecipeExporter(IEnumerable<IRecipeStep> stepKinds)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Vietnamese stays readable in the file; the file is data for a recipe, never written into a page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The recipe as indented JSON text.</summary>
    /// <param name="name">The recipe's key (lower-case letters, digits and dashes).</param>
    /// <param name="description">What the recipe sets up.</param>
    /// <param name="includeContent">Whether content steps are exported too.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<string> ExportAsync(string name, string description, bool includeContent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        var steps = new JsonArray();
        var exports = stepKinds.OfType<IRecipeExport>()
            .Where(e => includeContent || e.ExportKind == RecipeExportKind.Configuration)
            .OrderBy(e => e.ExportOrder)
            .ThenBy(e => e.Name, StringComparer.Ordinal);
        foreach (var export in exports)
        {
            if (await export.ExportAsync(cancellationToken) is not { } data)
            {
                continue;
            }

            var step = new JsonObject { ["name"] = export.Name };
            foreach (var (key, value) in data.ToList())
            {
                data.Remove(key);
                step[key] = value;
            }

            steps.Add(step);
        }

        var recipe = new JsonObject { ["name"] = name, ["description"] = description, ["steps"] = steps };
        return recipe.ToJsonString(Indented) + "\n";
    }
}
