using Incubator.Core.Time;

namespace Incubator.Workflows;

/// <summary>
/// What the workflow does to the world, implemented by the host. Calls happen while the runner holds the
/// instance, so the host should run them in the same unit of work it saves the instance in (outbox for e-mail).
/// </summary>
public interface IWorkflowEffects
{
    /// <summary>The clock for history, timers and finishing times.</summary>
    TimeProvider Clock { get; }

    /// <summary>Evaluates a typed condition for the instance's item.</summary>
    Task<bool> EvaluateConditionAsync(ConditionKind condition, WorkflowInstance instance);

    /// <summary>
    /// Sets the status the applicant and the public see on the instance's item. The instance's newest history
    /// entries say who led to it and with which comment and data (e.g. the comment of a "return").
    /// </summary>
    Task SetStatusAsync(WorkflowInstance instance, string status);

    /// <summary>Sends a templated notification to "owner", "assignees" (given) or "role:X".</summary>
    Task NotifyAsync(WorkflowInstance instance, string template, string to, IReadOnlyList<string> assignees);

    /// <summary>Assigns people (e.g. "reviewers") and returns their user ids.</summary>
    Task<IReadOnlyList<string>> AssignAsync(WorkflowInstance instance, string what);
}

/// <summary>Who takes an action: the user id and the roles they hold for this item (the host may add contextual roles such as "owner").</summary>
public sealed record WorkflowActor(string UserId, IReadOnlyCollection<string> Roles);

/// <summary>How an action ended.</summary>
public enum WorkflowActionStatus
{
    /// <summary>Taken; the instance moved on.</summary>
    Ok,

    /// <summary>The action named an older version of the instance (HTTP 409).</summary>
    Stale,

    /// <summary>No waiting user task offers the outcome (HTTP 409).</summary>
    NotWaiting,

    /// <summary>The actor may not take it (HTTP 403).</summary>
    Forbidden,

    /// <summary>A required comment or data item is missing or malformed (HTTP 400).</summary>
    Invalid,

    /// <summary>The workflow type is disabled, so nothing resumes (HTTP 409).</summary>
    Disabled,
}

/// <summary>The result of an action; on anything but <see cref="WorkflowActionStatus.Ok"/> the instance is unchanged.</summary>
public sealed record WorkflowActionResult(WorkflowActionStatus Status, IReadOnlyDictionary<string, string> Errors)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>True when the action was taken.</summary>
    public bool Succeeded => Status == WorkflowActionStatus.Ok;

    internal static WorkflowActionResult Of(WorkflowActionStatus status) => new(status, None);
}

/// <summary>
/// Thrown by an effect when the world changed under the step since it was checked (e.g. another approval took the
/// budget an approval was checked against): the runner lets it through instead of faulting the instance, and the
/// host drops the whole step, as when it loses a race on the instance version.
/// </summary>
public sealed class WorkflowConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

