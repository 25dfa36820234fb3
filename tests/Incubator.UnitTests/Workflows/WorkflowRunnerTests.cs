using Incubator.Workflows;
using static Incubator.UnitTests.Workflows.TestWorkflows;

namespace Incubator.UnitTests.Workflows;

public sealed class WorkflowRunnerTests
{
    private static readonly WorkflowActor StaffUser = new("staff-1", ["Staff"]);
    private static readonly WorkflowActor LeaderUser = new("leader-1", ["Leader"]);

    private readonly RecordingEffects _effects = new();
    private readonly WorkflowRunner _runner;

    public WorkflowRunnerTests() => _runner = new WorkflowRunner(_effects, Calendar);

    private static readonly WorkflowType Moderation = Type(
        """
        { "kind": "setStatus", "id": "submitted", "status": "submitted" },
        { "kind": "notify", "id": "tell-staff", "template": "submitted", "to": "role:Staff" },
        { "kind": "userTask", "id": "moderate", "roles": [ "Staff" ], "outcomes": [ { "name": "approve" }, { "name": "return", "requiresComment": true, "internal": true } ] },
        { "kind": "setStatus", "id": "published", "status": "published" },
        { "kind": "setStatus", "id": "returned", "status": "returned" },
        { "kind": "end", "id": "end" }
        """,
        ["start.done->submitted", "submitted.done->tell-staff", "tell-staff.done->moderate", "moderate.approve->published", "moderate.return->returned", "published.done->end", "returned.done->end"]);

    private static readonly WorkflowType Decision = Type(
        """
        { "kind": "userTask", "id": "decide", "roles": [ "Leader" ], "outcomes": [
            { "name": "approve", "data": [
                { "name": "decisionNumber", "type": "text", "required": true },
                { "name": "decisionDate", "type": "date", "required": true },
                { "name": "approvedAmount", "type": "money", "required": true },
                { "name": "note", "type": "text" } ] },
            { "name": "reject", "requiresComment": true } ] },
        { "kind": "end", "id": "end" }
        """,
        ["start.done->decide", "decide.approve->end", "decide.reject->end"]);

    [Fact]
    public async Task Should_run_until_the_first_user_task_when_started()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", "applicant-1");

        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        Assert.Equal(1, instance.Version);
        Assert.Equal(("test", 1, "item-1"), (instance.TypeKey, instance.TypeVersion, instance.CorrelationId));
        Assert.Equal(["moderate"], instance.Blocking.Select(b => b.ActivityId));
        Assert.Equal(["status submitted", "notify submitted to role:Staff"], _effects.Calls);
        Assert.Equal(_effects.Clock.GetUtcNow().UtcDateTime, instance.CreatedUtc);
        var first = instance.History[0];
        Assert.Equal(("start", "started", "applicant-1"), (first.ActivityId, first.Outcome, first.By));
    }

    [Fact]
    public async Task Should_refuse_to_start_when_the_type_is_disabled()
    {
        var disabled = Type("""{ "kind": "end", "id": "end" }""", ["start.done->end"], enabled: false);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _runner.StartAsync(disabled, "item-1", null));

        Assert.Contains("disabled", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_effects.Calls);
    }

    [Fact]
    public async Task Should_record_history_bump_version_and_continue_when_action_is_ok()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        _effects.TestClock.Advance(TimeSpan.FromHours(1));

        var result = await _runner.TakeActionAsync(instance, Moderation, 1, "approve", StaffUser, "  looks good ");

        Assert.Equal(WorkflowActionStatus.Ok, result.Status);
        Assert.Equal(2, instance.Version);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(_effects.Clock.GetUtcNow().UtcDateTime, instance.FinishedUtc);
        Assert.Empty(instance.Blocking);
        var action = Assert.Single(instance.History, h => h.ActivityId == "moderate");
        Assert.Equal(("approve", "staff-1", "looks good", false), (action.Outcome, action.By, action.Comment, action.Internal));
        Assert.Equal(_effects.Clock.GetUtcNow().UtcDateTime, action.AtUtc);
        Assert.Equal("status published (looks good)", _effects.Calls[^1]);
    }

    [Fact]
    public async Task Should_mark_history_internal_when_the_outcome_is_internal()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);

        await _runner.TakeActionAsync(instance, Moderation, 1, "return", StaffUser, "Add your tax code");

        Assert.True(Assert.Single(instance.History, h => h.ActivityId == "moderate").Internal);
        Assert.False(Assert.Single(instance.History, h => h.ActivityId == "returned").Internal);
    }

    [Fact]
    public async Task Should_refuse_and_change_nothing_when_the_version_is_stale()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        var before = Snapshot(instance);
        var calls = _effects.Calls.Count;

        var result = await _runner.TakeActionAsync(instance, Moderation, 0, "approve", StaffUser);

        Assert.Equal(WorkflowActionStatus.Stale, result.Status);
        Assert.Equal(before, Snapshot(instance));
        Assert.Equal(calls, _effects.Calls.Count);
    }

    [Fact]
    public async Task Should_refuse_a_duplicate_action_when_it_names_the_version_already_moved_on()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        await _runner.TakeActionAsync(instance, Moderation, 1, "approve", StaffUser);
        var before = Snapshot(instance);

        var again = await _runner.TakeActionAsync(instance, Moderation, 1, "approve", StaffUser);

        Assert.Equal(WorkflowActionStatus.Stale, again.Status);
        Assert.Equal(before, Snapshot(instance));
        Assert.Single(instance.History, h => h.ActivityId == "moderate");
    }

    [Fact]
    public async Task Should_refuse_as_not_waiting_when_no_waiting_task_offers_the_outcome()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        var before = Snapshot(instance);

        var unknown = await _runner.TakeActionAsync(instance, Moderation, 1, "publish", StaffUser);

        Assert.Equal(WorkflowActionStatus.NotWaiting, unknown.Status);
        Assert.Equal(before, Snapshot(instance));
    }

    [Fact]
    public async Task Should_refuse_as_not_waiting_when_the_instance_finished()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        await _runner.TakeActionAsync(instance, Moderation, 1, "approve", StaffUser);

        var result = await _runner.TakeActionAsync(instance, Moderation, 2, "approve", StaffUser);

        Assert.Equal(WorkflowActionStatus.NotWaiting, result.Status);
        Assert.Equal(2, instance.Version);
    }

    [Fact]
    public async Task Should_refuse_as_forbidden_when_the_actor_lacks_the_role()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        var before = Snapshot(instance);

        var result = await _runner.TakeActionAsync(instance, Moderation, 1, "approve", new WorkflowActor("applicant-1", ["Applicant", "owner"]));

        Assert.Equal(WorkflowActionStatus.Forbidden, result.Status);
        Assert.Equal(before, Snapshot(instance));
    }

    [Fact]
    public async Task Should_list_the_outcomes_the_actor_may_take_when_waiting()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);

        Assert.Equal(["approve", "return"], WorkflowRunner.AvailableActions(instance, Moderation, StaffUser));
        Assert.Empty(WorkflowRunner.AvailableActions(instance, Moderation, new WorkflowActor("applicant-1", ["Applicant"])));
    }

    [Fact]
    public async Task Should_let_only_assigned_users_act_when_the_task_is_assigned_user_only()
    {
        var type = Type(
            """
            { "kind": "assign", "id": "assign", "what": "reviewers" },
            { "kind": "notify", "id": "tell", "template": "review-assigned", "to": "assignees" },
            { "kind": "userTask", "id": "review", "assignedUserOnly": true, "outcomes": [ { "name": "scored" } ] },
            { "kind": "end", "id": "end" }
            """,
            ["start.done->assign", "assign.done->tell", "tell.done->review", "review.scored->end"]);
        _effects.Assign.AddRange(["reviewer-1", "reviewer-2"]);
        var instance = await _runner.StartAsync(type, "item-1", null);
        var stranger = new WorkflowActor("reviewer-9", ["Reviewer"]);

        Assert.Equal(["assign reviewers", "notify review-assigned to assignees [reviewer-1,reviewer-2]"], _effects.Calls);
        Assert.Equal(["reviewer-1", "reviewer-2"], instance.Assignees);
        Assert.Empty(WorkflowRunner.AvailableActions(instance, type, stranger));
        Assert.Equal(WorkflowActionStatus.Forbidden, (await _runner.TakeActionAsync(instance, type, 1, "scored", stranger)).Status);
        Assert.Equal(["scored"], WorkflowRunner.AvailableActions(instance, type, new WorkflowActor("reviewer-2", [])));
        Assert.Equal(WorkflowActionStatus.Ok, (await _runner.TakeActionAsync(instance, type, 1, "scored", new WorkflowActor("reviewer-2", []))).Status);
    }

    [Fact]
    public async Task Should_refuse_as_invalid_when_a_required_comment_is_missing()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        var before = Snapshot(instance);

        var result = await _runner.TakeActionAsync(instance, Moderation, 1, "return", StaffUser, "   ");

        Assert.Equal(WorkflowActionStatus.Invalid, result.Status);
        Assert.Equal(["comment"], result.Errors.Keys);
        Assert.Equal(before, Snapshot(instance));
    }

    [Theory]
    [InlineData("", "2026-05-04", "1500000000", "data.decisionNumber")]
    [InlineData("12/QĐ-UBND", "04/05/2026", "1500000000", "data.decisionDate")]
    [InlineData("12/QĐ-UBND", "2026-02-30", "1500000000", "data.decisionDate")]
    [InlineData("12/QĐ-UBND", "2026-05-04", "-5", "data.approvedAmount")]
    [InlineData("12/QĐ-UBND", "2026-05-04", "1.500.000", "data.approvedAmount")]
    [InlineData("12/QĐ-UBND", "2026-05-04", "1500000.5", "data.approvedAmount")]
    [InlineData("12/QĐ-UBND", "2026-05-04", "99999999999999999999", "data.approvedAmount")]
    public async Task Should_refuse_as_invalid_when_typed_data_is_missing_or_malformed(string number, string date, string amount, string field)
    {
        var instance = await _runner.StartAsync(Decision, "item-1", null);
        var before = Snapshot(instance);
        var data = new Dictionary<string, string> { ["decisionNumber"] = number, ["decisionDate"] = date, ["approvedAmount"] = amount };

        var result = await _runner.TakeActionAsync(instance, Decision, 1, "approve", LeaderUser, data: data);

        Assert.Equal(WorkflowActionStatus.Invalid, result.Status);
        Assert.Equal([field], result.Errors.Keys);
        Assert.Equal(before, Snapshot(instance));
    }

    [Fact]
    public async Task Should_refuse_as_invalid_when_data_has_a_field_the_outcome_does_not_declare()
    {
        var instance = await _runner.StartAsync(Decision, "item-1", null);

        var result = await _runner.TakeActionAsync(instance, Decision, 1, "reject", LeaderUser, "Out of scope", new Dictionary<string, string> { ["approvedAmount"] = "1" });

        Assert.Equal(WorkflowActionStatus.Invalid, result.Status);
        Assert.Equal(["data.approvedAmount"], result.Errors.Keys);
    }

    [Fact]
    public async Task Should_keep_the_typed_data_in_history_when_it_is_valid()
    {
        var instance = await _runner.StartAsync(Decision, "item-1", null);
        var data = new Dictionary<string, string> { ["decisionNumber"] = "12/QĐ-UBND", ["decisionDate"] = "2026-05-04", ["approvedAmount"] = "1500000000" };

        var result = await _runner.TakeActionAsync(instance, Decision, 1, "approve", LeaderUser, data: data);

        Assert.True(result.Succeeded);
        Assert.Equal(data, instance.History.Single(h => h.ActivityId == "decide").Data);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
    }

    [Fact]
    public async Task Should_resume_nothing_when_the_type_was_disabled_after_start()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);
        var disabled = WorkflowJson.Parse(WorkflowJson.Serialize(Moderation).Replace("\"enabled\":true", "\"enabled\":false", StringComparison.Ordinal));
        var before = Snapshot(instance);

        var result = await _runner.TakeActionAsync(instance, disabled, 1, "approve", StaffUser);

        Assert.False(disabled.Enabled);
        Assert.Equal(WorkflowActionStatus.Disabled, result.Status);
        Assert.Empty(WorkflowRunner.AvailableActions(instance, disabled, StaffUser));
        Assert.Equal(0, await _runner.FireDueTimersAsync(instance, disabled, DateTime.MaxValue));
        Assert.Equal(before, Snapshot(instance));
    }

    [Fact]
    public async Task Should_keep_running_on_the_pinned_version_when_a_new_version_is_published()
    {
        var v1 = Type(
            """
            { "kind": "userTask", "id": "check", "roles": [ "Staff" ], "outcomes": [ { "name": "ok" } ] },
            { "kind": "setStatus", "id": "old-path", "status": "v1" }
            """,
            ["start.done->check", "check.ok->old-path"]);
        var v2 = Type(
            """
            { "kind": "userTask", "id": "check", "roles": [ "Staff" ], "outcomes": [ { "name": "ok" } ] },
            { "kind": "setStatus", "id": "new-path", "status": "v2" }
            """,
            ["start.done->check", "check.ok->new-path"],
            version: 2);
        var instance = await _runner.StartAsync(v1, "item-1", null);

        await Assert.ThrowsAsync<ArgumentException>(() => _runner.TakeActionAsync(instance, v2, 1, "ok", StaffUser));
        var result = await _runner.TakeActionAsync(instance, v1, 1, "ok", StaffUser);

        Assert.True(result.Succeeded);
        Assert.Equal(1, instance.TypeVersion);
        Assert.Equal(["status v1"], _effects.Calls);
        Assert.Equal(2, (await _runner.StartAsync(v2, "item-2", null)).TypeVersion);
    }

    [Fact]
    public async Task Should_take_the_true_or_false_transition_when_a_condition_is_evaluated()
    {
        var type = Type(
            """
            { "kind": "condition", "id": "passed", "condition": "scoreAtLeastPassMark" },
            { "kind": "condition", "id": "within-cap", "condition": "amountWithinCapAndBudget" },
            { "kind": "setStatus", "id": "yes", "status": "yes" },
            { "kind": "setStatus", "id": "no", "status": "no" }
            """,
            ["start.done->passed", "passed.true->within-cap", "passed.false->no", "within-cap.true->yes", "within-cap.false->no"]);
        _effects.Conditions[ConditionKind.ScoreAtLeastPassMark] = true;

        var instance = await _runner.StartAsync(type, "app-7", null);

        Assert.Equal(["condition ScoreAtLeastPassMark app-7", "condition AmountWithinCapAndBudget app-7", "status no"], _effects.Calls);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["true", "false"], instance.History.Where(h => h.ActivityId is "passed" or "within-cap").Select(h => h.Outcome));
    }

    private static readonly WorkflowType Looping = Type(
        """
        { "kind": "condition", "id": "all-in", "condition": "allReviewsIn" },
        { "kind": "setStatus", "id": "waiting", "status": "waiting" },
        { "kind": "setStatus", "id": "done", "status": "done" }
        """,
        ["start.done->all-in", "all-in.false->waiting", "waiting.done->all-in", "all-in.true->done"]);

    [Fact]
    public async Task Should_fault_with_a_readable_message_when_a_loop_hits_the_step_limit()
    {
        var instance = await new WorkflowRunner(_effects, Calendar, maxStepsPerRun: 10).StartAsync(Looping, "item-1", null);

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("activity '", instance.Fault, StringComparison.Ordinal);
        Assert.Contains("after 10 steps", instance.Fault, StringComparison.Ordinal);
        Assert.Single(instance.Pending);
        // Ten steps: the start, then nine that each call an effect.
        Assert.Equal(9, _effects.Calls.Count);
    }

    [Fact]
    public async Task Should_resume_from_the_faulted_step_when_retried_and_stop_when_cancelled()
    {
        var runner = new WorkflowRunner(_effects, Calendar, maxStepsPerRun: 10);
        var instance = await runner.StartAsync(Looping, "item-1", null);
        var faultedAt = instance.Pending[0].ActivityId;

        Assert.True(await runner.RetryAsync(instance, Looping, "admin-1"));
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Equal(2, instance.Version);
        Assert.Equal(faultedAt, instance.History.Single(h => h.Outcome == "retried").ActivityId);
        Assert.Equal(9 + 10, _effects.Calls.Count);

        _effects.Conditions[ConditionKind.AllReviewsIn] = true;
        Assert.True(await runner.RetryAsync(instance, Looping, "admin-1"));
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Null(instance.Fault);
        Assert.Equal("status done", _effects.Calls[^1]);
        Assert.False(await runner.RetryAsync(instance, Looping, "admin-1"));
        Assert.False(runner.Cancel(instance, "admin-1"));
    }

    [Fact]
    public async Task Should_cancel_a_faulted_instance_when_staff_cancel_it()
    {
        var instance = await new WorkflowRunner(_effects, Calendar, maxStepsPerRun: 5).StartAsync(Looping, "item-1", null);

        Assert.True(_runner.Cancel(instance, "admin-1"));

        Assert.Equal(WorkflowStatus.Cancelled, instance.Status);
        Assert.Equal(2, instance.Version);
        Assert.Empty(instance.Pending);
        Assert.Equal(_effects.Clock.GetUtcNow().UtcDateTime, instance.FinishedUtc);
        Assert.Equal("admin-1", instance.History[^1].By);
        Assert.False(await _runner.RetryAsync(instance, Looping, "admin-1"));
    }

    [Fact]
    public async Task Should_cancel_a_waiting_instance_and_refuse_later_actions()
    {
        var instance = await _runner.StartAsync(Moderation, "item-1", null);

        Assert.True(_runner.Cancel(instance, "admin-1"));
        var result = await _runner.TakeActionAsync(instance, Moderation, 2, "approve", StaffUser);

        Assert.Equal(WorkflowActionStatus.NotWaiting, result.Status);
        Assert.Empty(instance.Blocking);
    }

    [Fact]
    public async Task Should_fault_with_the_effect_message_and_rerun_that_activity_when_retried()
    {
        _effects.ThrowOn = "notify";
        var instance = await _runner.StartAsync(Moderation, "item-1", null);

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Equal("Activity 'tell-staff' (notify) failed: effect failed: notify submitted to role:Staff", instance.Fault);
        Assert.Equal(["tell-staff"], instance.Pending.Select(p => p.ActivityId));

        _effects.ThrowOn = null;
        Assert.True(await _runner.RetryAsync(instance, Moderation, "admin-1"));

        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        Assert.Equal(["status submitted", "notify submitted to role:Staff"], _effects.Calls);
        Assert.Equal(["moderate"], instance.Blocking.Select(b => b.ActivityId));
    }

    private static readonly WorkflowType Reminder = Type(
        """
        { "kind": "timer", "id": "wait", "afterDays": 3 },
        { "kind": "notify", "id": "remind", "template": "reminder", "to": "owner" }
        """,
        ["start.done->wait", "wait.elapsed->remind"]);

    [Fact]
    public async Task Should_fire_a_due_timer_exactly_once_when_called_twice()
    {
        var instance = await _runner.StartAsync(Reminder, "item-1", null);
        var due = instance.Blocking.Single().DueUtc!.Value;

        Assert.Equal(_effects.Clock.GetUtcNow().UtcDateTime.AddDays(3), due);
        Assert.Equal(0, await _runner.FireDueTimersAsync(instance, Reminder, due.AddSeconds(-1)));
        Assert.Equal(1, instance.Version);

        Assert.Equal(1, await _runner.FireDueTimersAsync(instance, Reminder, due.AddDays(10)));
        Assert.Equal(0, await _runner.FireDueTimersAsync(instance, Reminder, due.AddDays(11)));

        Assert.Equal(["notify reminder to owner"], _effects.Calls);
        Assert.Equal(2, instance.Version);
        Assert.Null(Assert.Single(instance.History, h => h.Outcome == "elapsed").By);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
    }

    [Fact]
    public async Task Should_skip_weekends_and_holidays_when_the_timer_counts_working_days()
    {
        var type = Type("""{ "kind": "timer", "id": "wait", "afterWorkingDays": 3 }""", ["start.done->wait"]);
        // Friday 24/04/2026 10:00 in Vietnam; Monday 27/4 (Hùng Kings), 30/4 and 1/5 are holidays.
        _effects.TestClock.SetUtcNow(new DateTime(2026, 4, 24, 3, 0, 0, DateTimeKind.Utc));

        var instance = await _runner.StartAsync(type, "item-1", null);

        // Working days: Tue 28/4, Wed 29/4, Mon 4/5.
        Assert.Equal(new DateTime(2026, 5, 4, 3, 0, 0, DateTimeKind.Utc), instance.Blocking.Single().DueUtc);
    }

    [Fact]
    public async Task Should_count_working_days_from_the_vietnam_date_when_utc_is_still_the_day_before()
    {
        var type = Type("""{ "kind": "timer", "id": "wait", "afterWorkingDays": 1 }""", ["start.done->wait"]);
        // Friday 18:30 UTC is already Saturday 01:30 in Vietnam, so the next working day is Monday.
        _effects.TestClock.SetUtcNow(new DateTime(2026, 3, 6, 18, 30, 0, DateTimeKind.Utc));

        var instance = await _runner.StartAsync(type, "item-1", null);

        Assert.Equal(new DateTime(2026, 3, 8, 18, 30, 0, DateTimeKind.Utc), instance.Blocking.Single().DueUtc);
    }

    [Fact]
    public async Task Should_fall_due_at_vietnam_midnight_when_the_timer_has_a_date()
    {
        var type = Type("""{ "kind": "timer", "id": "wait", "atDate": "2026-06-30" }""", ["start.done->wait"]);

        var instance = await _runner.StartAsync(type, "item-1", null);

        Assert.Equal(new DateTime(2026, 6, 29, 17, 0, 0, DateTimeKind.Utc), instance.Blocking.Single().DueUtc);
    }

    private static readonly WorkflowType Parallel = Type(
        """
        { "kind": "fork", "id": "split", "branches": [ "legal", "technical" ] },
        { "kind": "userTask", "id": "legal-check", "roles": [ "Staff" ], "outcomes": [ { "name": "legal-ok" } ] },
        { "kind": "userTask", "id": "technical-check", "roles": [ "Reviewer" ], "outcomes": [ { "name": "technical-ok" } ] },
        { "kind": "join", "id": "both" },
        { "kind": "setStatus", "id": "checked", "status": "checked" }
        """,
        ["start.done->split", "split.legal->legal-check", "split.technical->technical-check",
         "legal-check.legal-ok->both", "technical-check.technical-ok->both", "both.done->checked"]);

    [Fact]
    public async Task Should_wait_on_every_branch_when_forked()
    {
        var instance = await _runner.StartAsync(Parallel, "item-1", null);

        Assert.Equal(["legal-check", "technical-check"], instance.Blocking.Select(b => b.ActivityId));
        Assert.Equal(["legal-ok"], WorkflowRunner.AvailableActions(instance, Parallel, StaffUser));
    }

    [Fact]
    public async Task Should_continue_after_the_join_only_when_both_branches_arrived()
    {
        var instance = await _runner.StartAsync(Parallel, "item-1", null);

        await _runner.TakeActionAsync(instance, Parallel, 1, "legal-ok", StaffUser);

        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        Assert.Equal(["technical-check", "both"], instance.Blocking.Select(b => b.ActivityId));
        Assert.Equal(["legal-check:legal-ok"], instance.JoinArrivals["both"]);
        Assert.Empty(_effects.Calls);

        await _runner.TakeActionAsync(instance, Parallel, 2, "technical-ok", new WorkflowActor("reviewer-1", ["Reviewer"]));

        Assert.Equal(["status checked"], _effects.Calls);
        Assert.Empty(instance.JoinArrivals);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(3, instance.Version);
    }

    [Fact]
    public async Task Should_continue_after_the_instance_went_through_json_when_waiting_on_a_join()
    {
        var instance = await _runner.StartAsync(Parallel, "item-1", null);
        await _runner.TakeActionAsync(instance, Parallel, 1, "legal-ok", StaffUser);

        var reloaded = System.Text.Json.JsonSerializer.Deserialize<WorkflowInstance>(Snapshot(instance))!;
        var result = await _runner.TakeActionAsync(reloaded, Parallel, 2, "technical-ok", new WorkflowActor("reviewer-1", ["Reviewer"]));

        Assert.True(result.Succeeded);
        Assert.Equal(WorkflowStatus.Finished, reloaded.Status);
        Assert.Equal(["status checked"], _effects.Calls);
    }

    [Fact]
    public void Should_refuse_a_step_limit_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRunner(_effects, Calendar, maxStepsPerRun: 0));
    }

    private static readonly WorkflowType Race = Type(
        """
        { "kind": "fork", "id": "await", "branches": [ "answer", "deadline" ], "race": true },
        { "kind": "userTask", "id": "supply", "roles": [ "owner" ], "outcomes": [ { "name": "supplied" } ] },
        { "kind": "timer", "id": "timeout", "afterWorkingDays": 10 },
        { "kind": "setStatus", "id": "resumed", "status": "resumed" },
        { "kind": "setStatus", "id": "closed", "status": "closed" }
        """,
        ["start.done->await", "await.answer->supply", "await.deadline->timeout", "supply.supplied->resumed", "timeout.elapsed->closed"]);

    [Fact]
    public async Task Should_cancel_the_timer_when_the_racing_task_completes_first()
    {
        var instance = await _runner.StartAsync(Race, "item-1", null);

        await _runner.TakeActionAsync(instance, Race, 1, "supplied", new WorkflowActor("applicant-1", ["owner"]));

        Assert.Empty(instance.Blocking);
        Assert.Equal(0, await _runner.FireDueTimersAsync(instance, Race, DateTime.MaxValue));
        Assert.Equal(["status resumed"], _effects.Calls);
    }

    [Fact]
    public async Task Should_cancel_the_task_when_the_racing_timer_fires_first()
    {
        var instance = await _runner.StartAsync(Race, "item-1", null);

        Assert.Equal(1, await _runner.FireDueTimersAsync(instance, Race, DateTime.MaxValue));
        var late = await _runner.TakeActionAsync(instance, Race, 2, "supplied", new WorkflowActor("applicant-1", ["owner"]));

        Assert.Equal(WorkflowActionStatus.NotWaiting, late.Status);
        Assert.Equal(["status closed"], _effects.Calls);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
    }

    [Fact]
    public async Task Should_finish_and_drop_other_waiting_branches_when_an_end_is_reached()
    {
        var type = Type(
            """
            { "kind": "fork", "id": "split", "branches": [ "a", "b" ] },
            { "kind": "userTask", "id": "task", "roles": [ "Staff" ], "outcomes": [ { "name": "ok" } ] },
            { "kind": "timer", "id": "later", "afterDays": 1 },
            { "kind": "end", "id": "end" }
            """,
            ["start.done->split", "split.a->task", "split.b->later", "task.ok->end"]);
        var instance = await _runner.StartAsync(type, "item-1", null);

        await _runner.TakeActionAsync(instance, type, 1, "ok", StaffUser);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Empty(instance.Blocking);
        Assert.Equal(0, await _runner.FireDueTimersAsync(instance, type, DateTime.MaxValue));
    }

    [Fact]
    public async Task Should_finish_when_nothing_is_left_to_wait_for()
    {
        var type = Type("""{ "kind": "setStatus", "id": "s", "status": "x" }""", ["start.done->s"]);

        var instance = await _runner.StartAsync(type, "item-1", null);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["start", "s"], instance.History.Select(h => h.ActivityId));
    }

    private static readonly WorkflowType Resubmission = Type(
        """
        { "kind": "userTask", "id": "moderate", "roles": [ "Staff" ], "outcomes": [ { "name": "approve" }, { "name": "return", "requiresComment": true } ] },
        { "kind": "setStatus", "id": "returned", "status": "returned" },
        { "kind": "fork", "id": "await", "branches": [ "again", "deadline" ], "race": true },
        { "kind": "event", "id": "resubmitted", "event": "submitted" },
        { "kind": "timer", "id": "timeout", "afterDays": 30 },
        { "kind": "setStatus", "id": "closed", "status": "closed" },
        { "kind": "end", "id": "end" }
        """,
        ["start.done->moderate", "moderate.approve->end", "moderate.return->returned", "returned.done->await",
         "await.again->resubmitted", "await.deadline->timeout", "resubmitted.received->moderate", "timeout.elapsed->closed"]);

    [Fact]
    public async Task Should_resume_at_the_event_activity_when_its_event_is_raised()
    {
        var instance = await _runner.StartAsync(Resubmission, "item-1", "applicant-1");
        await _runner.TakeActionAsync(instance, Resubmission, 1, "return", StaffUser, "add the tax code");

        var resumed = await _runner.ResumeOnEventAsync(instance, Resubmission, "submitted", "applicant-1");

        Assert.True(resumed);
        Assert.Equal(3, instance.Version);
        Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        Assert.Equal(["moderate"], instance.Blocking.Select(b => b.ActivityId));
        var received = Assert.Single(instance.History, h => h.ActivityId == "resubmitted");
        Assert.Equal(("received", "applicant-1", false), (received.Outcome, received.By, received.Internal));
        Assert.Equal("submitted", received.Data["event"]);
        Assert.Equal(0, await _runner.FireDueTimersAsync(instance, Resubmission, DateTime.MaxValue));
    }

    [Fact]
    public async Task Should_show_the_status_effect_the_comment_of_the_action_that_led_to_it()
    {
        var instance = await _runner.StartAsync(Resubmission, "item-1", null);

        await _runner.TakeActionAsync(instance, Resubmission, 1, "return", StaffUser, "add the tax code");

        Assert.Equal(["status returned (add the tax code)"], _effects.Calls);
    }

    [Fact]
    public async Task Should_change_nothing_when_no_waiting_activity_listens_for_the_event()
    {
        var instance = await _runner.StartAsync(Resubmission, "item-1", null);
        var before = Snapshot(instance);

        Assert.False(await _runner.ResumeOnEventAsync(instance, Resubmission, "submitted", "applicant-1"));
        await _runner.TakeActionAsync(instance, Resubmission, 1, "return", StaffUser, "add the tax code");
        var returned = Snapshot(instance);
        Assert.False(await _runner.ResumeOnEventAsync(instance, Resubmission, "information-supplied", "applicant-1"));

        Assert.NotEqual(before, returned);
        Assert.Equal(returned, Snapshot(instance));
    }

    [Fact]
    public async Task Should_resume_nothing_on_an_event_when_the_type_was_disabled()
    {
        var instance = await _runner.StartAsync(Resubmission, "item-1", null);
        await _runner.TakeActionAsync(instance, Resubmission, 1, "return", StaffUser, "add the tax code");
        var disabled = WorkflowJson.Parse(WorkflowJson.Serialize(Resubmission).Replace("\"enabled\":true", "\"enabled\":false", StringComparison.Ordinal));
        var before = Snapshot(instance);

        Assert.False(disabled.Enabled);
        Assert.False(await _runner.ResumeOnEventAsync(instance, disabled, "submitted", "applicant-1"));
        Assert.Equal(before, Snapshot(instance));
    }

    [Fact]
    public async Task Should_ignore_the_event_when_the_racing_timer_fired_first()
    {
        var instance = await _runner.StartAsync(Resubmission, "item-1", null);
        await _runner.TakeActionAsync(instance, Resubmission, 1, "return", StaffUser, "add the tax code");

        Assert.Equal(1, await _runner.FireDueTimersAsync(instance, Resubmission, DateTime.MaxValue));

        Assert.False(await _runner.ResumeOnEventAsync(instance, Resubmission, "submitted", "applicant-1"));
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("status closed", _effects.Calls[^1]);
    }

    [Fact]
    public async Task Should_let_a_conflict_through_without_faulting_when_an_effect_finds_the_world_changed()
    {
        var type = Type(
            """
            { "kind": "userTask", "id": "decide", "roles": [ "Leader" ], "outcomes": [ { "name": "approve" } ] },
            { "kind": "setStatus", "id": "funded", "status": "funded" }
            """,
            ["start.done->decide", "decide.approve->funded"]);
        var effects = new ConflictingEffects(_effects);
        var runner = new WorkflowRunner(effects, Calendar);
        var instance = await runner.StartAsync(type, "item-1", null);

        await Assert.ThrowsAsync<WorkflowConflictException>(() => runner.TakeActionAsync(instance, type, 1, "approve", LeaderUser));

        Assert.NotEqual(WorkflowStatus.Faulted, instance.Status);
        Assert.Null(instance.Fault);
    }

    private sealed class ConflictingEffects(RecordingEffects inner) : IWorkflowEffects
    {
        public TimeProvider Clock => inner.Clock;

        public Task<bool> EvaluateConditionAsync(ConditionKind condition, WorkflowInstance instance) => inner.EvaluateConditionAsync(condition, instance);

        public Task SetStatusAsync(WorkflowInstance instance, string status) => throw new WorkflowConflictException("budget spent meanwhile");

        public Task NotifyAsync(WorkflowInstance instance, string template, string to, IReadOnlyList<string> assignees) => inner.NotifyAsync(instance, template, to, assignees);

        public Task<IReadOnlyList<string>> AssignAsync(WorkflowInstance instance, string what) => inner.AssignAsync(instance, what);
    }
}

