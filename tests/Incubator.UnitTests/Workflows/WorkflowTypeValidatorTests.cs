using Incubator.Workflows;
using static Incubator.UnitTests.Workflows.TestWorkflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkflowTypeValidatorTests
{
    private static List<string> Errors(string activities, params string[] transitions) =>
        WorkflowTypeValidator.Validate(Type(activities, transitions)).Select(e => e.ToString()).ToList();

    [Fact]
    public void Should_accept_a_well_formed_type()
    {
        var errors = Errors(
            """
            { "kind": "userTask", "id": "check", "roles": [ "Staff" ], "outcomes": [ { "name": "ok" } ] },
            { "kind": "end", "id": "end" }
            """,
            "start.done->check", "check.ok->end");

        Assert.Empty(errors);
    }

    [Fact]
    public void Should_name_the_id_when_two_activities_share_it()
    {
        var errors = Errors(
            """
            { "kind": "setStatus", "id": "s", "status": "a" },
            { "kind": "setStatus", "id": "s", "status": "b" }
            """,
            "start.done->s");

        Assert.Contains("activity 's', id: is used by more than one activity", errors);
    }

    [Fact]
    public void Should_name_unknown_transition_endpoints()
    {
        var errors = Errors("""{ "kind": "end", "id": "end" }""", "start.done->end", "nowhere.done->end", "start.done->missing");

        Assert.Contains("transitions[1].from: unknown activity 'nowhere'", errors);
        Assert.Contains("transitions[2].to: unknown activity 'missing'", errors);
    }

    [Fact]
    public void Should_name_the_activity_when_a_transition_uses_an_outcome_it_does_not_have()
    {
        var errors = Errors(
            """
            { "kind": "userTask", "id": "check", "roles": [ "Staff" ], "outcomes": [ { "name": "ok" } ] },
            { "kind": "end", "id": "end" }
            """,
            "start.done->check", "check.ok->end", "check.approve->end");

        Assert.Contains("activity 'check', transitions[2].outcome: 'approve' is not an outcome of this userTask activity (outcomes: ok)", errors);
    }

    [Fact]
    public void Should_refuse_two_transitions_for_one_outcome()
    {
        var errors = Errors(
            """
            { "kind": "setStatus", "id": "a", "status": "a" },
            { "kind": "setStatus", "id": "b", "status": "b" }
            """,
            "start.done->a", "start.done->b");

        Assert.Contains(errors, e => e.StartsWith("activity 'start', transitions[1].outcome: outcome 'done' has more than one transition", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_require_exactly_one_start()
    {
        var none = WorkflowTypeValidator.Validate(WorkflowJson.Parse("""{ "key": "k", "name": "n", "startEvent": "e", "activities": [ { "kind": "end", "id": "end" } ] }"""));
        var two = Errors("""{ "kind": "start", "id": "again" }""", "start.done->again");

        Assert.Contains(none, e => e.Message == "needs exactly one start activity, found 0");
        Assert.Contains("activities: needs exactly one start activity, found 2", two);
    }

    [Fact]
    public void Should_require_outcomes_and_roles_on_a_user_task()
    {
        var errors = Errors("""{ "kind": "userTask", "id": "task" }""", "start.done->task");

        Assert.Contains("activity 'task', outcomes: a user task needs at least one outcome", errors);
        Assert.Contains("activity 'task', roles: a user task needs at least one role unless assignedUserOnly is true", errors);
    }

    [Fact]
    public void Should_accept_a_user_task_without_roles_when_it_is_assigned_user_only()
    {
        var errors = Errors("""{ "kind": "userTask", "id": "review", "assignedUserOnly": true, "outcomes": [ { "name": "scored" } ] }""", "start.done->review");

        Assert.Empty(errors);
    }

    [Fact]
    public void Should_refuse_duplicate_outcomes_and_data_fields()
    {
        var errors = Errors(
            """
            { "kind": "userTask", "id": "decide", "roles": [ "Leader" ], "outcomes": [
                { "name": "approve", "data": [ { "name": "n", "type": "text" }, { "name": "n", "type": "date" } ] },
                { "name": "approve" } ] }
            """,
            "start.done->decide");

        Assert.Contains("activity 'decide', outcomes: outcome 'approve' is listed twice", errors);
        Assert.Contains("activity 'decide', outcomes[approve].data: field 'n' is listed twice", errors);
    }

    [Theory]
    [InlineData("""{ "kind": "timer", "id": "t" }""", "exactly one must be set, found 0")]
    [InlineData("""{ "kind": "timer", "id": "t", "afterDays": 2, "atDate": "2026-05-01" }""", "exactly one must be set, found 2")]
    public void Should_require_exactly_one_timer_setting(string timer, string message)
    {
        var errors = Errors(timer, "start.done->t");

        Assert.Contains($"activity 't', afterDays/afterWorkingDays/atDate: {message}", errors);
    }

    [Fact]
    public void Should_refuse_an_event_activity_without_an_event_name()
    {
        var errors = Errors("""{ "kind": "event", "id": "again", "event": " " }""", "start.done->again");

        Assert.Contains("activity 'again', event: is required", errors);
    }

    [Fact]
    public void Should_refuse_a_timer_of_zero_working_days()
    {
        var errors = Errors("""{ "kind": "timer", "id": "t", "afterWorkingDays": 0 }""", "start.done->t");

        Assert.Contains("activity 't', afterWorkingDays: must be 1 or more", errors);
    }

    [Fact]
    public void Should_require_settings_of_condition_status_notify_and_assign()
    {
        var errors = Errors(
            """
            { "kind": "condition", "id": "c" },
            { "kind": "setStatus", "id": "s", "status": " " },
            { "kind": "notify", "id": "n", "template": "t", "to": "everyone" },
            { "kind": "assign", "id": "a", "what": "" }
            """,
            "start.done->c", "c.true->s", "s.done->n", "n.done->a");

        Assert.Contains("activity 'c', condition: is required: one of ScoreAtLeastPassMark, AmountWithinCapAndBudget, AllReviewsIn", errors);
        Assert.Contains("activity 's', status: is required", errors);
        Assert.Contains("activity 'n', to: 'everyone' must be 'owner', 'assignees' or 'role:<Role>'", errors);
        Assert.Contains("activity 'a', what: is required", errors);
    }

    [Fact]
    public void Should_require_a_transition_for_every_fork_branch()
    {
        var errors = Errors(
            """
            { "kind": "fork", "id": "f", "branches": [ "a", "b" ] },
            { "kind": "end", "id": "end" }
            """,
            "start.done->f", "f.a->end");

        Assert.Contains("activity 'f', branches: branch 'b' has no transition", errors);
    }

    [Fact]
    public void Should_refuse_a_join_that_cannot_be_reached_by_two_transitions()
    {
        var errors = Errors(
            """
            { "kind": "setStatus", "id": "s", "status": "x" },
            { "kind": "join", "id": "j" },
            { "kind": "join", "id": "orphan" }
            """,
            "start.done->s", "s.done->j");

        Assert.Contains("activity 'j', transitions: a join needs at least two incoming transitions, found 1", errors);
        Assert.Contains("activity 'orphan', transitions: a join needs at least two incoming transitions, found 0", errors);
        Assert.Contains("activity 'orphan', transitions: is not reachable from the start activity", errors);
    }

    [Fact]
    public void Should_refuse_a_start_event_that_differs_from_the_type()
    {
        var type = WorkflowJson.Parse(
            """{ "key": "k", "name": "n", "version": 0, "startEvent": "a", "activities": [ { "kind": "start", "id": "s", "event": "b" } ] }""");

        var errors = WorkflowTypeValidator.Validate(type).Select(e => e.ToString()).ToList();

        Assert.Contains("version: must be 1 or more, not 0", errors);
        Assert.Contains("activity 's', event: 'b' differs from the type's startEvent 'a'", errors);
    }
}
