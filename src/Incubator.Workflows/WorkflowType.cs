using System.Text.Json.Serialization;

namespace Incubator.Workflows;

/// <summary>
/// A workflow definition as data, as a recipe ships it. Immutable once published: a change is a new
/// <see cref="Version"/>, and running instances stay on the version they started on.
/// </summary>
public sealed class WorkflowType
{
    /// <summary>The stable key, e.g. "support-approval".</summary>
    public required string Key { get; init; }

    /// <summary>What people read for the type, in Vietnamese and English (one text in older definitions).</summary>
    public required WorkflowName Name { get; init; }

    /// <summary>1, 2, …; instances are pinned to it.</summary>
    public int Version { get; init; } = 1;

    /// <summary>A disabled type neither starts nor resumes instances.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The event that starts it, e.g. "profile-submitted".</summary>
    public required string StartEvent { get; init; }

    /// <summary>The activities; ids are unique within the type.</summary>
    public IReadOnlyList<WorkflowActivity> Activities { get; init; } = [];

    /// <summary>Where each outcome of an activity leads.</summary>
    public IReadOnlyList<WorkflowTransition> Transitions { get; init; } = [];

    /// <summary>The activity with this id, or null.</summary>
    public WorkflowActivity? FindActivity(string id) => Activities.FirstOrDefault(a => a.Id == id);

    internal WorkflowActivity GetActivity(string id) =>
        FindActivity(id) ?? throw new InvalidOperationException($"Workflow type '{Key}' v{Version} has no activity '{id}'.");
}

/// <summary>Activity <see cref="From"/> with outcome <see cref="Outcome"/> leads to activity <see cref="To"/>.</summary>
public sealed record WorkflowTransition(string From, string Outcome, string To);

/// <summary>One step of a workflow; the JSON "kind" says which.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(StartActivity), "start")]
[JsonDerivedType(typeof(EventActivity), "event")]
[JsonDerivedType(typeof(UserTaskActivity), "userTask")]
[JsonDerivedType(typeof(ConditionActivity), "condition")]
[JsonDerivedType(typeof(SetStatusActivity), "setStatus")]
[JsonDerivedType(typeof(NotifyActivity), "notify")]
[JsonDerivedType(typeof(AssignActivity), "assign")]
[JsonDerivedType(typeof(TimerActivity), "timer")]
[JsonDerivedType(typeof(ForkActivity), "fork")]
[JsonDerivedType(typeof(JoinActivity), "join")]
[JsonDerivedType(typeof(EndActivity), "end")]
public abstract class WorkflowActivity
{
    /// <summary>Unique within the workflow type.</summary>
    public required string Id { get; init; }

    /// <summary>What people read for the step (diagram, history, e-mails); older definitions have none.</summary>
    public WorkflowName? Name { get; init; }

    /// <summary>The JSON kind, for messages and diagrams.</summary>
    [JsonIgnore]
    public abstract string KindName { get; }

    /// <summary>The outcomes transitions may leave this activity by.</summary>
    [JsonIgnore]
    public abstract IReadOnlyList<string> OutcomeNames { get; }
}

/// <summary>The entry point; leaves by "done".</summary>
public sealed class StartActivity : WorkflowActivity
{
    /// <summary>The event name; must equal the type's start event.</summary>
    public string? Event { get; init; }

    /// <inheritdoc />
    public override string KindName => "start";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Done];
}

/// <summary>
/// Waits until the host raises <see cref="Event"/> for the instance's item (e.g. the applicant submits the
/// profile again, or supplies the information staff asked for); leaves by "received".
/// </summary>
public sealed class EventActivity : WorkflowActivity
{
    /// <summary>The event name, e.g. "profile-submitted" or "information-supplied".</summary>
    public required string Event { get; init; }

    /// <inheritdoc />
    public override string KindName => "event";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Received];
}

/// <summary>Waits for a person to take one of its outcomes.</summary>
public sealed class UserTaskActivity : WorkflowActivity
{
    /// <summary>Roles that may take it (any one suffices). The host may grant contextual roles such as "owner".</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Only users the workflow assigned (see <see cref="AssignActivity"/>) may take it; roles, if any, must also match.</summary>
    public bool AssignedUserOnly { get; init; }

    /// <summary>The named outcomes.</summary>
    public IReadOnlyList<UserTaskOutcome> Outcomes { get; init; } = [];

    /// <inheritdoc />
    public override string KindName => "userTask";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => Outcomes.Select(c => c.Name).ToList();
}

/// <summary>
/// One outcome of a user task, with what it requires. In JSON its key is "id" and its name <c>{ "vi", "en" }</c>
/// (<c>{ "id": "approve", "name": { "vi": "Phê duyệt", "en": "Approve" } }</c>); older definitions give only the key,
/// as "name" (<c>{ "name": "approve" }</c>), and are read and written back in that shape.
/// </summary>
[JsonConverter(typeof(UserTaskOutcomeJsonConverter))]
public sealed class UserTaskOutcome
{
    /// <summary>The key transitions and actions use, e.g. "approve".</summary>
    public required string Name { get; init; }

    /// <summary>What people read for it (buttons, history, e-mails); null in older definitions.</summary>
    public WorkflowName? DisplayName { get; init; }

    /// <summary>The action is refused without a non-blank comment.</summary>
    public bool RequiresComment { get; init; }

    /// <summary>Its history row is hidden from the applicant.</summary>
    public bool Internal { get; init; }

    /// <summary>Typed values the action carries, e.g. a decision number.</summary>
    public IReadOnlyList<DataField> Data { get; init; } = [];
}

/// <summary>A typed value an outcome carries.</summary>
public sealed class DataField
{
    /// <summary>The key in the action's data.</summary>
    public required string Name { get; init; }

    /// <summary>How it is checked; text when the definition says nothing, as before types were declared.</summary>
    public DataFieldType Type { get; init; } = DataFieldType.Text;

    /// <summary>The action is refused without it.</summary>
    public bool Required { get; init; }
}

/// <summary>How an action's data value is checked.</summary>
public enum DataFieldType
{
    /// <summary>Any text.</summary>
    Text,

    /// <summary>yyyy-MM-dd.</summary>
    Date,

    /// <summary>A non-negative whole number of đồng, digits only.</summary>
    Money,

    /// <summary>Any number, e.g. a score or a percentage: a JSON number, or its invariant text ("12.5").</summary>
    Number,

    /// <summary>Yes or no: JSON true or false, or the text "true" / "false".</summary>
    Boolean,

    /// <summary>Several texts, e.g. the fields to reopen: a JSON array of strings, or the texts separated by commas.</summary>
    List,
}

/// <summary>A typed guard evaluated by the host; leaves by "true" or "false".</summary>
public sealed class ConditionActivity : WorkflowActivity
{
    /// <summary>Which rule.</summary>
    public ConditionKind Condition { get; init; }

    /// <inheritdoc />
    public override string KindName => "condition";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.True, WorkflowOutcomes.False];
}

/// <summary>The typed conditions; no expressions in workflow data.</summary>
public enum ConditionKind
{
    /// <summary>Not set; refused by the validator.</summary>
    None,

    /// <summary>The consolidated score reaches the programme's pass mark.</summary>
    ScoreAtLeastPassMark,

    /// <summary>The amount is within the programme's cap and its remaining budget.</summary>
    AmountWithinCapAndBudget,

    /// <summary>Every assigned reviewer has scored.</summary>
    AllReviewsIn,
}

/// <summary>Sets the status the applicant and the public see; leaves by "done".</summary>
public sealed class SetStatusActivity : WorkflowActivity
{
    /// <summary>e.g. "in-review".</summary>
    public required string Status { get; init; }

    /// <inheritdoc />
    public override string KindName => "setStatus";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Done];
}

/// <summary>Sends a templated notification; leaves by "done".</summary>
public sealed class NotifyActivity : WorkflowActivity
{
    /// <summary>The template key, e.g. "profile-returned".</summary>
    public required string Template { get; init; }

    /// <summary>"owner", "assignees" or "role:&lt;Role&gt;".</summary>
    public required string To { get; init; }

    /// <inheritdoc />
    public override string KindName => "notify";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Done];
}

/// <summary>Asks the host to assign people (e.g. "reviewers"); the ids it returns become the instance's assignees.</summary>
public sealed class AssignActivity : WorkflowActivity
{
    /// <summary>What to assign, e.g. "reviewers".</summary>
    public required string What { get; init; }

    /// <inheritdoc />
    public override string KindName => "assign";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Done];
}

/// <summary>Waits until a due time computed in Vietnam time; leaves by "elapsed". Exactly one setting is given.</summary>
public sealed class TimerActivity : WorkflowActivity
{
    /// <summary>Calendar days from entry, same time of day.</summary>
    public int? AfterDays { get; init; }

    /// <summary>Working days from entry (weekends and holidays skipped), same time of day.</summary>
    public int? AfterWorkingDays { get; init; }

    /// <summary>Midnight at the start of this date, Vietnam time.</summary>
    public DateOnly? AtDate { get; init; }

    /// <inheritdoc />
    public override string KindName => "timer";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Elapsed];
}

/// <summary>Follows every branch at once; each branch name is an outcome with its transition.</summary>
public sealed class ForkActivity : WorkflowActivity
{
    /// <summary>The branch outcome names.</summary>
    public IReadOnlyList<string> Branches { get; init; } = [];

    /// <summary>
    /// The first branch to complete a waiting activity cancels the activities the other branches wait on,
    /// e.g. "the applicant supplies the information" against "ten working days pass".
    /// </summary>
    public bool Race { get; init; }

    /// <inheritdoc />
    public override string KindName => "fork";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => Branches;
}

/// <summary>Waits until every incoming transition has arrived, then leaves by "done".</summary>
public sealed class JoinActivity : WorkflowActivity
{
    /// <inheritdoc />
    public override string KindName => "join";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [WorkflowOutcomes.Done];
}

/// <summary>Finishes the instance, cancelling anything still waiting.</summary>
public sealed class EndActivity : WorkflowActivity
{
    /// <inheritdoc />
    public override string KindName => "end";

    /// <inheritdoc />
    public override IReadOnlyList<string> OutcomeNames => [];
}

/// <summary>The fixed outcome names of the built-in activity kinds.</summary>
public static class WorkflowOutcomes
{
    /// <summary>start, setStatus, notify, assign, join.</summary>
    public const string Done = "done";

    /// <summary>condition.</summary>
    public const string True = "true";

    /// <summary>condition.</summary>
    public const string False = "false";

    /// <summary>timer.</summary>
    public const string Elapsed = "elapsed";

    /// <summary>event.</summary>
    public const string Received = "received";
}
