namespace Incubator.Workflows;

/// <summary>Where an instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Executing activities; only seen mid-run.</summary>
    Running,

    /// <summary>Blocked on user tasks, timers or joins.</summary>
    Waiting,

    /// <summary>Reached an end, or nothing is left to wait for.</summary>
    Finished,

    /// <summary>Stopped by an error or a loop; see <see cref="WorkflowInstance.Fault"/>.</summary>
    Faulted,

    /// <summary>Stopped by staff.</summary>
    Cancelled,
}

/// <summary>One run of a workflow type for one item. Plain data, changed only by <see cref="WorkflowRunner"/>.</summary>
public sealed class WorkflowInstance
{
    /// <summary>The instance id.</summary>
    public Guid Id { get; set; }

    /// <summary>The workflow type's key.</summary>
    public string TypeKey { get; set; } = string.Empty;

    /// <summary>The type version it started on and keeps running on.</summary>
    public int TypeVersion { get; set; }

    /// <summary>What it concerns, e.g. the content item id.</summary>
    public string CorrelationId { get; set; } = string.Empty;

    /// <summary>
    /// The kind of item <see cref="CorrelationId"/> names (e.g. "application", "profile"), given when the instance
    /// starts, so the host hands every effect to the feature that owns such items instead of guessing from the id.
    /// </summary>
    public string ItemKind { get; set; } = string.Empty;

    /// <summary>Where it stands.</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>Changes at every step; an action names the version it was taken on.</summary>
    public int Version { get; set; }

    /// <summary>What it waits on.</summary>
    public List<BlockingActivity> Blocking { get; set; } = [];

    /// <summary>Per join activity id, the incoming transitions ("from:outcome") that have arrived.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = [];

    /// <summary>User ids assign activities returned; they may take assigned-user-only tasks.</summary>
    public List<string> Assignees { get; set; } = [];

    /// <summary>Steps not run because the instance faulted; a retry runs them.</summary>
    public List<PendingStep> Pending { get; set; } = [];

    /// <summary>Why it faulted, readable by staff.</summary>
    public string? Fault { get; set; }

    /// <summary>Every step, oldest first.</summary>
    public List<WorkflowHistoryEntry> History { get; set; } = [];

    /// <summary>When it started.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When it finished or was cancelled.</summary>
    public DateTime? FinishedUtc { get; set; }
}

/// <summary>An activity the instance waits on: a user task, a timer (with its due time) or a join.</summary>
public sealed class BlockingActivity
{
    /// <summary>The activity id.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>When it started waiting.</summary>
    public DateTime EnteredUtc { get; set; }

    /// <summary>For a timer, when it fires.</summary>
    public DateTime? DueUtc { get; set; }

    /// <summary>The racing fork whose other branches this activity cancels when it completes.</summary>
    public string? RaceForkId { get; set; }
}

/// <summary>An activity about to run, and the transition that led to it.</summary>
public sealed class PendingStep
{
    /// <summary>The activity to run.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>The activity the transition came from.</summary>
    public string? FromActivityId { get; set; }

    /// <summary>The outcome the transition left by.</summary>
    public string? Outcome { get; set; }

    /// <summary>The racing fork the branch belongs to, if any.</summary>
    public string? RaceForkId { get; set; }
}

/// <summary>One step in an instance's history.</summary>
public sealed class WorkflowHistoryEntry
{
    /// <summary>When.</summary>
    public DateTime AtUtc { get; set; }

    /// <summary>The user id, or null for the system.</summary>
    public string? By { get; set; }

    /// <summary>The activity.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>The outcome taken, e.g. "approve", "true", "elapsed".</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>The actor's comment.</summary>
    public string? Comment { get; set; }

    /// <summary>Hidden from the applicant.</summary>
    public bool Internal { get; set; }

    /// <summary>The action's typed data, or what a system step did (e.g. the status set).</summary>
    public Dictionary<string, string> Data { get; set; } = [];
}
