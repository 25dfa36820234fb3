using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Organisations;
using Incubator.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Workflows;

/// <summary>How an action through <see cref="WorkflowService.TakeActionAsync"/> ended; <see cref="Instance"/> is null when the item has no instance.</summary>
internal sealed record WorkflowActionOutcome(WorkflowActionStatus Status, IReadOnlyDictionary<string, string> Errors, WorkflowInstanceRecord? Instance);

/// <summary>
/// The host's entry to the workflow engine: starts instances on events, offers and takes actions, fires due timers.
/// Every change is saved in one SaveChanges (instance, its new history rows and the e-mails the step queued) with
/// the instance version as an optimistic concurrency token, so of two writers on the same version exactly one wins
/// and the other changes nothing. An instance always runs on the type version it started on.
/// </summary>
internal sealed class WorkflowService(
    IncubatorDbContext db, HostWorkflowEffects effects, HolidayCalendar calendar, UserManager<User> users, OrganisationAccess organisations, IClock clock, ILogger<WorkflowService> logger)
{
    /// <summary>The role the host grants to the owner of the correlated item.</summary>
    public const string OwnerRole = "owner";

    private const int DueBatchSize = 100;

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>
    /// Starts an instance of every enabled workflow type (its latest enabled version) whose start event is
    /// <paramref name="eventName"/>, and returns them. TODO: resuming instances correlated with the item that wait on
    /// the event; until then, waiting instances move on through user tasks (e.g. "resubmit") and timers only.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowInstanceRecord>> StartOrResumeAsync(string eventName, string correlationId, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var candidates = await db.WorkflowTypes.AsNoTracking().Where(t => t.StartEvent == eventName && t.Enabled).ToListAsync(cancellationToken);
        var types = candidates.GroupBy(t => t.Key).Select(g => g.MaxBy(t => t.Version)!).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var started = new List<WorkflowInstanceRecord>();
        foreach (var type in types)
        {
            started.Add(await StartCoreAsync(type, correlationId, userId, cancellationToken));
        }

        if (started.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return started;
    }

    /// <summary>Starts the latest enabled version of one workflow type; null when it has none.</summary>
    public async Task<WorkflowInstanceRecord?> StartAsync(string typeKey, string correlationId, string? userId, CancellationToken cancellationToken = default)
    {
        var type = await db.WorkflowTypes.AsNoTracking().Where(t => t.Key == typeKey && t.Enabled).OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        if (type is null)
        {
            return null;
        }

        var record = await StartCoreAsync(type, correlationId, userId, cancellationToken);
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
        return WorkflowRunner.AvailableActions(instance.ToInstance(), type, await ActorAsync(userId, instance.CorrelationId, cancellationToken));
    }

    /// <summary>
    /// Takes <paramref name="action"/> on the item's latest instance as the user, on the instance version they saw.
    /// Anything but <see cref="WorkflowActionStatus.Ok"/> changes nothing; losing a race to another writer is <see cref="WorkflowActionStatus.Stale"/>.
    /// </summary>
    public async Task<WorkflowActionOutcome> TakeActionAsync(
        string correlationId, string action, int expectedVersion, string? comment, IReadOnlyDictionary<string, string>? data, string userId, CancellationToken cancellationToken = default)
    {
        var record = await Latest(correlationId).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return new WorkflowActionOutcome(WorkflowActionStatus.NotWaiting, NoErrors, null);
        }

        var type = await PinnedTypeAsync(record, cancellationToken);
        var instance = record.ToInstance();
        var actor = await ActorAsync(userId, correlationId, cancellationToken);
        var result = await (await RunnerAsync(cancellationToken)).TakeActionAsync(instance, type, expectedVersion, action, actor, comment, data);
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
        if (due.Count == 0)
        {
            return 0;
        }

        var runner = await RunnerAsync(cancellationToken);
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
            var count = await runner.FireDueTimersAsync(instance, await PinnedTypeAsync(record, cancellationToken), nowUtc);
            if (count > 0 && await SaveStepAsync(record, instance, cancellationToken))
            {
                fired += count;
            }
        }

        db.ChangeTracker.Clear();
        return fired;
    }

    private IQueryable<WorkflowInstanceRecord> Latest(string correlationId) =>
        db.WorkflowInstances.Where(i => i.CorrelationId == correlationId).OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.Id);

    private async Task<WorkflowRunner> RunnerAsync(CancellationToken cancellationToken) => new(effects, await calendar.GetAsync(cancellationToken));

    private async Task<WorkflowInstanceRecord> StartCoreAsync(WorkflowTypeRecord type, string correlationId, string? userId, CancellationToken cancellationToken)
    {
        var instance = await (await RunnerAsync(cancellationToken)).StartAsync(type.ToWorkflowType(), correlationId, userId);
        var record = WorkflowInstanceRecord.From(instance, clock.UtcNow);
        db.WorkflowInstances.Add(record);
        AddHistory(record.Id, instance);
        return record;
    }

    /// <summary>Saves the step; false (and nothing saved) when another writer saved the instance first.</summary>
    private async Task<bool> SaveStepAsync(WorkflowInstanceRecord record, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        record.CopyFrom(instance, clock.UtcNow);
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
    private async Task<WorkflowActor> ActorAsync(string userId, string correlationId, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        if (await users.FindByIdAsync(userId) is { } user)
        {
            roles.AddRange(await users.GetRolesAsync(user));
        }

        if (await organisations.FindOwnedAsync(userId, correlationId, cancellationToken) is not null)
        {
            roles.Add(OwnerRole);
        }

        return new WorkflowActor(userId, roles);
    }
}
