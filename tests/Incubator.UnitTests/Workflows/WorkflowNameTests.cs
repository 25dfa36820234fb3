using System.Text.Json;
using Incubator.Workflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkflowNameTests
{
    private const string Named = """
        {
          "key": "named", "name": { "vi": "Quy trình thử", "en": "Trial flow" }, "startEvent": "e",
          "activities": [
            { "kind": "start", "id": "s", "name": { "vi": "Bắt đầu", "en": "Start" }, "event": "e" },
            { "kind": "userTask", "id": "u", "name": { "vi": "Thẩm định sơ bộ" }, "roles": [ "Staff" ],
              "outcomes": [ { "id": "pass", "name": { "vi": "Đạt", "en": "Pass" }, "requiresComment": true } ] }
          ],
          "transitions": [ { "from": "s", "outcome": "done", "to": "u" } ]
        }
        """;

    private const string Old = """
        {
          "key": "old", "name": "Old flow", "startEvent": "e",
          "activities": [
            { "kind": "start", "id": "s", "event": "e" },
            { "kind": "userTask", "id": "u", "roles": [ "Staff" ], "outcomes": [ { "name": "pass", "internal": true } ] }
          ],
          "transitions": [ { "from": "s", "outcome": "done", "to": "u" } ]
        }
        """;

    [Fact]
    public void Should_read_names_per_language_and_the_outcome_key_from_id_when_a_definition_names_its_steps()
    {
        var type = WorkflowJson.Parse(Named);

        Assert.Equal(("Quy trình thử", "Trial flow"), (type.Name.InLanguage("vi"), type.Name.InLanguage("en")));
        var task = Assert.IsType<UserTaskActivity>(type.FindActivity("u"));
        Assert.Equal("Thẩm định sơ bộ", task.Name!.InLanguage("vi"));
        Assert.Null(task.Name.InLanguage("en"));
        var outcome = Assert.Single(task.Outcomes);
        Assert.Equal(("pass", "Đạt", true), (outcome.Name, outcome.DisplayName!.InLanguage("vi"), outcome.RequiresComment));
        Assert.Empty(WorkflowTypeValidator.Validate(type));
        Assert.Equal(WorkflowJson.Serialize(type), WorkflowJson.Serialize(WorkflowJson.Parse(WorkflowJson.Serialize(type))));
    }

    [Fact]
    public void Should_read_an_old_definition_and_write_it_back_in_its_own_shape_when_it_has_no_names()
    {
        var type = WorkflowJson.Parse(Old);

        Assert.True(type.Name.IsText);
        Assert.Equal("Old flow", type.Name.AnyText());
        Assert.Null(type.Name.InLanguage("vi"));
        var outcome = Assert.Single(Assert.IsType<UserTaskActivity>(type.FindActivity("u")).Outcomes);
        Assert.Equal(("pass", true), (outcome.Name, outcome.Internal));
        Assert.Null(outcome.DisplayName);
        Assert.Null(type.FindActivity("s")!.Name);

        // Installed versions are compared by this text, so an old definition must come out as it always did.
        var written = WorkflowJson.Serialize(type);
        Assert.Contains("\"name\":\"Old flow\"", written, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"pass\",\"requiresComment\":false,\"internal\":true,\"data\":[]}", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"pass\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"vi\"", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": { "vi": "Đạt" } }""")]
    [InlineData("""{ "id": "pass", "name": { "vi": "Đạt", "fr": "Passé" } }""")]
    [InlineData("""{ "id": "pass", "label": "Đạt" }""")]
    [InlineData("""{ "requiresComment": true }""")]
    [InlineData("""{ "id": "pass", "internal": "yes" }""")]
    public void Should_refuse_an_outcome_when_its_key_or_name_is_malformed(string outcome)
    {
        Assert.ThrowsAny<JsonException>(() => WorkflowJson.Parse(Old.Replace("""{ "name": "pass", "internal": true }""", outcome, StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_refuse_a_name_given_per_language_without_vietnamese_when_the_type_is_validated()
    {
        var type = WorkflowJson.Parse(Named.Replace("""{ "vi": "Thẩm định sơ bộ" }""", """{ "en": "Screening" }""", StringComparison.Ordinal)
            .Replace("""{ "vi": "Quy trình thử", "en": "Trial flow" }""", """{ "vi": " ", "en": "Trial flow" }""", StringComparison.Ordinal));

        var errors = WorkflowTypeValidator.Validate(type);

        Assert.Contains(errors, e => e.ActivityId == "u" && e.Field == "name.vi");
        Assert.Contains(errors, e => e.ActivityId is null && e.Field == "name.vi");
    }
}
