using System.Globalization;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// The queue's bulk action: each selected application gets reviewers chosen automatically until it has the number
/// asked for, through the same assignment as its page and the API (the lightest load first, never the applicant nor
/// an expert linked to the organisation). Like every back-office handler it needs Staff; bad input changes nothing.
/// </summary>
internal sealed class BulkReviewersModel(ApplicationInbox inbox, ReviewerAssignment assignment, UserManager<User> users, IStringLocalizer<BulkReviewersModel> localizer) : PageModel
{
    public const string CountField = "reviewers";

    // The queue shows these under its own keys for the outcome of bulk actions.
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }
    [TempData]
    public string? ErrorField { get; set; }

    /// <summary>Nothing to show here on its own: a GET goes to the queue.</summary>
    public IActionResult OnGet() => RedirectToPage("/Applications/Admin/Index");

    public async Task<IActionResult> OnPostAsync(string[]? ids, string? reviewers, string? back, CancellationToken cancellationToken)
    {
        var selected = (ids ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (selected.Count == 0)
        {
            return Back(back, ApplicationAssignment.IdsField, localizer["Select at least one application."]);
        }

        if (!int.TryParse(reviewers, NumberStyles.None, CultureInfo.InvariantCulture, out var wanted) || wanted is < 1 or > ReviewerAssignment.MaxAutomatic)
        {
            return Back(back, CountField, localizer["Ask for between 1 and 10 reviewers chosen automatically."]);
        }

        if (await inbox.SelectedAsync(selected, cancellationToken) is not { } applications)
        {
            return Back(back, ApplicationAssignment.IdsField, localizer["Some of the selected applications do not exist or are not submitted; nothing was changed."]);
        }

        var userId = users.GetUserId(User);
        var unfilled = new List<string>();
        foreach (var application in applications)
        {
            var missing = wanted - (await assignment.ReviewersAsync(application.Id, cancellationToken)).Count;
            if (missing <= 0)
            {
                continue;
            }

            var result = await assignment.AssignAsync(application.Id, [], missing, userId, cancellationToken);
            if (!result.Succeeded || result.Reviewers.Count < wanted)
            {
                unfilled.Add(application.Title);
            }
        }

        Message = localizer["Reviewers chosen automatically for {0} selected applications.", applications.Count];
        if (unfilled.Count > 0)
        {
            // Not a failure of the request: the pool has too few reviewers free of a link to these applicants.
            Error = localizer["Too few reviewers may review these applications, so they have fewer than asked: {0}.", string.Join("; ", unfilled)];
        }

        return BackTo(back);
    }

    private RedirectResult Back(string? back, string field, string error)
    {
        Error = error;
        ErrorField = field;
        return BackTo(back);
    }

    // Only an address of this site: the form says where the officer was (their filters and page), nothing else.
    private RedirectResult BackTo(string? back) =>
        Redirect(back is not null && Url.IsLocalUrl(back) ? back : Url.Page("/Applications/Admin/Index")!);
}
