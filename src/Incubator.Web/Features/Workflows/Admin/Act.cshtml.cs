using Incubator.Web.Features.Account;
using Incubator.Web.Features.Workflows;
using Incubator.Web.Infrastructure;
using Incubator.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows.Admin;

/// <summary>
/// Where the action buttons on items post: takes one outcome of the item's workflow on the version the page showed,
/// then goes back to that page with what happened. A refused action changes nothing and says why.
/// </summary>
internal sealed class ActModel(WorkflowService workflows, UserManager<Account.User> users, IStringLocalizer<WorkflowService> localizer) : PageModel
{
    private const int MaxCommentLength = 4000;

    public IActionResult OnGet() => NotFound();

    // Leaders decide applications here. The back office lets them post; the workflow engine then lets each user
    // take only the outcomes of tasks gated to one of their roles (a leader the decision, staff the screening).
    [AllowedFor(Policies.BackOffice)]
    public async Task<IActionResult> OnPostAsync(
        string? id, string? outcome, int? version, string? comment, string? returnUrl, CancellationToken cancellationToken)
    {
        var back = Url.IsLocalUrl(returnUrl) && Infrastructure.BadRequests.IsSafeLocalUrl(returnUrl) ? returnUrl : Url.Page("/Workflows/Admin/Instances")!;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(outcome) || version is not > 0)
        {
            TempData["Error"] = localizer["Choose an action."].Value;
            return LocalRedirect(back);
        }

        if (comment is { Length: > MaxCommentLength })
        {
            TempData["Error"] = localizer["The comment may be at most {0} characters long.", MaxCommentLength].Value;
            return LocalRedirect(back);
        }

        // Read by hand: dictionary model binding falls back to every form field when no "data[...]" field is posted.
        // Empty inputs of optional fields arrive as blanks; the engine treats a missing value and a blank one alike.
        var values = Request.Form
            .Where(f => f.Key.StartsWith("data[", StringComparison.Ordinal) && f.Key.EndsWith(']') && !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key["data[".Length..^1], f => f.Value.ToString().Trim(), StringComparer.Ordinal);
        // The button's name is read before the action moves the instance on: the same outcome key (e.g. "reject") can
        // be offered by several tasks, each with its own name.
        var userId = users.GetUserId(User)!;
        var offered = await workflows.PanelAsync(id, userId, cancellationToken);
        if (offered is not null && offered.Pages.TryGetValue(outcome, out var page))
        {
            // Taken only on its own page, which asks for what this form does not (the decision's evidence and signer).
            TempData["Error"] = localizer["This action is taken on its own page: {0}.", localizer[page.Label]].Value;
            return LocalRedirect(back);
        }

        var label = offered is not null && offered.Actions.FirstOrDefault(a => a.Name == outcome) is { } action ? offered.Names.Action(action) : WorkflowLabels.Action(localizer, outcome);
        var result = await workflows.TakeActionAsync(id, outcome, version.Value, comment, values, userId, cancellationToken);
        if (result.Instance is null)
        {
            return NotFound();
        }

        if (result.Status == WorkflowActionStatus.Ok)
        {
            TempData["Message"] = localizer["Done: {0}.", label].Value;
        }
        else if (result.Status == WorkflowActionStatus.Invalid)
        {
            TempData["Error"] = string.Join(" ", result.Errors.Select(e => e.Key.StartsWith("data.", StringComparison.Ordinal)
                ? $"{WorkflowLabels.Field(localizer, e.Key["data.".Length..])}: {localizer[e.Value]}"
                : localizer[e.Value].Value));
        }
        else
        {
            TempData["Error"] = WorkflowLabels.Refusal(localizer, result.Status);
        }

        return LocalRedirect(back);
    }
}
