namespace Incubator.Workflows;

/// <summary>A problem in a workflow type: where (activity id, field) and why.</summary>
public sealed record WorkflowValidationError(string? ActivityId, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        ActivityId is null ? $"{Field}: {Message}" : $"activity '{ActivityId}', {Field}: {Message}";
}

/// <summary>Checks a workflow type before it is stored or run; returns every error, not just the first.</summary>
public static class WorkflowTypeValidator
{
    /// <summary>All errors; empty when the type is valid.</summary>
    public static IReadOnlyList<WorkflowValidationError> Validate(WorkflowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var errors = new List<WorkflowValidationError>();
        void Error(string? activityId, string field, string message) => errors.Add(new(activityId, field, message));

        if (string.IsNullOrWhiteSpace(type.Key))
        {
            Error(null, "key", "is required");
        }

        if (type.Name?.AnyText() is null)
        {
            Error(null, "name", "is required");
        }
        else if (MissesVietnamese(type.Name))
        {
            Error(null, "name.vi", "is required when the name is given per language");
        }

        if (type.Version < 1)
        {
            Error(null, "version", $"must be 1 or more, not {type.Version}");
        }

        if (string.IsNullOrWhiteSpace(type.StartEvent))
        {
            Error(null, "startEvent", "is required");
        }

        var byId = new Dictionary<string, WorkflowActivity>(StringComparer.Ordinal);
        foreach (var activity in type.Activities)
        {
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                Error(null, "activities[].id", $"a {activity.KindName} activity has no id");
            }
            else if (!byId.TryAdd(activity.Id, activity))
            {
                Error(activity.Id, "id", "is used by more than one activity");
            }

            if (MissesVietnamese(activity.Name))
            {
                Error(activity.Id, "name.vi", "is required when the name is given per language");
            }

            ValidateSettings(type, activity, Error);
        }

        var starts = type.Activities.OfType<StartActivity>().ToList();
        if (starts.Count != 1)
        {
            Error(null, "activities", $"needs exactly one start activity, found {starts.Count}");
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < type.Transitions.Count; i++)
        {
            var t = type.Transitions[i];
            var field = $"transitions[{i}]";
            if (!byId.TryGetValue(t.From ?? string.Empty, out var from))
            {
                Error(null, $"{field}.from", $"unknown activity '{t.From}'");
            }
            else if (!from.OutcomeNames.Contains(t.Outcome, StringComparer.Ordinal))
            {
                Error(t.From, $"{field}.outcome",
                    $"'{t.Outcome}' is not an outcome of this {from.KindName} activity (outcomes: {Describe(from.OutcomeNames)})");
            }
            else if (!seen.Add((t.From!, t.Outcome)))
            {
                Error(t.From, $"{field}.outcome", $"outcome '{t.Outcome}' has more than one transition; use a fork to go several ways");
            }

            if (!byId.ContainsKey(t.To ?? string.Empty))
            {
                Error(null, $"{field}.to", $"unknown activity '{t.To}'");
            }
        }

        foreach (var fork in type.Activities.OfType<ForkActivity>())
        {
            foreach (var branch in fork.Branches.Where(b => !type.Transitions.Any(t => t.From == fork.Id && t.Outcome == b)))
            {
                Error(fork.Id, "branches", $"branch '{branch}' has no transition");
            }
        }

        foreach (var join in type.Activities.OfType<JoinActivity>())
        {
            var incoming = type.Transitions.Count(t => t.To == join.Id);
            if (incoming < 2)
            {
                Error(join.Id, "transitions", $"a join needs at least two incoming transitions, found {incoming}");
            }
        }

        if (starts.Count == 1)
        {
            var reachable = Reachable(type, starts[0].Id);
            foreach (var activity in type.Activities.Where(a => a is not StartActivity && !string.IsNullOrWhiteSpace(a.Id) && !reachable.Contains(a.Id)))
            {
                Error(activity.Id, "transitions", "is not reachable from the start activity");
            }
        }

        return errors;
    }

    private static void ValidateSettings(WorkflowType type, WorkflowActivity activity, Action<string?, string, string> error)
    {
        var id = activity.Id;
        switch (activity)
        {
            case StartActivity start when start.Event is not null && start.Event != type.StartEvent:
                error(id, "event", $"'{start.Event}' differs from the type's startEvent '{type.StartEvent}'");
                break;
            case EventActivity waitFor when string.IsNullOrWhiteSpace(waitFor.Event):
                error(id, "event", "is required");
                break;
            case UserTaskActivity task:
                if (task.Outcomes.Count == 0)
                {
                    error(id, "outcomes", "a user task needs at least one outcome");
                }

                if (task.Roles.Count == 0 && !task.AssignedUserOnly)
                {
                    error(id, "roles", "a user task needs at least one role unless assignedUserOnly is true");
                }

                if (task.Roles.Any(string.IsNullOrWhiteSpace))
                {
                    error(id, "roles", "a role is blank");
                }

                foreach (var name in Duplicates(task.Outcomes.Select(o => o.Name)))
                {
                    error(id, "outcomes", $"outcome '{name}' is listed twice");
                }

                foreach (var outcome in task.Outcomes)
                {
                    if (string.IsNullOrWhiteSpace(outcome.Name))
                    {
                        error(id, "outcomes[].id", "is required");
                    }

                    if (MissesVietnamese(outcome.DisplayName))
                    {
                        error(id, $"outcomes[{outcome.Name}].name.vi", "is required when the name is given per language");
                    }

                    foreach (var name in Duplicates(outcome.Data.Select(d => d.Name)))
                    {
                        error(id, $"outcomes[{outcome.Name}].data", $"field '{name}' is listed twice");
                    }

                    foreach (var field in outcome.Data.Where(d => string.IsNullOrWhiteSpace(d.Name) || !Enum.IsDefined(d.Type)))
                    {
                        error(id, $"outcomes[{outcome.Name}].data", $"field '{field.Name}' needs a name and a type (text, date or money)");
                    }
                }

                break;
            case ConditionActivity condition when condition.Condition == ConditionKind.None || !Enum.IsDefined(condition.Condition):
                error(id, "condition", $"is required: one of {Describe(Enum.GetNames<ConditionKind>().Skip(1))}");
                break;
            case SetStatusActivity setStatus when string.IsNullOrWhiteSpace(setStatus.Status):
                error(id, "status", "is required");
                break;
            case NotifyActivity notify:
                if (string.IsNullOrWhiteSpace(notify.Template))
                {
                    error(id, "template", "is required");
                }

                if (!IsRecipient(notify.To))
                {
                    error(id, "to", $"'{notify.To}' must be 'owner', 'assignees' or 'role:<Role>'");
                }

                break;
            case AssignActivity assign when string.IsNullOrWhiteSpace(assign.What):
                error(id, "what", "is required");
                break;
            case TimerActivity timer:
                var set = (timer.AfterDays is null ? 0 : 1) + (timer.AfterWorkingDays is null ? 0 : 1) + (timer.AtDate is null ? 0 : 1);
                if (set != 1)
                {
                    error(id, "afterDays/afterWorkingDays/atDate", $"exactly one must be set, found {set}");
                }

                if (timer.AfterDays < 1)
                {
                    error(id, "afterDays", "must be 1 or more");
                }

                if (timer.AfterWorkingDays < 1)
                {
                    error(id, "afterWorkingDays", "must be 1 or more");
                }

                break;
            case ForkActivity fork:
                if (fork.Branches.Count < 2)
                {
                    error(id, "branches", "a fork needs at least two branches");
                }

                foreach (var name in Duplicates(fork.Branches))
                {
                    error(id, "branches", $"branch '{name}' is listed twice");
                }

                break;
        }
    }

    /// <summary>A name given per language needs its Vietnamese text, the site's first language.</summary>
    private static bool MissesVietnamese(WorkflowName? name) => name is { IsText: false } && string.IsNullOrWhiteSpace(name.Vi);

    private static bool IsRecipient(string? to) => NotificationRecipients.IsValid(to);

    private static HashSet<string> Reachable(WorkflowType type, string startId)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { startId };
        var queue = new Queue<string>([startId]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var t in type.Transitions.Where(t => t.From == id && t.To is not null && reached.Add(t.To)))
            {
                queue.Enqueue(t.To);
            }
        }

        return reached;
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> names) =>
        names.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    private static string Describe(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "none" : list;
    }
}
