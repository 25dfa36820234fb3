using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>
/// A cohort: its details, the grid of members × milestones (each cell a status; a member's row opens its page to
/// change them), a form to add an organisation (the relationships' picker, which works without a script) and a
/// button adding the programme's approved applicants.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ShowModel(CohortReader reader, CohortCommands commands, RelationshipPicker picker, UserManager<User> users, IStringLocalizer<ShowModel> localizer)
    : PageModel
{
    [TempData]
    public string? CohortMessage { get; set; }

    [BindProperty]
    public string? OrganisationId { get; set; }

    [BindProperty]
    public string? OrganisationSearch { get; set; }

    public CohortView View { get; private set; } = null!;

    public PickerField Organisation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken) =>
        await LoadAsync(key, false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string key, CancellationToken cancellationToken)
    {
        if (Request.HasFormContentType && Request.Form.ContainsKey("Search"))
        {
            ModelState.Clear();
            return await LoadAsync(key, true, cancellationToken) ? Page() : NotFound();
        }

        var result = await commands.AddMemberAsync(key, OrganisationId, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            foreach (var (_, message) in result.Errors)
            {
                ModelState.AddModelError(nameof(OrganisationId), localizer[message]);
            }

            if (result.Detail is { } detail)
            {
                ModelState.AddModelError(nameof(OrganisationId), localizer[detail]);
            }

            return await LoadAsync(key, false, cancellationToken) ? Page() : NotFound();
        }

        CohortMessage = localizer["The organisation joined the cohort."];
        return RedirectToPage("/Cohorts/Admin/Show", new { key });
    }

    public async Task<IActionResult> OnPostFromProgrammeAsync(string key, CancellationToken cancellationToken)
    {
        var result = await commands.AddFromProgrammeAsync(key, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer);
            return await LoadAsync(key, false, cancellationToken) ? Page() : NotFound();
        }

        CohortMessage = localizer["{0} organisations joined the cohort.", result.Value];
        return RedirectToPage("/Cohorts/Admin/Show", new { key });
    }

    private async Task<bool> LoadAsync(string key, bool search, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(key, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        Organisation = await picker.FieldAsync(PickerKind.Organisation, nameof(OrganisationId), false, [OrganisationId], search ? OrganisationSearch : null, cancellationToken);
        return true;
    }
}
