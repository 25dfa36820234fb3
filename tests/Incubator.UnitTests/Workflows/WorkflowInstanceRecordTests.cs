using Incubator.Workflows;
using static Incubator.UnitTests.Workflows.TestWorkflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkflowInstanceRecordTests
{
    private static readonly WorkflowType Racing = Type(
        """
        { "kind": "fork", "id": "wait", "branches": [ "answer", "deadline" ], "race": true },
        { "kind": "userTask", "id": "supply", "roles": [ "owner" ], "outcomes": [ { "name": "supplied" } ] },
        { "kind": "timer", "id": "late", "afterDays": 3 },
        { "kind": "timer", "id": "later", "afterDays": 5 },
        { "kind": "end", "id": "done" }
        """,
        ["start.done->wait", "wait.answer->supply", "wait.deadline->late", "wait.deadline->later", "supply.supplied->done", "late.elapsed->done", "later.elapsed->done"]);

    private readonly RecordingEffects _effects = new();

    [Fact]
    public async Task Should_give_back_the_same_engine_state_when_an_instance_is_stored_and_loaded()
    {
        var instance = await new WorkflowRunner(_effects, Calendar).StartAsync(Racing, "item-1", "u1");
        instance.Assignees.Add("reviewer-1");

        var loaded = WorkflowInstanceRecord.From(instance, _effects.TestClock.GetUtcNow().UtcDateTime).ToInstance(instance.History);

        Assert.Equal(Snapshot(instance), Snapshot(loaded));
    }

    [Fact]
    public async Task Should_index_the_earliest_timer_when_the_instance_waits_on_several()
    {
        var instance = await new WorkflowRunner(_effects, Calendar).StartAsync(Racing, "item-1", null);

        var record = WorkflowInstanceRecord.From(instance, _effects.TestClock.GetUtcNow().UtcDateTime);

        Assert.Equal(WorkflowStatus.Waiting, record.Status);
        Assert.Equal(instance.Blocking.Where(b => b.DueUtc is not null).Min(b => b.DueUtc), record.NextDueUtc);
        Assert.Equal(_effects.TestClock.GetUtcNow().UtcDateTime.AddDays(3), record.NextDueUtc);
    }

    [Fact]
    public async Task Should_clear_the_due_time_and_keep_the_new_version_when_the_instance_moves_on()
    {
        var runner = new WorkflowRunner(_effects, Calendar);
        var instance = await runner.StartAsync(Racing, "item-1", null);
        var record = WorkflowInstanceRecord.From(instance, _effects.TestClock.GetUtcNow().UtcDateTime);
        var running = record.ToInstance();

        var result = await runner.TakeActionAsync(running, Racing, 1, "supplied", new WorkflowActor("owner-1", ["owner"]));
        record.CopyFrom(running, _effects.TestClock.GetUtcNow().UtcDateTime.AddMinutes(1));

        Assert.True(result.Succeeded);
        Assert.Equal((WorkflowStatus.Finished, 2, (DateTime?)null), (record.Status, record.Version, record.NextDueUtc));
        Assert.NotNull(record.FinishedUtc);
        Assert.Equal(_effects.TestClock.GetUtcNow().UtcDateTime.AddMinutes(1), record.UpdatedUtc);
        Assert.Equal(["supplied", WorkflowOutcomes.Done], running.History.Select(h => h.Outcome));
    }

    [Fact]
    public void Should_refuse_to_copy_another_instance_when_the_ids_differ()
    {
        var record = new WorkflowInstanceRecord { Id = Guid.NewGuid() };

        Assert.Throws<ArgumentException>(() => record.CopyFrom(new WorkflowInstance { Id = Guid.NewGuid() }, DateTime.UtcNow));
    }

    [Fact]
    public void Should_keep_every_field_when_a_history_entry_is_stored_and_loaded()
    {
        var entry = new WorkflowHistoryEntry
        {
            AtUtc = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc),
            By = "u1",
            ActivityId = "decision",
            Outcome = "approve",
            Comment = "Đồng ý",
            Internal = true,
            Data = new() { ["decisionNumber"] = "12/QĐ-UBND", ["approvedAmount"] = "150000000" },
        };
        var id = Guid.NewGuid();

        var row = WorkflowHistoryRecord.From(id, entry);

        Assert.Equal(id, row.InstanceId);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(entry), System.Text.Json.JsonSerializer.Serialize(row.ToEntry()));
    }
}
