using System.Text.Json;
using Incubator.Recipes;

namespace Incubator.UnitTests.Recipes;

public sealed class RecipeVariablesTests
{
    private const string Recipe = """
        {
          "name": "province",
          "variables": { "province": "cao-bang", "budget": 500000000, "open": true },
          "steps": [ { "name": "Probe", "key": "{{province}}-startups", "amount": "{{budget}}", "open": "{{ open }}", "note": "Tỉnh {{province}}: {{budget}} ₫" } ]
        }
        """;

    [Fact]
    public void Should_put_each_value_in_its_own_type_when_a_string_is_only_a_placeholder()
    {
        var step = RecipeReader.Parse(Recipe).Steps[0].Data;

        Assert.Equal("cao-bang-startups", step.GetProperty("key").GetString());
        Assert.Equal(500000000, step.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.True, step.GetProperty("open").ValueKind);
        Assert.Equal("Tỉnh cao-bang: 500000000 ₫", step.GetProperty("note").GetString());
    }

    [Fact]
    public void Should_use_the_given_values_when_the_caller_overrides_variables()
    {
        var step = RecipeReader.Parse(Recipe, variables: new Dictionary<string, string> { ["province"] = "bac-kan", ["budget"] = "1000" }).Steps[0].Data;

        Assert.Equal("bac-kan-startups", step.GetProperty("key").GetString());
        Assert.Equal(1000, step.GetProperty("amount").GetInt64());
    }

    [Fact]
    public void Should_refuse_the_recipe_when_a_placeholder_or_an_override_names_no_declared_variable()
    {
        var undeclared = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe.Replace("{{province}}-startups", "{{district}}", StringComparison.Ordinal)));
        Assert.Contains("'district'", undeclared.Message, StringComparison.Ordinal);
        Assert.Contains("$.steps[0].key", undeclared.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe, variables: new Dictionary<string, string> { ["district"] = "x" }));
        Assert.Contains("no variable 'district'", unknown.Message, StringComparison.Ordinal);

        Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe, variables: new Dictionary<string, string> { ["budget"] = "many" }));
    }

    [Fact]
    public void Should_name_the_step_and_its_field_when_the_substituted_recipe_breaks_the_schema()
    {
        var schema = RecipeSchema.Parse("""
            { "type": "object", "properties": { "steps": { "type": "array", "items": { "type": "object", "properties": { "amount": { "type": "integer" } } } } } }
            """);

        var error = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Recipe, schema, new Dictionary<string, string> { ["budget"] = "12.5" }));

        Assert.Equal((1, "Probe", "$.amount"), (error.StepNumber, error.StepName, error.Field));
    }
}
