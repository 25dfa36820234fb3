using System.Text.Json;
using Incubator.Workflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkflowDataTests
{
    private static readonly DataField[] Declared =
    [
        new() { Name = "approvedAmount", Type = DataFieldType.Money },
        new() { Name = "score", Type = DataFieldType.Number },
        new() { Name = "urgent", Type = DataFieldType.Boolean },
        new() { Name = "fields", Type = DataFieldType.List },
        new() { Name = "decisionNumber" },
    ];

    [Fact]
    public void Should_read_numbers_booleans_and_arrays_as_the_declared_types_when_the_data_is_json()
    {
        var (values, errors) = WorkflowData.FromJson(Declared, Parse("""{ "approvedAmount": 200000000, "score": 12.5, "urgent": true, "fields": ["summary", " team "], "decisionNumber": "7/QĐ" }"""));

        Assert.Empty(errors);
        Assert.Equal("200000000", values["approvedAmount"]);
        Assert.Equal("12.5", values["score"]);
        Assert.Equal("true", values["urgent"]);
        Assert.Equal("summary, team", values["fields"]);
        Assert.Equal("7/QĐ", values["decisionNumber"]);
    }

    [Fact]
    public void Should_keep_the_text_forms_when_html_forms_post_strings()
    {
        var (values, errors) = WorkflowData.FromJson(Declared, Parse("""{ "approvedAmount": "200000000", "urgent": "false", "fields": "summary, team" }"""));

        Assert.Empty(errors);
        Assert.Equal(("200000000", "false", "summary, team"), (values["approvedAmount"], values["urgent"], values["fields"]));
    }

    [Fact]
    public void Should_name_each_value_of_the_wrong_json_type_when_the_data_is_mistyped()
    {
        var (_, errors) = WorkflowData.FromJson(Declared, Parse("""{ "approvedAmount": 1.5, "score": [1], "urgent": 1, "fields": [1, 2], "decisionNumber": 7 }"""));

        Assert.Equal(
            ["data.approvedAmount", "data.decisionNumber", "data.fields", "data.score", "data.urgent"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Must be a list of texts.", errors["data.fields"]);
    }

    private static Dictionary<string, JsonElement> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
