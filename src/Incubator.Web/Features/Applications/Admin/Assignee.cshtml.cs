using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// Where the application page's officer section posts: staff assign the application to an officer (or to nobody).
/// Like every back-office handler it needs Staff; the answer goes back to the application page as its flash message.
/// </summary>
internal sealed class AssigneeModel(ApplicationAssignment assignment, IStringLocalizer<AssigneeModel> localizer) : PageModel
{
    // The application page shows these under the same keys as its own messages.
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }
    [TempData]
    public string? ErrorField { get; set; }

    /// <summary>Nothing to show here on its own: a GET goes to the application page.</summary>
    public IActionResult OnGet(string id) => RedirectToPage("/Applications/Admin/Show", new { id });

    public async Task<IActionResult> OnPostAsync(string id, string? assignee, CancellationToken cancellationToken)
    {
        var result = await assignment.AssignAsync([id], assignee, cancellationToken);
        if (result.Errors.ContainsKey(ApplicationAssignment.IdsField))
        {
            // Drafts are the applicant's own and unknown ids are nobody's, as on the application page.
            return NotFound();
        }

        if (result.Succeeded)
        {
            Message = localizer["Officer assigned."];
        }
        else
        {
            Error = localizer[result.Errors.Values.FirstOrDefault() ?? result.Detail ?? "Nothing was assigned."];
            ErrorField = result.Errors.Keys.FirstOrDefault();
        }

        return RedirectToPage("/Applications/Admin/Show", new { id });
    }
}
