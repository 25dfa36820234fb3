using System.Text.Json;

namespace Incubator.Workflows;

/// <summary>
/// The stored form of a <see cref="WorkflowInstance"/>: the columns the host queries on, plus the engine's working
/// state as one JSON text. <see cref="Version"/> is an optimistic concurrency token, so a save made on a stale copy
/// fails instead of overwriting a newer step. History lives in <see cref="WorkflowHistoryRecord"/> rows.
/// </summary>
public sealed class WorkflowInstanceRecord
{
    /// <summary>The instance id.</summary>
    public Guid Id { get; set; }

    /// <summary>The workflow type's key.</summary>
    public string TypeKey { get; set; } = string.Empty;

    /// <summary>The pinned type version.</summary>
    public int TypeVersion { get; set; }

    /// <summary>What it concerns, e.g. the content item id.</summary>
    public string CorrelationId { get; set; } = string.Empty;

    /// <summary>See <see cref="WorkflowInstance.ItemKind"/>.</summary>
    public string ItemKind { get; set; } = string.Empty;

    /// <summary>Where it stands (stored as its name).</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>The instance version; the concurrency token.</summary>
    public int Version { get; set; }

    /// <summary>Blocking activities, join arrivals, assignees and pending steps as JSON (see <see cref="WorkflowInstanceState"/>).</summary>
    public string State { get; set; } = "{}";

    /// <summary>Why it faulted.</summary>
    public string? Fault { get; set; }

    /// <summary>When it started.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When it was last saved.</summary>
    public DateTime UpdatedUtc { get; set; }

    /// <summary>When it finished or was cancelled.</summary>
    public DateTime? FinishedUtc { get; set; }

    /// <summary>The earliest due time of its waiting timers, so a timer tick finds due instances through an index.</summary>
    public DateTime? NextDueUtc { get; set; }

    /// <summary>A new record for an instance the runner just started.</summary>
    public static WorkflowInstanceRecord From(WorkflowInstance instance, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var record = new WorkflowInstanceRecord { Id = instance.Id, CreatedUtc = instance.CreatedUtc };
        record.CopyFrom(instance, nowUtc);
        return record;
    }

    /// <summary>
    /// The engine's view of this record. <paramref name="history"/> becomes <see cref="WorkflowInstance.History"/>;
    /// the runner only appends to it, so a caller that passes none saves every entry found there afterwards.
    /// </summary>
    public WorkflowInstance ToInstance(IEnumerable<WorkflowHistoryEntry>? history = null)
    {
        var state = JsonSerializer.Deserialize<WorkflowInstanceState>(State, WorkflowInstanceState.Options) ?? new WorkflowInstanceState();
        return new WorkflowInstance
        {
            Id = Id,
            TypeKey = TypeKey,
            TypeVersion = TypeVersion,
            CorrelationId = CorrelationId,
            ItemKind = ItemKind,
            Status = Status,
            Version = Version,
            Blocking = state.Blocking,
            JoinArrivals = state.JoinArrivals,
            Assignees = state.Assignees,
            Pending = state.Pending,
            Fault = Fault,
            CreatedUtc = CreatedUtc,
            FinishedUtc = FinishedUtc,
            History = history?.ToList() ?? [],
        };
    }

    /// <summary>Copies the instance's state after a step; the history is the caller's to store.</summary>
    public void CopyFrom(WorkflowInstance instance, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (Id != instance.Id)
        {
            throw new ArgumentException($"Record {Id} cannot take the state of instance {instance.Id}.", nameof(instance));
        }

        TypeKey = instance.TypeKey;
        TypeVersion = instance.TypeVersion;
        CorrelationId = instance.CorrelationId;
        ItemKind = instance.ItemKind;
        Status = instance.Status;
        Version = instance.Version;
        State = JsonSerializer.Serialize(
            new WorkflowInstanceState { Blocking = instance.Blocking, JoinArrivals = instance.JoinArrivals, Assignees = instance.Assignees, Pending = instance.Pending },
            WorkflowInstanceState.Options);
        Fault = instance.Fault;
        FinishedUtc = instance.FinishedUtc;
        UpdatedUtc = nowUtc;
        NextDueUtc = instance.Status == WorkflowStatus.Waiting ? instance.Blocking.Min(b => b.DueUtc) : null;
    }
}

/// <summary>The part of an instance only the engine reads, stored as one JSON text.</summary>
public sealed class WorkflowInstanceState
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>See <see cref="WorkflowInstance.Blocking"/>.</summary>
    public List<BlockingActivity> Blocking { get; set; } = [];

    /// <summary>See <see cref="WorkflowInstance.JoinArrivals"/>.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = [];

    /// <summary>See <see cref="WorkflowInstance.Assignees"/>.</summary>
    public List<string> Assignees { get; set; } = [];

    /// <summary>See <see cref="WorkflowInstance.Pending"/>.</summary>
    public List<PendingStep> Pending { get; set; } = [];
}

/// <summary>One stored step of an instance's history; rows are only ever added.</summary>
public sealed class WorkflowHistoryRecord
{
    /// <summary>The row id; increases with every step, so it orders the history.</summary>
    public long Id { get; set; }

    /// <summary>The instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>When.</summary>
    public DateTime AtUtc { get; set; }

    /// <summary>The user id, or null for the system.</summary>
    public string? By { get; set; }

    /// <summary>The activity.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>The outcome.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>The actor's comment or the fault message.</summary>
    public string? Comment { get; set; }

    /// <summary>Hidden from the applicant.</summary>
    public bool Internal { get; set; }

    /// <summary>The entry's data as a JSON object of strings.</summary>
    public string Data { get; set; } = "{}";

    /// <summary>The row for a history entry of an instance.</summary>
    public static WorkflowHistoryRecord From(Guid instanceId, WorkflowHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new WorkflowHistoryRecord
        {
            InstanceId = instanceId,
            AtUtc = entry.AtUtc,
            By = entry.By,
            ActivityId = entry.ActivityId,
            Outcome = entry.Outcome,
            Comment = entry.Comment,
            Internal = entry.Internal,
            Data = JsonSerializer.Serialize(entry.Data, WorkflowInstanceState.Options),
        };
    }

    /// <summary>The engine's view of this row.</summary>
    public WorkflowHistoryEntry ToEntry() => new()
    {
        AtUtc = AtUtc,
        By = By,
        ActivityId = ActivityId,
        Outcome = Outcome,
        Comment = Comment,
        Internal = Internal,
        Data = JsonSerializer.Deserialize<Dictionary<string, string>>(Data, WorkflowInstanceState.Options) ?? [],
    };
}
