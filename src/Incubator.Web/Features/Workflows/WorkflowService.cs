using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>How an action through <see cref="WorkflowService"/> ended; <see cref="Instance"/> is null when the item has no instance.</summary>
internal sealed record WorkflowActionOutcome(WorkflowActionStatus Status, IReadOnlyDictionary<string, string> Errors, WorkflowInstanceRecord? Instance)
{
    /// <summary>The site's one answer for a command: the engine's refusals as conflicts, a forbidden action, or errors by field.</summary>
    public CommandResult<WorkflowInstanceRecord> ToCommandResult() => (Status, Instance) switch
    {
        (_, null) => CommandResult.NotFound().As<WorkflowInstanceRecord>(),
        (WorkflowActionStatus.Ok, { } instance) => CommandResult.Ok(instance),
        (WorkflowActionStatus.Invalid, _) => CommandResult.Invalid(Errors).As<WorkflowInstanceRecord>(),
        (WorkflowActionStatus.Forbidden, _) => CommandResult.Forbidden("You may not take this action.").As<WorkflowInstanceRecord>(),
        (WorkflowActionStatus.Stale, _) => CommandResult.Conflict("Someone acted on this item first; reload it and try again.").As<WorkflowInstanceRecord>(),
        (WorkflowActionStatus.Disabled, _) => CommandResult.Conflict("This workflow is disabled.").As<WorkflowInstanceRecord>(),
        _ => CommandResult.Conflict("This action is not waiting any more.").As<WorkflowInstanceRecord>(),
    };
}

/// <summary>
/// The host's entry to the workflow engine: starts instances on events, offers and takes actions, fires due timers.
/// Every change is saved in one SaveChanges (instance, its new history rows and the e-mails the step queued) with
/// the instance version as an optimistic concurrency token, so of two writers on the same version exactly one wins
/// and the other changes nothing. An instance always runs on the type version it started on.
/// </summary>
internal sealed class WorkflowService(
    IncubatorDbContext db, HostWorkflowEffects effects, HolidayCalendar calendar, UserManager<User> users, WorkflowItems items,
    TimeProvider clock, ILogger<WorkflowService> logger, IStringLocalizer<WorkflowService> localizer)
{
    /// <summary>The role the host grants to the owner of the correlated item.</summary>
    public const string OwnerRole = "owner";

    private const int DueBatchSize = 100;

    /// <summary>How often an action that lost a race on another item's row (a shared budget ledger) is taken again.</summary>
    private const int MaxActionAttempts = 5;

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();


    /// <summary>
    /// Raises <paramref name="eventName"/> for an item of kind <paramref name="itemKind"/> (the kind an
    /// <see cref="IWorkflowItemHandler"/> serves, stored on the instances it starts): resumes the item's waiting instances at the event activities
    /// listening for it, and starts the latest enabled version of every type the event starts, unless the item already
    /// has an unfinished instance of that type (so submitting twice never opens two reviews). Tracks the changes
    /// without saving them: the caller saves them together with the change that raised the event, so neither is
    /// saved without the other.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowInstanceRecord>> RaiseAsync(string eventName, string itemKind, string correlationId, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        var touched = new List<WorkflowInstanceRecord>();
        var waiting = await db.WorkflowInstances.Where(i => i.CorrelationId == correlationId && i.Status == WorkflowStatus.Waiting).OrderBy(i => i.CreatedUtc).ToListAsync(cancellationToken);
        foreach (var record in waiting)
        {
            var instance = record.ToInstance();
            if (await (await RunnerAsync(cancellationToken)).ResumeOnEventAsync(instance, await PinnedTypeAsync(record, cancellationToken), eventName, userId))
            {
                record.CopyFrom(instance, clock.GetUtcNow().UtcDateTime);
                AddHistory(record.Id, instance);
                touched.Add(record);
            }
        }

        var candidates = await db.WorkflowTypes.AsNoTracking().Where(t => t.StartEvent == eventName && t.Enabled).ToListAsync(cancellationToken);
        foreach (var type in candidates.GroupBy(t => t.Key).Select(g => g.MaxBy(t => t.Version)!).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var unfinished = await db.WorkflowInstances.AnyAsync(
                i => i.CorrelationId == correlationId && i.TypeKey == type.Key
                    && (i.Status == WorkflowStatus.Waiting || i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Faulted),
                cancellationToken);
            if (!unfinished)
            {
                touched.Add(await StartCoreAsync(type, itemKind, correlationId, userId, cancellationToken));
            }
        }

        return touched;
    }

    /// <summary>
    /// Cancels every unfinished instance of an item (e.g. because the item was deleted), tracked but not saved, like
    /// <see cref="RaiseAsync"/>; returns how many.
    /// </summary>
    public async Task<int> CancelUnfinishedAsync(string correlationId, string? userId, CancellationToken cancellationToken = default)
    {
        var unfinished = await db.WorkflowInstances
            .Where(i => i.CorrelationId == correlationId && i.Status != WorkflowStatus.Finished && i.Status != WorkflowStatus.Cancelled)
            .ToListAsync(cancellationToken);
        foreach (var record in unfinished)
        {
            var instance = record.ToInstance();
            (await RunnerAsync(cancellationToken)).Cancel(instance, userId);
            record.CopyFrom(instance, clock.GetUtcNow().UtcDateTime);
            AddHistory(record.Id, instance);
        }

        return unfinished.Count;
    }

    /// <summary>
    /// Adds users to the assignees of the item's waiting instance (tracked, not saved), so reviewers staff add after
    /// review started can take their task, and tells them. Nothing happens when no instance waits.
    /// </summary>
    public async Task AddAssigneesAsync(string correlationId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0 || await Latest(correlationId).FirstOrDefaultAsync(cancellationToken) is not { Status: WorkflowStatus.Waiting } record)
        {
            return;
        }

        var instance = record.ToInstance();
        var joining = userIds.Except(instance.Assignees, StringComparer.Ordinal).ToList();
        var underWay = instance.Assignees.Count > 0;
        instance.Assignees = [.. instance.Assignees.Union(userIds, StringComparer.Ordinal)];
        instance.Version++;
        record.CopyFrom(instance, clock.GetUtcNow().UtcDateTime);

        // The others were told when the workflow assigned them; those joining later are told now.
        if (underWay && joining.Count > 0)
        {
            await effects.NotifyAsync(instance, "review-assigned", NotificationRecipients.Assignees, joining);
        }
    }

    /// <summary>Removes a user from the assignees of the item's unfinished instance (tracked, not saved).</summary>
    public async Task RemoveAssigneeAsync(string correlationId, string userId, CancellationToken cancellationToken = default)
    {
        if (await Latest(correlationId).FirstOrDefaultAsync(cancellationToken) is not { } record || !record.ToInstance().Assignees.Contains(userId))
        {
            return;
        }

        var instance = record.ToInstance();
        instance.Assignees.Remove(userId);
        instance.Version++;
        record.CopyFrom(instance, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary><see cref="RaiseAsync"/>, saved on its own; for events no other change goes with.</summary>
    public async Task<IReadOnlyList<WorkflowInstanceRecord>> StartOrResumeAsync(
        string eventName, string correlationId, string? userId, string itemKind = "", CancellationToken cancellationToken = default)
    {
        var touched = await RaiseAsync(eventName, itemKind, correlationId, userId, cancellationToken);
        if (touched.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return touched;
    }

    /// <summary>Starts the latest enabled version of one workflow type; null when it has none.</summary>
    public async Task<WorkflowInstanceRecord?> StartAsync(string typeKey, string correlationId, string? userId, string itemKind = "", CancellationToken cancellationToken = default)
    {
        var type = await db.WorkflowTypes.AsNoTracking().Where(t => t.Key == typeKey && t.Enabled).OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        if (type is null)
        {
            return null;
        }

        var record = await StartCoreAsync(type, itemKind, correlationId, userId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>The latest instance for an item, untracked; null when it has none.</summary>
    public Task<WorkflowInstanceRecord?> GetAsync(string correlationId, CancellationToken cancellationToken = default) =>
        Latest(correlationId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>An instance's history, oldest first, with or without the entries hidden from applicants.</summary>
    public Task<List<WorkflowHistoryRecord>> HistoryAsync(Guid instanceId, bool includeInternal, CancellationToken cancellationToken = default) =>
        db.WorkflowHistory.AsNoTracking()
            .Where(h => h.InstanceId == instanceId && (includeInternal || !h.Internal))
            .OrderBy(h => h.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The outcomes the user may take on the instance now.</summary>
    public async Task<IReadOnlyList<string>> AvailableActionsAsync(WorkflowInstanceRecord instance, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var type = await PinnedTypeAsync(instance, cancellationToken);
        return WorkflowRunner.AvailableActions(instance.ToInstance(), type, await ActorAsync(userId, instance, cancellationToken));
    }

    /// <summary>
    /// Takes <paramref name="action"/> on the item's latest instance as the user, on the instance version they saw.
    /// Anything but <see cref="WorkflowActionStatus.Ok"/> changes nothing; losing a race to another writer is <see cref="WorkflowActionStatus.Stale"/>.
    /// </summary>
    public Task<WorkflowActionOutcome> TakeActionAsync(
        string correlationId, string action, int expectedVersion, string? comment, IReadOnlyDictionary<string, string>? data, string userId, CancellationToken cancellationToken = default) =>
        TakeActionAsync(correlationId, action, expectedVersion, comment, _ => (data, NoErrors), userId, cancellationToken);

    /// <summary>
    /// As TakeActionAsync, with the data as the API's JSON: each value read by the type the outcome declares (<see cref="WorkflowData"/>);
    /// one of the wrong JSON type is <see cref="WorkflowActionStatus.Invalid"/>, keyed "data.&lt;name&gt;".
    /// </summary>
    public Task<WorkflowActionOutcome> TakeJsonActionAsync(
        string correlationId, string action, int expectedVersion, string? comment, IReadOnlyDictionary<string, JsonElement>? data, string userId, CancellationToken cancellationToken = default) =>
        TakeActionAsync(correlationId, action, expectedVersion, comment, declared => WorkflowData.FromJson(declared, data), userId, cancellationToken);

    private async Task<WorkflowActionOutcome> TakeActionAsync(
        string correlationId, string action, int expectedVersion, string? comment,
        Func<IReadOnlyList<DataField>, (IReadOnlyDictionary<string, string>? Values, IReadOnlyDictionary<string, string> Errors)> read, string userId, CancellationToken cancellationToken)
    {
        // A caller that changed something to be saved with the step (a reviewer's sheet) retries on its own terms,
        // since a dropped step clears its changes too; an action on its own is taken again here.
        var alone = !db.ChangeTracker.HasChanges();
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TakeActionOnceAsync(correlationId, action, expectedVersion, comment, read, userId, cancellationToken);
            if (outcome.Status != WorkflowActionStatus.Stale || !alone || attempt == MaxActionAttempts
                || !await StillAtAsync(correlationId, expectedVersion, cancellationToken))
            {
                return outcome;
            }

            // The instance is where the user saw it, so the step lost to another item's step on a row both write
            // (two approvals on one programme's budget ledger): this one is taken again on fresh data, and either
            // succeeds or is refused for what really changed (the budget is spent), never as "someone acted first".
            logger.LogInformation("Action {Action} on {Item} lost a race on a shared row; taking it again (attempt {Attempt}).", action, correlationId, attempt + 1);
        }
    }

    /// <summary>Whether the item's latest instance is still on the version an action was chosen on.</summary>
    private async Task<bool> StillAtAsync(string correlationId, int expectedVersion, CancellationToken cancellationToken) =>
        await Latest(correlationId).AsNoTracking().Select(i => (int?)i.Version).FirstOrDefaultAsync(cancellationToken) == expectedVersion;

    private async Task<WorkflowActionOutcome> TakeActionOnceAsync(
        string correlationId, string action, int expectedVersion, string? comment,
        Func<IReadOnlyList<DataField>, (IReadOnlyDictionary<string, string>? Values, IReadOnlyDictionary<string, string> Errors)> read, string userId, CancellationToken cancellationToken)
    {
        var record = await Latest(correlationId).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return new WorkflowActionOutcome(WorkflowActionStatus.NotWaiting, NoErrors, null);
        }

        var type = await PinnedTypeAsync(record, cancellationToken);
        var instance = record.ToInstance();
        var actor = await ActorAsync(userId, record, cancellationToken);
        var (data, mistyped) = read(WorkflowRunner.DeclaredData(instance, type, action));

        // The feature that owns the item checks the action's data against it (e.g. an approved amount against the
        // budget), but only for an action the engine would otherwise take, so refusals keep the engine's order.
        // Values of the wrong type are refused the same way, before anything reads them.
        if (expectedVersion == instance.Version && WorkflowRunner.AvailableActions(instance, type, actor).Contains(action))
        {
            if (mistyped.Count > 0)
            {
                db.ChangeTracker.Clear();
                return new WorkflowActionOutcome(WorkflowActionStatus.Invalid, mistyped, record);
            }

            foreach (var handler in items.Of(record.ItemKind))
            {
                var problems = await handler.CheckActionAsync(correlationId, action, data, cancellationToken);
                if (problems.Count > 0)
                {
                    db.ChangeTracker.Clear();
                    return new WorkflowActionOutcome(WorkflowActionStatus.Invalid, problems, record);
                }
            }
        }

        WorkflowActionResult result;
        try
        {
            result = await (await RunnerAsync(cancellationToken)).TakeActionAsync(instance, type, expectedVersion, action, actor, comment, data);
        }
        catch (WorkflowConflictException ex)
        {
            logger.LogInformation("Action {Action} on {Item} was dropped: {Reason}", action, correlationId, ex.Message);
            db.ChangeTracker.Clear();
            return new WorkflowActionOutcome(WorkflowActionStatus.Stale, NoErrors, record);
        }

        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return new WorkflowActionOutcome(result.Status, result.Errors, record);
        }

        return await SaveStepAsync(record, instance, cancellationToken)
            ? new WorkflowActionOutcome(WorkflowActionStatus.Ok, NoErrors, record)
            : new WorkflowActionOutcome(WorkflowActionStatus.Stale, NoErrors, record);
    }

    /// <summary>
    /// Fires the timers due at <paramref name="nowUtc"/>, each instance saved on its own with the concurrency token:
    /// when another web instance fired it first, this one skips it. Returns how many timers this call fired.
    /// </summary>
    public async Task<int> FireDueTimersAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var due = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.NextDueUtc != null && i.NextDueUtc <= nowUtc && i.Status == WorkflowStatus.Waiting)
            .Where(i => db.WorkflowTypes.Any(t => t.Key == i.TypeKey && t.Version == i.TypeVersion && t.Enabled))
            .OrderBy(i => i.NextDueUtc)
            .Select(i => i.Id)
            .Take(DueBatchSize)
            .ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var record = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (record is not { Status: WorkflowStatus.Waiting })
            {
                continue;
            }

            var instance = record.ToInstance();
            int count;
            try
            {
                count = await (await RunnerAsync(cancellationToken)).FireDueTimersAsync(instance, await PinnedTypeAsync(record, cancellationToken), nowUtc);
            }
            catch (WorkflowConflictException)
            {
                // The next tick tries again on fresh data.
                db.ChangeTracker.Clear();
                continue;
            }

            if (count > 0 && await SaveStepAsync(record, instance, cancellationToken))
            {
                fired += count;
            }
        }

        db.ChangeTracker.Clear();
        return fired;
    }

    /// <summary>One instance, untracked; null when there is none.</summary>
    public Task<WorkflowInstanceRecord?> FindAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);

    /// <summary>
    /// What a user may do on an item's latest instance now: each available outcome with what it asks for. Null when
    /// the item has no instance.
    /// </summary>
    public async Task<WorkflowPanel?> PanelAsync(string correlationId, string userId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(correlationId, cancellationToken) is not { } record)
        {
            return null;
        }

        var type = await PinnedTypeAsync(record, cancellationToken);
        var instance = record.ToInstance();
        var names = WorkflowRunner.AvailableActions(instance, type, await ActorAsync(userId, record, cancellationToken));
        var waiting = instance.Blocking.Select(b => type.FindActivity(b.ActivityId)).OfType<UserTaskActivity>().SelectMany(t => t.Outcomes).ToList();
        var pages = new Dictionary<string, WorkflowActionPage>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            foreach (var handler in items.Of(record.ItemKind))
            {
                if (!pages.ContainsKey(name) && await handler.ActionPageAsync(correlationId, name, cancellationToken) is { } page)
                {
                    pages[name] = page;
                }
            }
        }

        return new WorkflowPanel(record, await WorkflowNames.ForAsync(db, type, localizer, cancellationToken), [.. names.Select(n => waiting.First(o => o.Name == n))], pages);
    }

    /// <summary>What people read for the type, steps and outcomes of the version an instance runs on.</summary>
    public Task<WorkflowNames> NamesAsync(WorkflowInstanceRecord instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return WorkflowNames.ForAsync(db, instance.TypeKey, instance.TypeVersion, localizer, cancellationToken);
    }

    /// <summary>
    /// Staff retry a faulted instance on the version they saw: it runs again from the steps it had not run.
    /// Stale when it moved on meanwhile; NotWaiting when it is not faulted; Disabled when its type is.
    /// </summary>
    public Task<WorkflowActionStatus> RetryAsync(Guid instanceId, int expectedVersion, string userId, CancellationToken cancellationToken = default) =>
        ManageAsync(instanceId, expectedVersion, async (record, instance) =>
        {
            var type = await PinnedTypeAsync(record, cancellationToken);
            if (!type.Enabled)
            {
                return WorkflowActionStatus.Disabled;
            }

            return await (await RunnerAsync(cancellationToken)).RetryAsync(instance, type, userId) ? WorkflowActionStatus.Ok : WorkflowActionStatus.NotWaiting;
        }, cancellationToken);

    /// <summary>Staff cancel an instance that has not finished, on the version they saw.</summary>
    public Task<WorkflowActionStatus> CancelAsync(Guid instanceId, int expectedVersion, string userId, CancellationToken cancellationToken = default) =>
        ManageAsync(instanceId, expectedVersion, async (_, instance) =>
            (await RunnerAsync(cancellationToken)).Cancel(instance, userId) ? WorkflowActionStatus.Ok : WorkflowActionStatus.NotWaiting, cancellationToken);

    /// <summary>
    /// Deletes finished and cancelled instances (with their history) that ended before <paramref name="endedBeforeUtc"/>;
    /// returns how many. Faulted and waiting instances are never pruned.
    /// </summary>
    public async Task<int> PruneAsync(DateTime endedBeforeUtc, CancellationToken cancellationToken = default)
    {
        var old = db.WorkflowInstances.Where(i =>
            (i.Status == WorkflowStatus.Finished || i.Status == WorkflowStatus.Cancelled) && i.FinishedUtc != null && i.FinishedUtc < endedBeforeUtc);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WorkflowHistory.Where(h => old.Any(i => i.Id == h.InstanceId)).ExecuteDeleteAsync(cancellationToken);
        var pruned = await old.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pruned;
    }

    /// <summary>Instances for the back office, newest first, filtered by type, status and item.</summary>
    public async Task<(List<WorkflowInstanceRecord> Page, int Total)> ListAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.WorkflowInstances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.TypeKey))
        {
            query = query.Where(i => i.TypeKey == filter.TypeKey);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.CorrelationId))
        {
            query = query.Where(i => i.CorrelationId == filter.CorrelationId.Trim());
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id)
            .Skip((Math.Max(filter.Page, 1) - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        return (page, total);
    }

    private async Task<WorkflowActionStatus> ManageAsync(
        Guid instanceId, int expectedVersion, Func<WorkflowInstanceRecord, WorkflowInstance, Task<WorkflowActionStatus>> change, CancellationToken cancellationToken)
    {
        var record = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
            ?? throw new WorkflowInstanceNotFoundException();
        if (record.Version != expectedVersion)
        {
            db.ChangeTracker.Clear();
            return WorkflowActionStatus.Stale;
        }

        var instance = record.ToInstance();
        WorkflowActionStatus status;
        try
        {
            status = await change(record, instance);
        }
        catch (WorkflowConflictException)
        {
            status = WorkflowActionStatus.Stale;
        }

        if (status != WorkflowActionStatus.Ok)
        {
            db.ChangeTracker.Clear();
            return status;
        }

        return await SaveStepAsync(record, instance, cancellationToken) ? WorkflowActionStatus.Ok : WorkflowActionStatus.Stale;
    }

    private IQueryable<WorkflowInstanceRecord> Latest(string correlationId) =>
        db.WorkflowInstances.Where(i => i.CorrelationId == correlationId).OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id);

    private async Task<WorkflowRunner> RunnerAsync(CancellationToken cancellationToken) => new(effects, await calendar.GetAsync(cancellationToken));

    private async Task<WorkflowInstanceRecord> StartCoreAsync(WorkflowTypeRecord type, string itemKind, string correlationId, string? userId, CancellationToken cancellationToken)
    {
        var instance = await (await RunnerAsync(cancellationToken)).StartAsync(type.ToWorkflowType(), correlationId, userId, itemKind);
        var record = WorkflowInstanceRecord.From(instance, clock.GetUtcNow().UtcDateTime);
        db.WorkflowInstances.Add(record);
        AddHistory(record.Id, instance);
        return record;
    }

    /// <summary>Saves the step; false (and nothing saved) when another writer saved the instance first.</summary>
    private async Task<bool> SaveStepAsync(WorkflowInstanceRecord record, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        record.CopyFrom(instance, clock.GetUtcNow().UtcDateTime);
        AddHistory(record.Id, instance);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Workflow instance {Instance} was changed by another writer; this step was dropped.", record.Id);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The instance was loaded without history, so every entry the runner holds now is new.</summary>
    private void AddHistory(Guid instanceId, WorkflowInstance instance) =>
        db.WorkflowHistory.AddRange(instance.History.Select(h => WorkflowHistoryRecord.From(instanceId, h)));

    private async Task<WorkflowType> PinnedTypeAsync(WorkflowInstanceRecord instance, CancellationToken cancellationToken)
    {
        var type = await db.WorkflowTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Key == instance.TypeKey && t.Version == instance.TypeVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Instance {instance.Id} runs on '{instance.TypeKey}' v{instance.TypeVersion}, which is not installed.");
        return type.ToWorkflowType();
    }

    /// <summary>The user's Identity roles, plus <see cref="OwnerRole"/> when they own the correlated item.</summary>
    private async Task<WorkflowActor> ActorAsync(string userId, WorkflowInstanceRecord instance, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        if (await users.FindByIdAsync(userId) is { } user)
        {
            roles.AddRange(await users.GetRolesAsync(user));
        }

        if ((await items.FindAsync(instance.ItemKind, [instance.CorrelationId], cancellationToken)).GetValueOrDefault(instance.CorrelationId) is { OwnerId: { } owner } && owner == userId)
        {
            roles.Add(OwnerRole);
        }

        return new WorkflowActor(userId, roles);
    }
}

/// <summary>The outcomes a user may take on an item's latest instance now, with what each asks for, and their names.</summary>
internal sealed record WorkflowPanel(WorkflowInstanceRecord Instance, WorkflowNames Names, IReadOnlyList<UserTaskOutcome> Actions, IReadOnlyDictionary<string, WorkflowActionPage> Pages)
{
    /// <summary>The actions the generic buttons take: those without a page of their own (see <see cref="IWorkflowItemHandler.ActionPageAsync"/>).</summary>
    public IReadOnlyList<UserTaskOutcome> Buttons => [.. Actions.Where(a => !Pages.ContainsKey(a.Name))];

    /// <summary>The workflow type's name in the reader's language.</summary>
    public string TypeName => Names.TypeName();
}

/// <summary>The back office's filter over instances.</summary>
internal sealed record WorkflowInstanceFilter(string? TypeKey, WorkflowStatus? Status, string? CorrelationId, int Page = 1, int PageSize = 50);

/// <summary>No instance has the id asked for.</summary>
internal sealed class WorkflowInstanceNotFoundException : Exception;
