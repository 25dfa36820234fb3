using Incubator.Core.Time;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>The person's own data: download it, ask for the account to be deleted, or take that request back.</summary>
[Authorize]
internal sealed class PersonalDataModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    PersonalDataExport export,
    SecurityAudit audit,
    IncubatorDbContext db,
    TimeProvider clock,
    IStringLocalizer<PersonalDataModel> localizer) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    public DeletionRequest? Pending { get; private set; }
    [TempData]
    public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Pending = await PendingAsync(user.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var file = await export.BuildAsync(user, HttpContext.RequestAborted);
        await audit.RecordAsync(SecurityEventKinds.PersonalDataDownloaded, user.Id, user.Email);
        // The file is the person's data: no browser or proxy may keep a copy of it.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return File(file, "application/json", "personal-data.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Pending = await PendingAsync(user.Id);
        if (Pending is not null)
        {
            return RedirectToPage();
        }

        // Asking for deletion is re-authenticated: a session left open on a shared computer is not enough.
        if (await Reauthentication.RefuseAsync(signIn, user, Password, localizer) is { } refused)
        {
            Error = refused;
            return Page();
        }

        db.Set<DeletionRequest>().Add(new DeletionRequest { UserId = user.Id, Email = user.Email ?? user.Id, RequestedUtc = clock.GetUtcNow().UtcDateTime });
        audit.Add(SecurityEventKinds.DeletionRequested, user.Id, user.Email);
        await db.SaveChangesAsync();
        Message = localizer["Your request was received. Staff will delete your account and tell you when it is done."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await PendingAsync(user.Id, tracked: true) is { } request)
        {
            request.Status = DeletionStatuses.Cancelled;
            request.CompletedUtc = clock.GetUtcNow().UtcDateTime;
            request.CompletedBy = user.Id;
            await db.SaveChangesAsync();
            Message = localizer["Your request was cancelled; your account stays."].Value;
        }

        return RedirectToPage();
    }

    private Task<DeletionRequest?> PendingAsync(string userId, bool tracked = false)
    {
        var requests = tracked ? db.Set<DeletionRequest>() : db.Set<DeletionRequest>().AsNoTracking();
        return requests.Where(r => r.UserId == userId && r.Status == DeletionStatuses.Pending).OrderBy(r => r.Id).FirstOrDefaultAsync();
    }
}
