using System.Globalization;
using Incubator.Core.Time;

namespace Incubator.Workflows;

/// <summary>
/// Runs workflow instances. Pure apart from <see cref="IWorkflowEffects"/>: the caller loads the instance and
/// its pinned type version, calls one method, and saves the instance (with optimistic concurrency on
/// <see cref="WorkflowInstance.Version"/>). Every method that changes an instance increments its version once.
/// </summary>
public sealed class WorkflowRunner(IWorkflowEffects effects, WorkingCalendar calendar, int maxStepsPerRun = 100)
{
    private const string SystemOutcomeStarted = "started";

    private readonly int _maxStepsPerRun = maxStepsPerRun >= 1
        ? maxStepsPerRun
        : throw new ArgumentOutOfRangeException(nameof(maxStepsPerRun), maxStepsPerRun, "At least one step per run.");

    private DateTime Now => DateTime.SpecifyKind(effects.Clock.GetUtcNow().UtcDateTime, DateTimeKind.Utc);

    /// <summary>
    /// Starts an instance for the item <paramref name="correlationId"/> of kind <paramref name="itemKind"/> and runs it
    /// until it waits or ends. Throws when the type is disabled.
    /// </summary>
    public async Task<WorkflowInstance> StartAsync(WorkflowType type, string correlationId, string? startedBy, string itemKind = "")
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        if (!type.Enabled)
        {
            throw new InvalidOperationException($"Workflow type '{type.Key}' v{type.Version} is disabled and starts nothing.");
        }

        var start = type.Activities.OfType<StartActivity>().SingleOrDefault()
            ?? throw new InvalidOperationException($"Workflow type '{type.Key}' v{type.Version} has no single start activity.");
        var now = Now;
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(now),
            TypeKey = type.Key,
            TypeVersion = type.Version,
            CorrelationId = correlationId,
            ItemKind = itemKind ?? string.Empty,
            Status = WorkflowStatus.Running,
            Version = 1,
            CreatedUtc = now,
        };
        instance.History.Add(new WorkflowHistoryEntry { AtUtc = now, By = startedBy, ActivityId = start.Id, Outcome = SystemOutcomeStarted });
        await RunAsync(type, instance, [new PendingStep { ActivityId = start.Id }]);
        return instance;
    }

    /// <summary>The outcomes the actor may take now (empty when nothing waits for them or the type is disabled).</summary>
    public static IReadOnlyList<string> AvailableActions(WorkflowInstance instance, WorkflowType type, WorkflowActor actor)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(actor);
        EnsurePinned(instance, type);
        if (!type.Enabled || instance.Status != WorkflowStatus.Waiting)
        {
            return [];
        }

        return WaitingTasks(instance, type)
            .Where(w => MayTake(instance, w.Task, actor))
            .SelectMany(w => w.Task.Outcomes.Select(o => o.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Takes an outcome of a waiting user task. Checks, in order: type enabled, version, an outcome waiting,
    /// the actor's right, then the comment and data. Any refusal leaves the instance untouched.
    /// </summary>
    public async Task<WorkflowActionResult> TakeActionAsync(
        WorkflowInstance instance,
        WorkflowType type,
        int expectedVersion,
        string outcome,
        WorkflowActor actor,
        string? comment = null,
        IReadOnlyDictionary<string, string>? data = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(actor);
        EnsurePinned(instance, type);
        if (!type.Enabled)
        {
            return WorkflowActionResult.Of(WorkflowActionStatus.Disabled);
        }

        if (expectedVersion != instance.Version)
        {
            return WorkflowActionResult.Of(WorkflowActionStatus.Stale);
        }

        var offering = instance.Status == WorkflowStatus.Waiting
            ? WaitingTasks(instance, type).Where(w => w.Task.Outcomes.Any(o => o.Name == outcome)).ToList()
            : [];
        if (offering.Count == 0)
        {
            return WorkflowActionResult.Of(WorkflowActionStatus.NotWaiting);
        }

        var (blocking, task) = offering.FirstOrDefault(w => MayTake(instance, w.Task, actor));
        if (blocking is null)
        {
            return WorkflowActionResult.Of(WorkflowActionStatus.Forbidden);
        }

        var choice = task.Outcomes.First(o => o.Name == outcome);
        var errors = CheckInput(choice, comment, data);
        if (errors.Count > 0)
        {
            return new WorkflowActionResult(WorkflowActionStatus.Invalid, errors);
        }

        instance.Version++;
        instance.History.Add(new WorkflowHistoryEntry
        {
            AtUtc = Now,
            By = actor.UserId,
            ActivityId = task.Id,
            Outcome = outcome,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            Internal = choice.Internal,
            Data = data?.ToDictionary(StringComparer.Ordinal) ?? [],
        });
        await RunAsync(type, instance, Complete(type, instance, blocking, outcome));
        return WorkflowActionResult.Of(WorkflowActionStatus.Ok);
    }

    /// <summary>
    /// Resumes the instance at every event activity it waits on that listens for <paramref name="eventName"/>,
    /// incrementing the version once; false (and nothing changed) when none does, or the type is disabled.
    /// </summary>
    public async Task<bool> ResumeOnEventAsync(WorkflowInstance instance, WorkflowType type, string eventName, string? by)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsurePinned(instance, type);
        if (!type.Enabled || instance.Status != WorkflowStatus.Waiting)
        {
            return false;
        }

        var listening = instance.Blocking.Where(b => type.FindActivity(b.ActivityId) is EventActivity e && e.Event == eventName).ToList();
        if (listening.Count == 0)
        {
            return false;
        }

        instance.Version++;
        foreach (var blocking in listening)
        {
            // Completing an earlier one may have ended the instance or cancelled this one in a race.
            if (instance.Status != WorkflowStatus.Waiting || !instance.Blocking.Contains(blocking))
            {
                continue;
            }

            instance.History.Add(new WorkflowHistoryEntry
            {
                AtUtc = Now,
                By = by,
                ActivityId = blocking.ActivityId,
                Outcome = WorkflowOutcomes.Received,
                Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["event"] = eventName },
            });
            await RunAsync(type, instance, Complete(type, instance, blocking, WorkflowOutcomes.Received));
        }

        return true;
    }

    /// <summary>Fires every waiting timer due at <paramref name="nowUtc"/>, each once; returns how many fired.</summary>
    public async Task<int> FireDueTimersAsync(WorkflowInstance instance, WorkflowType type, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(instance);
        EnsurePinned(instance, type);
        if (!type.Enabled || instance.Status != WorkflowStatus.Waiting)
        {
            return 0;
        }

        var due = instance.Blocking.Where(b => b.DueUtc <= nowUtc).OrderBy(b => b.DueUtc).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        instance.Version++;
        var fired = 0;
        foreach (var timer in due)
        {
            // An earlier timer may have finished, faulted, or cancelled this one through a race.
            if (instance.Status != WorkflowStatus.Waiting || !instance.Blocking.Contains(timer))
            {
                continue;
            }

            fired++;
            instance.History.Add(new WorkflowHistoryEntry { AtUtc = Now, ActivityId = timer.ActivityId, Outcome = WorkflowOutcomes.Elapsed, Internal = true });
            await RunAsync(type, instance, Complete(type, instance, timer, WorkflowOutcomes.Elapsed));
        }

        return fired;
    }

    /// <summary>Resumes a faulted instance from the steps it had not run; false when it is not faulted or the type is disabled.</summary>
    public async Task<bool> RetryAsync(WorkflowInstance instance, WorkflowType type, string? by)
    {
        ArgumentNullException.ThrowIfNull(instance);
        EnsurePinned(instance, type);
        if (!type.Enabled || instance.Status != WorkflowStatus.Faulted)
        {
            return false;
        }

        var pending = instance.Pending;
        instance.Pending = [];
        instance.Fault = null;
        instance.Version++;
        instance.History.Add(new WorkflowHistoryEntry { AtUtc = Now, By = by, ActivityId = pending.FirstOrDefault()?.ActivityId ?? string.Empty, Outcome = "retried", Internal = true });
        await RunAsync(type, instance, pending);
        return true;
    }

    /// <summary>Cancels an instance that has not finished; false when it already finished or was cancelled.</summary>
    public bool Cancel(WorkflowInstance instance, string? by)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            return false;
        }

        var now = Now;
        instance.Version++;
        instance.Status = WorkflowStatus.Cancelled;
        instance.Blocking.Clear();
        instance.Pending.Clear();
        instance.JoinArrivals.Clear();
        instance.FinishedUtc = now;
        instance.History.Add(new WorkflowHistoryEntry { AtUtc = now, By = by, ActivityId = string.Empty, Outcome = "cancelled", Internal = true });
        return true;
    }

    private static void EnsurePinned(WorkflowInstance instance, WorkflowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Key != instance.TypeKey || type.Version != instance.TypeVersion)
        {
            throw new ArgumentException(
                $"Instance {instance.Id} runs on '{instance.TypeKey}' v{instance.TypeVersion}, not '{type.Key}' v{type.Version}.", nameof(type));
        }
    }

    private static IEnumerable<(BlockingActivity Blocking, UserTaskActivity Task)> WaitingTasks(WorkflowInstance instance, WorkflowType type) =>
        instance.Blocking
            .Select(b => (Blocking: b, Task: type.FindActivity(b.ActivityId) as UserTaskActivity))
            .Where(w => w.Task is not null)
            .Select(w => (w.Blocking, w.Task!));

    private static bool MayTake(WorkflowInstance instance, UserTaskActivity task, WorkflowActor actor)
    {
        var roleOk = task.Roles.Count == 0 || task.Roles.Any(r => actor.Roles.Contains(r, StringComparer.Ordinal));
        if (task.AssignedUserOnly)
        {
            return roleOk && instance.Assignees.Contains(actor.UserId, StringComparer.Ordinal);
        }

        return task.Roles.Count > 0 && roleOk;
    }

    /// <summary>The data that <paramref name="outcome"/> of a task the instance waits on declares; empty when none waits.</summary>
    public static IReadOnlyList<DataField> DeclaredData(WorkflowInstance instance, WorkflowType type, string outcome)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.Status == WorkflowStatus.Waiting
            ? WaitingTasks(instance, type).SelectMany(w => w.Task.Outcomes).FirstOrDefault(o => o.Name == outcome)?.Data ?? []
            : [];
    }

    private static Dictionary<string, string> CheckInput(UserTaskOutcome choice, string? comment, IReadOnlyDictionary<string, string>? data)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (choice.RequiresComment && string.IsNullOrWhiteSpace(comment))
        {
            errors["comment"] = "A comment is required.";
        }

        data ??= new Dictionary<string, string>();
        foreach (var field in choice.Data)
        {
            var key = $"data.{field.Name}";
            if (!data.TryGetValue(field.Name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    errors[key] = "Required.";
                }

                continue;
            }

            switch (field.Type)
            {
                case DataFieldType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                case DataFieldType.Money when !value.All(char.IsAsciiDigit) || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                case DataFieldType.Number when !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _):
                case DataFieldType.Boolean when !bool.TryParse(value, out _):
                    errors[key] = WorkflowData.Expected(field.Type);
                    break;
            }
        }

        foreach (var unknown in data.Keys.Where(k => !choice.Data.Any(f => f.Name == k)))
        {
            errors[$"data.{unknown}"] = "Not a field of this action.";
        }

        return errors;
    }

    /// <summary>Removes a completed blocking activity (and its race rivals) and returns the steps its outcome leads to.</summary>
    private static List<PendingStep> Complete(WorkflowType type, WorkflowInstance instance, BlockingActivity blocking, string outcome)
    {
        instance.Blocking.Remove(blocking);
        if (blocking.RaceForkId is { } race)
        {
            instance.Blocking.RemoveAll(b => b.RaceForkId == race);
        }

        instance.Status = WorkflowStatus.Running;
        return Next(type, blocking.ActivityId, outcome, raceForkId: null).ToList();
    }

    private static IEnumerable<PendingStep> Next(WorkflowType type, string from, string outcome, string? raceForkId) =>
        type.Transitions
            .Where(t => t.From == from && t.Outcome == outcome)
            .Select(t => new PendingStep { ActivityId = t.To, FromActivityId = from, Outcome = outcome, RaceForkId = raceForkId });

    private async Task RunAsync(WorkflowType type, WorkflowInstance instance, IEnumerable<PendingStep> steps)
    {
        instance.Status = WorkflowStatus.Running;
        var queue = new Queue<PendingStep>(steps);
        var executed = 0;
        while (queue.TryDequeue(out var step))
        {
            var activity = type.GetActivity(step.ActivityId);
            if (++executed > _maxStepsPerRun)
            {
                Faulted(instance, step, queue,
                    $"Stopped at activity '{activity.Id}' ({activity.KindName}) after {_maxStepsPerRun} steps in one run: the workflow loops without waiting.");
                return;
            }

            IReadOnlyList<string> outcomes;
            try
            {
                outcomes = await ExecuteAsync(type, instance, activity, step);
            }
            catch (Exception ex) when (ex is not WorkflowConflictException)
            {
                Faulted(instance, step, queue, $"Activity '{activity.Id}' ({activity.KindName}) failed: {ex.Message}");
                return;
            }

            if (activity is EndActivity)
            {
                instance.Blocking.Clear();
                instance.JoinArrivals.Clear();
                break;
            }

            // Only the fork itself starts a race; its branches carry the fork id until one of them blocks.
            var race = activity is ForkActivity { Race: true } ? activity.Id : step.RaceForkId;
            foreach (var outcome in outcomes)
            {
                foreach (var next in Next(type, activity.Id, outcome, race))
                {
                    queue.Enqueue(next);
                }
            }
        }

        if (instance.Blocking.Count > 0)
        {
            instance.Status = WorkflowStatus.Waiting;
        }
        else
        {
            instance.Status = WorkflowStatus.Finished;
            instance.FinishedUtc = Now;
        }
    }

    private void Faulted(WorkflowInstance instance, PendingStep step, Queue<PendingStep> rest, string message)
    {
        instance.Status = WorkflowStatus.Faulted;
        instance.Fault = message;
        instance.Pending = [step, .. rest];
        instance.History.Add(new WorkflowHistoryEntry { AtUtc = Now, ActivityId = step.ActivityId, Outcome = "faulted", Comment = message, Internal = true });
    }

    private async Task<IReadOnlyList<string>> ExecuteAsync(WorkflowType type, WorkflowInstance instance, WorkflowActivity activity, PendingStep step)
    {
        switch (activity)
        {
            case StartActivity:
                return [WorkflowOutcomes.Done];
            case UserTaskActivity or EventActivity:
                Block(instance, activity.Id, step.RaceForkId, dueUtc: null);
                return [];
            case TimerActivity timer:
                Block(instance, activity.Id, step.RaceForkId, DueUtc(timer, Now));
                return [];
            case ConditionActivity condition:
                var result = await effects.EvaluateConditionAsync(condition.Condition, instance);
                var outcome = result ? WorkflowOutcomes.True : WorkflowOutcomes.False;
                Record(instance, activity.Id, outcome, internalStep: true, ("condition", condition.Condition.ToString()));
                return [outcome];
            case SetStatusActivity setStatus:
                await effects.SetStatusAsync(instance, setStatus.Status);
                Record(instance, activity.Id, WorkflowOutcomes.Done, internalStep: false, ("status", setStatus.Status));
                return [WorkflowOutcomes.Done];
            case NotifyActivity notify:
                await effects.NotifyAsync(instance, notify.Template, notify.To, instance.Assignees.ToList());
                Record(instance, activity.Id, WorkflowOutcomes.Done, internalStep: true, ("template", notify.Template), ("to", notify.To));
                return [WorkflowOutcomes.Done];
            case AssignActivity assign:
                var assigned = await effects.AssignAsync(instance, assign.What);
                instance.Assignees = [.. instance.Assignees.Union(assigned, StringComparer.Ordinal)];
                Record(instance, activity.Id, WorkflowOutcomes.Done, internalStep: true, ("what", assign.What), ("assigned", string.Join(",", assigned)));
                return [WorkflowOutcomes.Done];
            case ForkActivity fork:
                Record(instance, activity.Id, WorkflowOutcomes.Done, internalStep: true);
                return fork.Branches;
            case JoinActivity:
                return Join(type, instance, activity.Id, step);
            case EndActivity:
                Record(instance, activity.Id, WorkflowOutcomes.Done, internalStep: false);
                return [];
            default:
                throw new InvalidOperationException($"Unknown activity kind {activity.GetType().Name}.");
        }
    }

    private IReadOnlyList<string> Join(WorkflowType type, WorkflowInstance instance, string joinId, PendingStep step)
    {
        var expected = type.Transitions.Where(t => t.To == joinId).Select(t => $"{t.From}:{t.Outcome}").ToHashSet(StringComparer.Ordinal);
        if (!instance.JoinArrivals.TryGetValue(joinId, out var arrived))
        {
            instance.JoinArrivals[joinId] = arrived = [];
        }

        var key = $"{step.FromActivityId}:{step.Outcome}";
        if (!arrived.Contains(key, StringComparer.Ordinal))
        {
            arrived.Add(key);
        }

        if (!expected.IsSubsetOf(arrived))
        {
            if (!instance.Blocking.Any(b => b.ActivityId == joinId))
            {
                Block(instance, joinId, raceForkId: null, dueUtc: null);
            }

            return [];
        }

        instance.JoinArrivals.Remove(joinId);
        instance.Blocking.RemoveAll(b => b.ActivityId == joinId);
        Record(instance, joinId, WorkflowOutcomes.Done, internalStep: true);
        return [WorkflowOutcomes.Done];
    }

    private void Block(WorkflowInstance instance, string activityId, string? raceForkId, DateTime? dueUtc) =>
        instance.Blocking.Add(new BlockingActivity { ActivityId = activityId, EnteredUtc = Now, DueUtc = dueUtc, RaceForkId = raceForkId });

    private void Record(WorkflowInstance instance, string activityId, string outcome, bool internalStep, params (string Key, string Value)[] data) =>
        instance.History.Add(new WorkflowHistoryEntry
        {
            AtUtc = Now,
            ActivityId = activityId,
            Outcome = outcome,
            Internal = internalStep,
            Data = data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal),
        });

    /// <summary>Due times are counted in Vietnam local time, where working days and dates mean something, and stored in UTC.</summary>
    internal DateTime DueUtc(TimerActivity timer, DateTime nowUtc)
    {
        var local = VietnamTime.ToLocal(nowUtc);
        DateTime dueLocal;
        if (timer.AfterDays is { } days)
        {
            dueLocal = local.AddDays(days);
        }
        else if (timer.AfterWorkingDays is { } workingDays)
        {
            dueLocal = calendar.AddWorkingDays(DateOnly.FromDateTime(local), workingDays).ToDateTime(TimeOnly.FromDateTime(local));
        }
        else if (timer.AtDate is { } date)
        {
            dueLocal = date.ToDateTime(TimeOnly.MinValue);
        }
        else
        {
            throw new InvalidOperationException($"Timer '{timer.Id}' has no setting.");
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(dueLocal, DateTimeKind.Unspecified), VietnamTime.Zone);
    }
}
