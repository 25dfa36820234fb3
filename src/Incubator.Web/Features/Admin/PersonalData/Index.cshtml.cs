using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Admin.PersonalData;

/// <summary>Staff see the requests to delete accounts, the pending ones first, and carry them out.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PersonalDataRequestsModel(IncubatorDbContext db, AccountEraser eraser, UserManager<User> users, IStringLocalizer<PersonalDataRequestsModel> localizer) : PageModel
{
    public List<DeletionRequest> Pending { get; } = [];
    public List<DeletionRequest> Done { get; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["Message"] as string;
        Pending.AddRange(await db.Set<DeletionRequest>().AsNoTracking().Where(r => r.Status == DeletionStatuses.Pending)
            .OrderBy(r => r.RequestedUtc).ThenBy(r => r.Id).ToListAsync());
        Done.AddRange(await db.Set<DeletionRequest>().AsNoTracking().Where(r => r.Status != DeletionStatuses.Pending)
            .OrderByDescending(r => r.CompletedUtc).ThenByDescending(r => r.Id).Take(100).ToListAsync());
    }

    public async Task<IActionResult> OnPostCompleteAsync(long id, string? note)
    {
        var done = await eraser.CompleteAsync(id, users.GetUserId(User)!, note, HttpContext.RequestAborted);
        TempData["Message"] = done
            ? localizer["The account was deleted."].Value
            : localizer["This request is no longer pending."].Value;
        return RedirectToPage();
    }
}
