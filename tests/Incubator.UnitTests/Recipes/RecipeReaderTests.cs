using System.Text.Json;
using Incubator.Recipes;

namespace Incubator.UnitTests.Recipes;

public sealed class RecipeReaderTests
{
    private const string Valid = """
        {
          "name": "default",
          "description": "The default set-up",
          "steps": [
            { "$comment": "a note for readers, not for the step", "name": "Taxonomies", "terms": [ { "code": "agri" } ] },
            { "name": "Pages", "count": 2 },
            { "name": "Taxonomies" }
          ]
        }
        """;

    [Fact]
    public void Should_read_name_description_and_steps_when_recipe_is_valid()
    {
        var recipe = RecipeReader.Parse(Valid);

        Assert.Equal("default", recipe.Name);
        Assert.Equal("The default set-up", recipe.Description);
        Assert.Equal([1, 2, 3], recipe.Steps.Select(s => s.Number));
        Assert.Equal(["Taxonomies", "Pages", "Taxonomies"], recipe.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Should_strip_name_from_step_data_when_recipe_is_valid()
    {
        var recipe = RecipeReader.Parse(Valid);

        Assert.All(recipe.Steps, s =>
        {
            Assert.Equal(JsonValueKind.Object, s.Data.ValueKind);
            Assert.False(s.Data.TryGetProperty("name", out _));
            Assert.False(s.Data.TryGetProperty("$comment", out _));
        });
        Assert.Equal("agri", recipe.Steps[0].Data.GetProperty("terms")[0].GetProperty("code").GetString());
        Assert.Equal(2, recipe.Steps[1].Data.GetProperty("count").GetInt32());
        Assert.Empty(recipe.Steps[2].Data.EnumerateObject());
    }

    [Fact]
    public void Should_hash_recipe_text_when_parsing()
    {
        var first = RecipeReader.Parse(Valid);
        var again = RecipeReader.Parse(Valid);
        var other = RecipeReader.Parse(Valid.Replace("default set-up", "other set-up", StringComparison.Ordinal));

        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
        Assert.Equal(first.Hash, again.Hash);
        Assert.NotEqual(first.Hash, other.Hash);
    }

    [Fact]
    public void Should_have_null_description_when_recipe_has_none()
    {
        var recipe = RecipeReader.Parse("""{ "name": "x", "steps": [] }""");

        Assert.Null(recipe.Description);
        Assert.Empty(recipe.Steps);
    }

    [Theory]
    [InlineData("{ \"name\": ")]
    [InlineData("not json")]
    [InlineData("{ \"name\": \"x\", \"steps\": [], }")]
    public void Should_throw_not_valid_json_when_text_is_malformed(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeReader.Parse(json));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Theory]
    [InlineData("""{ "steps": [] }""")]
    [InlineData("""{ "name": "", "steps": [] }""")]
    [InlineData("""{ "name": "   ", "steps": [] }""")]
    [InlineData("""{ "name": 42, "steps": [] }""")]
    public void Should_throw_when_recipe_has_no_name(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeReader.Parse(json));

        Assert.Contains("\"name\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "x" }""")]
    [InlineData("""{ "name": "x", "steps": {} }""")]
    [InlineData("""{ "name": "x", "steps": null }""")]
    public void Should_throw_when_recipe_has_no_steps_array(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeReader.Parse(json));

        Assert.Contains("\"steps\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"recipe\"")]
    public void Should_throw_when_root_is_not_an_object(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeReader.Parse(json));

        Assert.Contains("JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [ { "name": "A" }, { "count": 1 } ] }""")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "A" }, { "name": "" } ] }""")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "A" }, { "name": 3 } ] }""")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "A" }, "B" ] }""")]
    public void Should_throw_with_step_number_when_a_step_has_no_name(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeReader.Parse(json));

        Assert.Equal(2, ex.StepNumber);
        Assert.Equal("$.name", ex.Field);
    }

    [Fact]
    public void Should_read_typed_step_when_data_matches()
    {
        var step = RecipeReader.Parse("""{ "name": "x", "steps": [ { "name": "Counter", "count": 3, "label": "Ba" } ] }""").Steps[0];

        var data = step.Read<CounterData>();

        Assert.Equal(3, data.Count);
        Assert.Equal("Ba", data.Label);
    }

    [Fact]
    public void Should_locate_error_when_a_field_has_the_wrong_type()
    {
        var recipe = RecipeReader.Parse("""{ "name": "x", "steps": [ { "name": "A" }, { "name": "Counter", "count": true } ] }""");

        var ex = Assert.Throws<RecipeException>(() => recipe.Steps[1].Read<CounterData>());

        Assert.Equal(2, ex.StepNumber);
        Assert.Equal("Counter", ex.StepName);
        Assert.Equal("$.count", ex.Field);
        Assert.False(string.IsNullOrEmpty(ex.Reason));
        Assert.Contains("Step 2 (Counter)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_locate_error_when_a_nested_field_has_the_wrong_type()
    {
        var step = RecipeReader.Parse("""{ "name": "x", "steps": [ { "name": "Terms", "terms": [ { "code": "a" }, { "code": 5 } ] } ] }""").Steps[0];

        var ex = Assert.Throws<RecipeException>(() => step.Read<TermsData>());

        Assert.Equal(1, ex.StepNumber);
        Assert.Equal("Terms", ex.StepName);
        Assert.Equal("$.terms[1].code", ex.Field);
    }

    [Fact]
    public void Should_locate_error_when_step_has_an_unknown_property()
    {
        var step = RecipeReader.Parse("""{ "name": "x", "steps": [ { "name": "Counter", "count": 1, "colour": "red" } ] }""").Steps[0];

        var ex = Assert.Throws<RecipeException>(() => step.Read<CounterData>());

        Assert.Equal(1, ex.StepNumber);
        Assert.Equal("Counter", ex.StepName);
        Assert.Equal("$.colour", ex.Field);
        Assert.Contains("colour", ex.Message, StringComparison.Ordinal);
    }

    private sealed record CounterData(int Count, string? Label);

    private sealed record TermsData(IReadOnlyList<TermData> Terms);

    private sealed record TermData(string Code);

    [Theory]
    [InlineData("{ // a note\n \"name\": \"x\", \"steps\": [] }")]
    [InlineData("{ \"name\": \"x\", /* a note */ \"steps\": [] }")]
    public void Should_refuse_naming_where_notes_belong_when_a_recipe_holds_comments(string json)
    {
        var refusal = Assert.Throws<RecipeException>(() => RecipeReader.Parse(json));

        Assert.Contains("not valid JSON", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("$comment", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_be_strict_json_when_the_shipped_recipes_are_read()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "recipes")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var files = Directory.GetFiles(Path.Combine(folder.FullName, "recipes"), "*.json");
        Assert.True(files.Length >= 6, $"only {files.Length} recipe files found");
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }
}
