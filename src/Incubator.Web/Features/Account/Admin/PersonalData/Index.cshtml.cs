using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account.Admin.PersonalData;

/// <summary>Staff see the requests to delete accounts, the pending ones first, and carry them out.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class PersonalDataRequestsModel(IncubatorDbContext db, AccountEraser eraser, UserManager<User> users, IStringLocalizer<PersonalDataRequestsModel> localizer) : PageModel
{
    public List<DeletionRequest> Pending { get; } = [];
    public List<DeletionRequest> Done { get; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["Message"] as string;
        Error = TempData["Error"] as string;
        Pending.AddRange(await db.Set<DeletionRequest>().AsNoTracking().Where(r => r.Status == DeletionStatuses.Pending)
            .OrderBy(r => r.RequestedUtc).ThenBy(r => r.Id).ToListAsync());
        Done.AddRange(await db.Set<DeletionRequest>().AsNoTracking().Where(r => r.Status != DeletionStatuses.Pending)
            .OrderByDescending(r => r.CompletedUtc).ThenByDescending(r => r.Id).Take(100).ToListAsync());
    }

    public async Task<IActionResult> OnPostCompleteAsync(long id, string? note)
    {
        var outcome = await eraser.CompleteAsync(id, users.GetUserId(User)!, note, HttpContext.RequestAborted);
        TempData[outcome == DeletionOutcome.Completed ? "Message" : "Error"] = outcome switch
        {
            DeletionOutcome.Completed => localizer["The account was deleted."].Value,
            DeletionOutcome.Administrator => localizer["This account is an administrator's: an administrator must first take that role away."].Value,
            _ => localizer["This request is no longer pending."].Value,
        };
        return RedirectToPage();
    }
}
