using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Pipeline.Admin;

/// <summary>
/// Where every move form posts: the board's cards, the organisation page's section, and the board's script when a card
/// is dragged (which asks for JSON). A move that holds goes back where it came from with a message; one that does not
/// shows this page's own form again with the message beside its field, so nothing depends on a script.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MoveModel(
    IncubatorDbContext db, DirectoryEntries entries, MoveOrganisation move, TaxonomyService taxonomies, UserManager<User> users, IStringLocalizer<MoveModel> localizer) : PageModel
{
    [BindProperty]
    public string? Stage { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The stage's version the form was drawn with (0 when the organisation had none).</summary>
    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    [TempData]
    public string? PipelineMessage { get; set; }

    public DirectoryEntry? Organisation { get; private set; }

    public OrganisationStage? Current { get; private set; }

    public IReadOnlyList<TaxonomyTerm> Stages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (Stage, Version, ReturnUrl) = (Current?.Stage, Current?.RowVersion ?? 0, returnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var result = await move.MoveAsync(new MoveOrganisationRequest(id, Stage, Note, Version), users.GetUserId(User), cancellationToken);
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (result.Succeeded)
        {
            var stage = result.Value!;
            var name = await taxonomies.NameAsync(TaxonomyTerm.Pipeline, stage.Stage, cancellationToken);
            var organisation = await entries.FindAsync(id, cancellationToken);
            var message = localizer["{0} moved to \"{1}\".", organisation?.Name ?? id, name].Value;
            if (wantsJson)
            {
                return new JsonResult(new { message, stage = stage.Stage, name, fromStage = stage.FromStage, version = stage.Version });
            }

            PipelineMessage = message;
            return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Pipeline/Admin/Index");
        }

        if (wantsJson)
        {
            var text = result.Detail is { } detail ? localizer[detail].Value
                : result.Status == CommandStatus.NotFound ? localizer["There is no such organisation."].Value
                : string.Join(" ", result.Errors.Values.Select(v => localizer[v].Value));
            var status = result.Status switch { CommandStatus.NotFound => 404, CommandStatus.Conflict => 409, _ => 400 };
            return new JsonResult(new { message = text }) { StatusCode = status };
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            // The organisation is gone (or never was): say so beside it rather than answer with an empty 404 to a form.
            ModelState.AddModelError(nameof(Organisation), localizer["There is no such organisation."]);
            return Page();
        }

        result.AddTo(ModelState, localizer);
        if (result.Status == CommandStatus.Conflict)
        {
            // The form now holds the stage as it stands, so a second try is a deliberate one.
            Version = Current?.RowVersion ?? 0;
            ModelState.Remove(nameof(Version));
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        Stages = await taxonomies.TermsAsync(TaxonomyTerm.Pipeline, cancellationToken);
        Organisation = await entries.FindAsync(id, cancellationToken);
        if (Organisation is null)
        {
            return false;
        }

        Current = await db.Set<OrganisationStage>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == id, cancellationToken);
        return true;
    }
}
