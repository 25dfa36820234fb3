using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Interactions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.FollowUps.Admin;

/// <summary>
/// "My tasks": the signed-in officer's tasks, open ones by default, overdue first then by due date, each with done and
/// cancel buttons. Administrators may look at another staff member's list.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(
    IncubatorDbContext db, SaveFollowUp save, RelationshipDirectory directory, UserManager<User> users, IAuthorizationService authorization, TimeProvider clock,
    IStringLocalizer<IndexModel> localizer) : PageModel
{
    public IReadOnlyList<FollowUpTask> Tasks { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string Status { get; private set; } = "open";
    public string AssigneeId { get; private set; } = string.Empty;
    public bool MaySeeOthers { get; private set; }
    public Dictionary<string, string> Staff { get; private set; } = [];
    public Dictionary<string, string> Organisations { get; private set; } = [];
    public Dictionary<string, string> People { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? status, string? assignee, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        MaySeeOthers = (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded;
        Staff = await directory.StaffAsync(null, cancellationToken);
        AssigneeId = MaySeeOthers && !string.IsNullOrWhiteSpace(assignee) ? assignee : me;
        Status = status is "done" or "cancelled" or "all" ? status : "open";
        var query = db.Set<FollowUpTask>().AsNoTracking().Where(t => t.AssigneeId == AssigneeId);
        query = Status switch
        {
            "done" => query.Where(t => t.Status == FollowUpStatus.Done),
            "cancelled" => query.Where(t => t.Status == FollowUpStatus.Cancelled),
            "all" => query,
            _ => query.Where(t => t.Status == FollowUpStatus.Open),
        };
        Today = FollowUpOrder.Today(clock);
        Tasks = FollowUpOrder.Sort(await query.Take(500).ToListAsync(cancellationToken), Today);
        Organisations = await directory.OrganisationsAsync([.. Tasks.Select(t => t.OrganisationId).OfType<string>()], cancellationToken);
        People = await directory.PeopleAsync([.. Tasks.Select(t => t.PersonId).OfType<string>()], cancellationToken);
    }

    public Task<IActionResult> OnPostDoneAsync(string id, CancellationToken cancellationToken) => CloseAsync(id, FollowUpStatus.Done, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken) => CloseAsync(id, FollowUpStatus.Cancelled, cancellationToken);

    private async Task<IActionResult> CloseAsync(string id, FollowUpStatus status, CancellationToken cancellationToken)
    {
        var result = await save.CloseAsync(id, status, users.GetUserId(User)!, cancellationToken);
        if (result.Status == Incubator.Core.Results.CommandStatus.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? localizer[status == FollowUpStatus.Done ? "The task is done." : "The task was cancelled."] : localizer[result.Detail ?? "Nothing was changed."];
        return RedirectToPage("/FollowUps/Admin/Index");
    }
}
