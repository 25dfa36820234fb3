using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// The item an instance concerns, as the back office and its owner link to it; <see cref="AssigneeUrl"/> is where
/// people the workflow assigned work on it, when that is not the back office. The links are site paths the handler
/// takes from its pages' routes (<see cref="Infrastructure.PageLinks.PathToPage"/>); notices put them on the
/// configured base address.
/// </summary>
internal sealed record WorkflowItem(string Id, string Title, string AdminUrl, string? OwnerId, string? OwnerUrl, string? AssigneeUrl = null);

/// <summary>
/// What workflows do to one kind of item, implemented by the feature that owns the kind and registered with
/// <see cref="WorkflowItemHandlerExtensions.AddWorkflowItemHandler{T}"/>. Every instance stores its item's kind, and
/// the engine's effects go to the handlers of that kind. Several handlers may serve one kind: the owner describes the
/// item (<see cref="FindAsync"/>, <see cref="SetStatusAsync"/>), and other features add the conditions and assignments
/// they know (a null answer means "not mine"), so a feature plugs into another's workflows without either calling
/// the other.
/// </summary>
internal interface IWorkflowItemHandler
{
    /// <summary>The kind of item, e.g. "application"; stored on every instance of such an item.</summary>
    string Kind { get; }

    /// <summary>The items among <paramref name="ids"/> this handler knows, keyed by id.</summary>
    Task<IReadOnlyDictionary<string, WorkflowItem>> FindAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, WorkflowItem>>(new Dictionary<string, WorkflowItem>());

    /// <summary>
    /// Applies the status a workflow set; false when this handler does not keep the item's status. Every handler of
    /// the kind is told, so one that does not keep it may still record what it means (in the instance's history).
    /// </summary>
    Task<bool> SetStatusAsync(WorkflowInstance instance, string status) => Task.FromResult(false);

    /// <summary>The condition's value for the item, or null when this handler does not know the condition.</summary>
    Task<bool?> EvaluateConditionAsync(ConditionKind condition, string itemId) => Task.FromResult<bool?>(null);

    /// <summary>The user ids assigned as <paramref name="what"/> (e.g. "reviewers"), or null when this handler assigns no such thing.</summary>
    Task<IReadOnlyList<string>?> AssignAsync(string itemId, string what) => Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>
    /// Checks an action's data against the item before the engine takes it; the problems keyed as the API reports them
    /// ("data.approvedAmount"), empty when the action may go ahead.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> CheckActionAsync(string itemId, string action, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>
    /// The page where the action is taken on the item now, or null when the generic action buttons serve. An action
    /// that needs more than those buttons ask for (a leader's decision reads the evidence first and names its signer)
    /// is offered as a link to its page, and the buttons' handler refuses it.
    /// </summary>
    Task<WorkflowActionPage?> ActionPageAsync(string itemId, string action, CancellationToken cancellationToken) => Task.FromResult<WorkflowActionPage?>(null);
}

/// <summary>Where an action is taken instead of the generic buttons: a site path and its link's text (an English localiser key).</summary>
internal sealed record WorkflowActionPage(string Url, string Label);

internal static class WorkflowItemHandlerExtensions
{
    /// <summary>Registers a feature's handler of one kind of workflow item.</summary>
    public static IServiceCollection AddWorkflowItemHandler<T>(this IServiceCollection services)
        where T : class, IWorkflowItemHandler => services.AddScoped<IWorkflowItemHandler, T>();
}

/// <summary>Finds the items instances are correlated with, a page of them at a time, through the handlers of their kinds.</summary>
internal sealed class WorkflowItems(IncubatorDbContext db, IEnumerable<IWorkflowItemHandler> handlers)
{
    private readonly List<IWorkflowItemHandler> _handlers = [.. handlers];

    /// <summary>The handlers of a kind, the owner's first as registered.</summary>
    public IReadOnlyList<IWorkflowItemHandler> Of(string kind) => [.. _handlers.Where(h => h.Kind == kind)];

    /// <summary>The items of the given kind among the ids.</summary>
    public async Task<Dictionary<string, WorkflowItem>> FindAsync(string kind, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, WorkflowItem>(StringComparer.Ordinal);
        foreach (var handler in Of(kind))
        {
            foreach (var (id, item) in await handler.FindAsync(wanted, cancellationToken))
            {
                found.TryAdd(id, item);
            }
        }

        return found;
    }

    /// <summary>
    /// The items among the ids, each looked up by the kind its instances store. An id no instance names yet has no
    /// known kind, so every handler is asked about it.
    /// </summary>
    public async Task<Dictionary<string, WorkflowItem>> FindAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var kinds = await db.WorkflowInstances.AsNoTracking()
            .Where(i => wanted.Contains(i.CorrelationId) && i.ItemKind != string.Empty)
            .Select(i => new { i.CorrelationId, i.ItemKind })
            .Distinct()
            .ToListAsync(cancellationToken);
        var found = new Dictionary<string, WorkflowItem>(StringComparer.Ordinal);
        foreach (var group in kinds.GroupBy(k => k.ItemKind, StringComparer.Ordinal))
        {
            foreach (var (id, item) in await FindAsync(group.Key, group.Select(k => k.CorrelationId), cancellationToken))
            {
                found.TryAdd(id, item);
            }
        }

        var unknown = wanted.Where(id => !found.ContainsKey(id) && !kinds.Exists(k => k.CorrelationId == id)).ToList();
        foreach (var handler in unknown.Count == 0 ? [] : _handlers)
        {
            foreach (var (id, item) in await handler.FindAsync(unknown, cancellationToken))
            {
                found.TryAdd(id, item);
            }
        }

        return found;
    }
}
