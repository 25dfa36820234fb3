using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// Where the reviews section of the back-office application page posts: staff assign reviewers by e-mail or let the
/// pool choose them. Like every back-office handler it needs Staff (HandlerPermissions); each answer goes back to the
/// application page, whose flash message shows the outcome.
/// </summary>
internal sealed class ReviewersModel(IncubatorDbContext db, ReviewerAssignment assignment, UserManager<User> users, IStringLocalizer<ReviewersModel> localizer) : PageModel
{
    // The application page shows these under the same keys as its own messages.
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }

    /// <summary>Nothing to show here on its own: a GET goes to the application page.</summary>
    public IActionResult OnGet(string id) => RedirectToPage("/Applications/Admin/Show", new { id });

    public async Task<IActionResult> OnPostAssignAsync(string id, string? emails, CancellationToken cancellationToken)
    {
        if (!await SubmittedAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var named = (emails ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var result = await assignment.AssignAsync(id, named, automatic: null, users.GetUserId(User), cancellationToken);
        return Back(id, result.Error);
    }

    public async Task<IActionResult> OnPostAutomaticAsync(string id, int? count, CancellationToken cancellationToken)
    {
        if (!await SubmittedAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // An empty or unreadable number asks for none, which the service refuses with its own message.
        var result = await assignment.AssignAsync(id, [], count ?? 0, users.GetUserId(User), cancellationToken);
        return Back(id, result.Error);
    }

    // Drafts are the applicant's own until they submit them, as on the application page.
    private Task<bool> SubmittedAsync(string id, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().AnyAsync(a => a.Id == id && a.Status != ApplicationStatuses.Draft, cancellationToken);

    private RedirectToPageResult Back(string id, string? error)
    {
        if (error is null)
        {
            Message = localizer["Reviewers assigned."];
        }
        else
        {
            Error = error;
        }

        return RedirectToPage("/Applications/Admin/Show", new { id });
    }
}
