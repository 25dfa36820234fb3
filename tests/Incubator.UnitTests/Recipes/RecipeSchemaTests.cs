using System.Text.Json;
using Incubator.Recipes;

namespace Incubator.UnitTests.Recipes;

public sealed class RecipeSchemaTests
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["name", "days"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "pattern": "^[a-z]+$" },
            "kind": { "enum": ["a", "b"] },
            "count": { "type": "integer", "minimum": 1, "maximum": 3 },
            "days": { "type": "array", "maxItems": 2, "items": { "$ref": "#/$defs/day" } }
          },
          "allOf": [ { "if": { "properties": { "kind": { "const": "b" } } }, "then": { "required": ["count"] } } ],
          "$defs": { "day": { "type": "object", "required": ["date"], "properties": { "date": { "type": "string", "format": "date" } } } }
        }
        """;

    private static IReadOnlyList<SchemaError> Check(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RecipeSchema.Parse(Schema).Validate(document.RootElement);
    }

    [Fact]
    public void Should_accept_a_document_when_it_follows_the_schema() =>
        Assert.Empty(Check("""{ "name": "x", "kind": "b", "count": 2, "days": [ { "date": "2026-09-02" } ] }"""));

    [Theory]
    [InlineData("""{ "days": [] }""", "$.name", "is required")]
    [InlineData("""{ "name": "X1", "days": [] }""", "$.name", "must match ^[a-z]+$")]
    [InlineData("""{ "name": 3, "days": [] }""", "$.name", "must be a string, not a number")]
    [InlineData("""{ "name": "x", "days": [], "colour": 1 }""", "$.colour", "is not a known field here")]
    [InlineData("""{ "name": "x", "days": [], "kind": "c" }""", "$.kind", "must be one of \"a\", \"b\"")]
    [InlineData("""{ "name": "x", "days": [], "count": 1.5 }""", "$.count", "must be a whole number, not a number")]
    [InlineData("""{ "name": "x", "days": [], "count": 4 }""", "$.count", "must be at most 3")]
    [InlineData("""{ "name": "x", "days": [ { "date": "2026-02-30" } ] }""", "$.days[0].date", "'2026-02-30' is not a date; write it as yyyy-MM-dd")]
    [InlineData("""{ "name": "x", "days": [ {}, {}, {} ] }""", "$.days", "takes at most 2 item(s)")]
    [InlineData("""{ "name": "x", "days": [], "kind": "b" }""", "$.count", "is required")]
    public void Should_name_the_field_and_the_reason_when_a_document_breaks_the_schema(string json, string path, string message) =>
        Assert.Contains(new SchemaError(path, message), Check(json));

    [Fact]
    public void Should_refuse_a_schema_when_it_is_not_a_json_schema() =>
        Assert.Throws<InvalidOperationException>(() => RecipeSchema.Parse("""{ "type": 3 }"""));

    [Fact]
    public void Should_check_every_keyword_when_the_schema_uses_one_the_recipes_do_not_use_yet()
    {
        using var document = JsonDocument.Parse("""{ "a": [1, 1], "b": "x" }""");

        var errors = RecipeSchema.Parse("""
            { "properties": { "a": { "uniqueItems": true }, "b": { "anyOf": [ { "type": "integer" }, { "type": "boolean" } ] } } }
            """).Validate(document.RootElement);

        Assert.Contains(errors, e => e.Path == "$.a");
        Assert.Contains(new SchemaError("$.b", "matches none of the allowed shapes"), errors);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Should_read_the_recipe_schema_and_accept_the_default_recipe_when_both_ship_together()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "recipes");
        var schema = RecipeSchema.Parse(File.ReadAllText(Path.Combine(folder, "recipe.schema.json")));

        var recipe = RecipeReader.Parse(File.ReadAllText(Path.Combine(folder, "default.recipe.json")), schema);

        Assert.Equal("default", recipe.Name);
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "recipes");

    private static List<string> Files() =>
        [.. System.IO.Directory.GetFiles(Folder, "*.recipe.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> ShippedRecipes() => new(Files());

    [Fact]
    public void Should_ship_the_province_and_demo_recipes_when_the_recipes_are_copied_beside_the_tests()
    {
        var shipped = Files();

        foreach (var name in new[] { "default", "demo", "cao-bang", "bac-kan", "kon-tum" })
        {
            Assert.Contains($"{name}.recipe.json", shipped);
        }
    }

    [Theory]
    [MemberData(nameof(ShippedRecipes))]
    public void Should_accept_every_shipped_recipe_when_it_is_checked_against_the_schema(string file)
    {
        var schema = RecipeSchema.Parse(File.ReadAllText(Path.Combine(Folder, "recipe.schema.json")));

        var recipe = RecipeReader.Parse(File.ReadAllText(Path.Combine(Folder, file)), schema);

        Assert.Equal(file[..^".recipe.json".Length], recipe.Name);
        Assert.False(string.IsNullOrWhiteSpace(recipe.Description));
    }

    [Fact]
    public void Should_give_each_programme_and_target_its_own_key_when_several_recipes_set_up_one_site()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Files())
        {
            var recipe = RecipeReader.Parse(File.ReadAllText(Path.Combine(Folder, file)));
            foreach (var step in recipe.Steps.Where(s => s.Name is "Programmes" or "Targets"))
            {
                foreach (var item in step.Data.GetProperty(step.Name == "Programmes" ? "programmes" : "targets").EnumerateArray())
                {
                    var key = $"{step.Name}:{item.GetProperty("key").GetString()}";
                    Assert.True(owners.TryAdd(key, file), $"{key} is set by both {owners.GetValueOrDefault(key)} and {file}");
                }
            }
        }

        Assert.NotEmpty(owners);
    }
}
