using System.Text.Json;
using Incubator.Workflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkflowJsonTests
{
    [Fact]
    public void Should_read_every_activity_kind_with_its_settings_when_kind_is_not_the_first_property()
    {
        var type = WorkflowJson.Parse(
            """
            {
              "key": "all", "name": "All kinds", "version": 3, "enabled": false, "startEvent": "report-submitted",
              "activities": [
                { "id": "s", "kind": "start", "event": "report-submitted" },
                { "id": "u", "kind": "userTask", "roles": [ "Leader" ], "assignedUserOnly": true,
                  "outcomes": [ { "name": "approve", "requiresComment": true, "internal": true, "data": [ { "name": "amount", "type": "money", "required": true } ] } ] },
                { "id": "c", "kind": "condition", "condition": "amountWithinCapAndBudget" },
                { "id": "st", "kind": "setStatus", "status": "funded" },
                { "id": "n", "kind": "notify", "template": "t", "to": "role:Staff" },
                { "id": "a", "kind": "assign", "what": "reviewers" },
                { "id": "t1", "kind": "timer", "afterDays": 2 },
                { "id": "t2", "kind": "timer", "afterWorkingDays": 5 },
                { "id": "t3", "kind": "timer", "atDate": "2027-01-15" },
                { "id": "f", "kind": "fork", "branches": [ "x", "y" ], "race": true },
                { "id": "j", "kind": "join" },
                { "id": "e", "kind": "end" }
              ],
              "transitions": [ { "from": "s", "outcome": "done", "to": "u" } ]
            }
            """);

        Assert.Equal(("all", 3, false, "report-submitted"), (type.Key, type.Version, type.Enabled, type.StartEvent));
        Assert.Equal(
            ["start", "userTask", "condition", "setStatus", "notify", "assign", "timer", "timer", "timer", "fork", "join", "end"],
            type.Activities.Select(a => a.KindName));
        var task = Assert.IsType<UserTaskActivity>(type.Activities[1]);
        Assert.True(task.AssignedUserOnly);
        var outcome = Assert.Single(task.Outcomes);
        Assert.True(outcome.RequiresComment && outcome.Internal);
        Assert.Equal(DataFieldType.Money, Assert.Single(outcome.Data).Type);
        Assert.Equal(ConditionKind.AmountWithinCapAndBudget, Assert.IsType<ConditionActivity>(type.Activities[2]).Condition);
        Assert.Equal(5, Assert.IsType<TimerActivity>(type.Activities[7]).AfterWorkingDays);
        Assert.Equal(new DateOnly(2027, 1, 15), Assert.IsType<TimerActivity>(type.Activities[8]).AtDate);
        Assert.True(Assert.IsType<ForkActivity>(type.Activities[9]).Race);
        Assert.Equal(new WorkflowTransition("s", "done", "u"), Assert.Single(type.Transitions));
    }

    [Fact]
    public void Should_write_json_that_reads_back_the_same()
    {
        var type = TestWorkflows.Load("support-approval");

        var written = WorkflowJson.Serialize(type);

        Assert.Contains("\"kind\":\"userTask\"", written, StringComparison.Ordinal);
        Assert.Contains("\"condition\":\"allReviewsIn\"", written, StringComparison.Ordinal);
        Assert.Equal(written, WorkflowJson.Serialize(WorkflowJson.Parse(written)));
    }

    [Theory]
    [InlineData("""{ "kind": "script", "id": "x" }""")]
    [InlineData("""{ "kind": "setStatus", "id": "x", "status": "a", "colour": "red" }""")]
    [InlineData("""{ "kind": "condition", "id": "x", "condition": "scoreAbove50" }""")]
    [InlineData("""{ "kind": "condition", "id": "x", "condition": 1 }""")]
    [InlineData("""{ "kind": "setStatus", "status": "a" }""")]
    public void Should_refuse_unknown_kinds_fields_and_values(string activity)
    {
        Assert.ThrowsAny<JsonException>(() => WorkflowJson.Parse($$"""{ "key": "k", "name": "n", "startEvent": "e", "activities": [ {{activity}} ] }"""));
    }
}
