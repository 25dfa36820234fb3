using System.Text.Json;
using System.Text.Json.Nodes;
using Incubator.Recipes;

namespace Incubator.UnitTests.Recipes;

public sealed class RecipeExporterTests
{
    [Fact]
    public async Task Should_order_steps_by_export_order_and_leave_out_content_and_empty_steps_when_content_is_not_asked_for()
    {
        var exporter = new RecipeExporter(
        [
            new ExportingStep("Content", RecipeExportKind.Content, 70, new JsonObject { ["items"] = new JsonArray() }),
            new ExportingStep("Targets", RecipeExportKind.Configuration, 60, null),
            new ExportingStep("Taxonomies", RecipeExportKind.Configuration, 20, new JsonObject { ["taxonomies"] = new JsonArray("x") }),
            new ExportingStep("Roles", RecipeExportKind.Configuration, 10, new JsonObject { ["roles"] = new JsonArray("Staff") }),
            new PlainStep(),
        ]);

        var configuration = await exporter.ExportAsync("site-export", "Cấu hình", includeContent: false);
        var withContent = await exporter.ExportAsync("site-export", "Cấu hình", includeContent: true);

        Assert.Equal(["Roles", "Taxonomies"], Names(configuration));
        Assert.Equal(["Roles", "Taxonomies", "Content"], Names(withContent));
        Assert.Contains("\"description\": \"Cấu hình\"", configuration, StringComparison.Ordinal);
        var recipe = RecipeReader.Parse(configuration);
        Assert.Equal(("site-export", "Cấu hình"), (recipe.Name, recipe.Description));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "roles": [ "Staff" ] }"""), JsonNode.Parse(recipe.Steps[0].Data.GetRawText())));
    }

    private static List<string> Names(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
    }

    private sealed class ExportingStep(string name, RecipeExportKind kind, int order, JsonObject? data) : IRecipeStep, IRecipeExport
    {
        public string Name => name;

        public RecipeExportKind ExportKind => kind;

        public int ExportOrder => order;

        public Task<JsonObject?> ExportAsync(CancellationToken cancellationToken) => Task.FromResult(data?.DeepClone().AsObject());

        public void Validate(RecipeStep step)
        {
        }

        public Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class PlainStep : IRecipeStep
    {
        public string Name => "Plain";

        public void Validate(RecipeStep step)
        {
        }

        public Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
