using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows.Admin;

/// <summary>One instance: where it waits, its whole history, the actions the user may take, and retry or cancel for staff.</summary>
internal sealed class InstanceModel(
    IncubatorDbContext db, WorkflowService workflows, WorkflowItems items, UserManager<User> users, IAuthorizationService authorization, IStringLocalizer<WorkflowService> localizer) : PageModel
{
    public WorkflowInstanceRecord Instance { get; private set; } = null!;
    public WorkflowInstance State { get; private set; } = null!;
    public WorkflowType Type => Names.Type;
    public WorkflowNames Names { get; private set; } = null!;
    public WorkflowItem? Item { get; private set; }
    public List<WorkflowHistoryRecord> History { get; private set; } = [];
    public Dictionary<string, string> UserNames { get; private set; } = [];
    public WorkflowPanel? Panel { get; private set; }
    public bool MayManage { get; private set; }
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await workflows.FindAsync(id, cancellationToken) is not { } instance)
        {
            return NotFound();
        }

        Instance = instance;
        State = instance.ToInstance();
        Names = await workflows.NamesAsync(instance, cancellationToken);
        Item = (await items.FindAsync(instance.ItemKind, [instance.CorrelationId], cancellationToken)).GetValueOrDefault(instance.CorrelationId);
        History = await workflows.HistoryAsync(id, includeInternal: true, cancellationToken);
        var ids = History.Select(h => h.By).OfType<string>().Concat(State.Assignees).Distinct().ToList();
        UserNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        MayManage = await MayManageInstancesAsync();

        // Actions are offered on the item's latest instance only; an older one is history.
        if (await workflows.PanelAsync(instance.CorrelationId, users.GetUserId(User)!, cancellationToken) is { } panel && panel.Instance.Id == id)
        {
            Panel = panel;
        }

        return Page();
    }

    public Task<IActionResult> OnPostRetryAsync(Guid id, int version, CancellationToken cancellationToken) =>
        ManageAsync(id, () => workflows.RetryAsync(id, version, users.GetUserId(User)!, cancellationToken), localizer["The instance runs again."]);

    public Task<IActionResult> OnPostCancelAsync(Guid id, int version, CancellationToken cancellationToken) =>
        ManageAsync(id, () => workflows.CancelAsync(id, version, users.GetUserId(User)!, cancellationToken), localizer["The instance was cancelled."]);

    private async Task<bool> MayManageInstancesAsync() => (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;

    private async Task<IActionResult> ManageAsync(Guid id, Func<Task<WorkflowActionStatus>> change, string done)
    {
        if (!await MayManageInstancesAsync())
        {
            return Forbid();
        }

        try
        {
            var status = await change();
            if (status == WorkflowActionStatus.Ok)
            {
                Message = done;
            }
            else
            {
                Error = status == WorkflowActionStatus.NotWaiting
                    ? localizer["This instance cannot do that in its present state."].Value
                    : WorkflowLabels.Refusal(localizer, status);
            }
        }
        catch (WorkflowInstanceNotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage("/Workflows/Admin/Instance", new { id });
    }
}
