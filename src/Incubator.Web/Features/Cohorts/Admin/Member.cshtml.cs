using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>
/// A member of a cohort: a small form per milestone (status, evidence, the reason a milestone is waived) and, while it
/// is active, the forms to graduate it or let it leave, with a date and a reason.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MemberModel(CohortReader reader, CohortCommands commands, UserManager<User> users, IStringLocalizer<MemberModel> localizer) : PageModel
{
    [TempData]
    public string? MemberMessage { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public DateOnly? On { get; set; }

    /// <summary>The milestone whose form was posted, to show its errors beside it.</summary>
    public string? Posted { get; private set; }

    public CohortView View { get; private set; } = null!;
    public CohortMemberView Member { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string key, string organisationId, CancellationToken cancellationToken) =>
        await LoadAsync(key, organisationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMilestoneAsync(string key, string organisationId, string milestone, CancellationToken cancellationToken)
    {
        var result = await commands.SetMilestoneAsync(key, organisationId, milestone, Status, Evidence, Reason, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Posted = milestone;
            result.AddTo(ModelState, localizer);
            return await LoadAsync(key, organisationId, cancellationToken) ? Page() : NotFound();
        }

        MemberMessage = localizer["The milestone is saved."];
        return RedirectToPage("/Cohorts/Admin/Member", new { key, organisationId });
    }

    public Task<IActionResult> OnPostGraduateAsync(string key, string organisationId, CancellationToken cancellationToken) =>
        EndAsync(key, organisationId, true, cancellationToken);

    public Task<IActionResult> OnPostLeaveAsync(string key, string organisationId, CancellationToken cancellationToken) =>
        EndAsync(key, organisationId, false, cancellationToken);

    private async Task<IActionResult> EndAsync(string key, string organisationId, bool graduated, CancellationToken cancellationToken)
    {
        var result = await commands.EndAsync(key, organisationId, graduated, On, Reason, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Posted = graduated ? "graduate" : "leave";
            result.AddTo(ModelState, localizer);
            return await LoadAsync(key, organisationId, cancellationToken) ? Page() : NotFound();
        }

        MemberMessage = graduated ? localizer["The organisation graduated."] : localizer["The organisation left the cohort."];
        return RedirectToPage("/Cohorts/Admin/Member", new { key, organisationId });
    }

    private async Task<bool> LoadAsync(string key, string organisationId, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(key, cancellationToken) is not { } view || view.Members.FirstOrDefault(m => m.Member.OrganisationId == organisationId) is not { } member)
        {
            return false;
        }

        (View, Member) = (view, member);
        return true;
    }
}
