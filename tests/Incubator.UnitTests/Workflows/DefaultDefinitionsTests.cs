using Incubator.Workflows;
using static Incubator.UnitTests.Workflows.TestWorkflows;

namespace Incubator.UnitTests.Workflows;

/// <summary>The default workflow types the issue describes, as the default recipe ships them.</summary>
public sealed class DefaultDefinitionsTests
{
    private static readonly WorkflowActor Staff = new("staff-1", ["Staff"]);
    private static readonly WorkflowActor Leader = new("leader-1", ["Leader"]);
    private static readonly WorkflowActor Owner = new("applicant-1", ["Applicant", "owner"]);

    private readonly RecordingEffects _effects = new();
    private readonly WorkflowRunner _runner;

    public DefaultDefinitionsTests() => _runner = new WorkflowRunner(_effects, DefaultCalendar());

    [Theory]
    [InlineData("profile-publication", "profile-submitted")]
    [InlineData("support-approval", "application-submitted")]
    public void Should_pass_validation_when_the_default_type_is_read(string key, string startEvent)
    {
        var type = Load(key);

        Assert.Equal((key, startEvent), (type.Key, type.StartEvent));
        Assert.Empty(WorkflowTypeValidator.Validate(type));
    }

    [Fact]
    public async Task Should_publish_a_profile_after_a_return_and_a_resubmission()
    {
        var type = Load("profile-publication");
        var instance = await _runner.StartAsync(type, "org-1", "applicant-1");

        Assert.Equal(WorkflowActionStatus.Invalid, (await _runner.TakeActionAsync(instance, type, 1, "return", Staff)).Status);
        Assert.True((await _runner.TakeActionAsync(instance, type, 1, "return", Staff, "Add the tax code")).Succeeded);
        Assert.Empty(WorkflowRunner.AvailableActions(instance, type, Owner));
        Assert.Empty(WorkflowRunner.AvailableActions(instance, type, Staff));
        Assert.True(await _runner.ResumeOnEventAsync(instance, type, "profile-submitted", "applicant-1"));
        Assert.True((await _runner.TakeActionAsync(instance, type, 3, "approve", Staff)).Succeeded);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(
            ["status submitted", "notify profile-submitted to role:Staff", "status returned (Add the tax code)", "notify profile-returned to owner",
             "status submitted", "notify profile-submitted to role:Staff", "status published", "notify profile-approved to owner"],
            _effects.Calls);
    }

    [Fact]
    public async Task Should_take_a_profile_out_of_review_when_its_owner_changes_it_and_review_it_again_when_resubmitted()
    {
        var type = Load("profile-publication");
        var instance = await _runner.StartAsync(type, "org-1", "applicant-1");

        Assert.True(await _runner.ResumeOnEventAsync(instance, type, "profile-changed", "applicant-1"));
        Assert.Empty(WorkflowRunner.AvailableActions(instance, type, Staff));
        Assert.Equal(WorkflowActionStatus.Stale, (await _runner.TakeActionAsync(instance, type, 1, "approve", Staff)).Status);
        Assert.Equal(WorkflowActionStatus.NotWaiting, (await _runner.TakeActionAsync(instance, type, 2, "approve", Staff)).Status);
        Assert.False(await _runner.ResumeOnEventAsync(instance, type, "profile-changed", "applicant-1"));
        Assert.True(await _runner.ResumeOnEventAsync(instance, type, "profile-submitted", "applicant-1"));

        Assert.Equal(["approve", "return"], WorkflowRunner.AvailableActions(instance, type, Staff));
        Assert.Equal(
            ["status submitted", "notify profile-submitted to role:Staff", "status draft", "status submitted", "notify profile-submitted to role:Staff"],
            _effects.Calls);
    }

    [Fact]
    public async Task Should_close_an_application_when_requested_information_does_not_come_within_ten_working_days()
    {
        var type = Load("support-approval");
        _effects.TestClock.SetUtcNow(new DateTime(2026, 4, 20, 2, 0, 0, DateTimeKind.Utc)); // Monday 09:00 in Vietnam
        var instance = await _runner.StartAsync(type, "app-1", "applicant-1");

        await _runner.TakeActionAsync(instance, type, 1, "request-information", Staff, "The budget table is missing", new Dictionary<string, string> { ["fields"] = "budget" });

        // From Monday 20/4/2026: 21, 22, 23, 24, 28, 29 April and 4, 5, 6, 7 May (27/4, 30/4, 1/5 are holidays).
        var timer = instance.Blocking.Single(b => b.ActivityId == "information-deadline");
        Assert.Equal(new DateTime(2026, 5, 7, 2, 0, 0, DateTimeKind.Utc), timer.DueUtc);
        Assert.Equal(1, await _runner.FireDueTimersAsync(instance, type, timer.DueUtc!.Value));
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Contains("status closed-unanswered", _effects.Calls);
    }

    [Fact]
    public async Task Should_run_a_support_application_from_submission_to_closure()
    {
        var type = Load("support-approval");
        _effects.Assign.AddRange(["reviewer-1", "reviewer-2"]);
        var instance = await _runner.StartAsync(type, "app-1", "applicant-1");

        Assert.Equal(WorkflowActionStatus.Invalid, (await _runner.TakeActionAsync(instance, type, 1, "request-information", Staff, "Missing budget")).Status);
        Assert.True((await _runner.TakeActionAsync(instance, type, 1, "request-information", Staff, "Missing budget", new Dictionary<string, string> { ["fields"] = "budget" })).Succeeded);
        Assert.True(await _runner.ResumeOnEventAsync(instance, type, "information-supplied", "applicant-1"));
        Assert.True((await _runner.TakeActionAsync(instance, type, 3, "screening-pass", Staff)).Succeeded);
        Assert.Equal(["review", "review-reminder"], instance.Blocking.Select(b => b.ActivityId));

        Assert.Equal(1, await _runner.FireDueTimersAsync(instance, type, instance.Blocking[1].DueUtc!.Value));
        Assert.Contains("notify review-reminder to assignees [reviewer-1,reviewer-2]", _effects.Calls);
        Assert.True((await _runner.TakeActionAsync(instance, type, 5, "scored", new WorkflowActor("reviewer-1", ["Reviewer"]))).Succeeded);
        _effects.Conditions[ConditionKind.AllReviewsIn] = true;
        _effects.Conditions[ConditionKind.ScoreAtLeastPassMark] = true;
        Assert.True((await _runner.TakeActionAsync(instance, type, 6, "scored", new WorkflowActor("reviewer-2", ["Reviewer"]))).Succeeded);

        Assert.Equal(["approve", "reject"], WorkflowRunner.AvailableActions(instance, type, Leader));
        var decision = new Dictionary<string, string> { ["decisionNumber"] = "125/QĐ-SKHCN", ["decisionDate"] = "2026-06-01", ["approvedAmount"] = "500000000" };
        Assert.True((await _runner.TakeActionAsync(instance, type, 7, "approve", Leader, data: decision)).Succeeded);
        Assert.True(await _runner.ResumeOnEventAsync(instance, type, "report-submitted", "applicant-1"));
        Assert.True((await _runner.TakeActionAsync(instance, type, 9, "accept-report", Staff)).Succeeded);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(10, instance.Version);
        Assert.Equal(
            ["submitted", "information-requested (Missing budget)", "submitted", "in-review", "awaiting-decision", "funded", "closed"],
            _effects.Calls.Where(c => c.StartsWith("status ", StringComparison.Ordinal)).Select(c => c["status ".Length..]));
        Assert.All(instance.History.Where(h => h.ActivityId == "review"), h => Assert.True(h.Internal));
    }
}
