using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>
/// Creates (/admin/segments/new) or changes (/admin/segments/{id}/edit) a segment through <see cref="SaveSegment"/>.
/// "Preview members" checks the conditions the same way and shows how many people they take, saving nothing.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class EditSegmentModel(
    IncubatorDbContext db, SaveSegment save, SegmentMembers members, TaxonomyService taxonomies, IEnumerable<ISegmentCondition> conditions,
    UserManager<User> users, IStringLocalizer<EditSegmentModel> localizer) : PageModel
{
    [BindProperty]
    public SegmentForm Form { get; set; } = new();

    public string? Id { get; private set; }
    public string? StoredName { get; private set; }
    public SegmentChoices Choices { get; private set; } = null!;

    /// <summary>The organisations the stored segment lists by id, kept by an edit.</summary>
    public int ListedOrganisations { get; private set; }

    /// <summary>How many people the form's conditions take, after "Preview members"; null otherwise.</summary>
    public int? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            if (await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } segment)
            {
                return NotFound();
            }

            var filter = SegmentFilter.FromJson(segment.FilterJson);
            Form = SegmentForm.From(segment.Name, filter);
            StoredName = segment.Name;
            ListedOrganisations = filter.OrganisationIds?.Count ?? 0;
        }

        Choices = await SegmentChoices.LoadAsync(db, taxonomies, conditions, cancellationToken);

        // The API takes a programme's slug too; the select offers ids, so a stored slug is shown (and kept) as its id.
        if (Form.Programme is { } programme && Choices.Programmes.FirstOrDefault(p => p.Slug == programme) is { } bySlug)
        {
            Form.Programme = bySlug.Id;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, string? preview, CancellationToken cancellationToken)
    {
        Id = id;
        SegmentFilter? kept = null;
        if (id is not null)
        {
            if (await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } segment)
            {
                return NotFound();
            }

            kept = SegmentFilter.FromJson(segment.FilterJson);
            StoredName = segment.Name;
            ListedOrganisations = kept.OrganisationIds?.Count ?? 0;
        }

        Choices = await SegmentChoices.LoadAsync(db, taxonomies, conditions, cancellationToken);
        if (!Choices.Cohorts)
        {
            Form.Cohort = kept?.Cohort;
        }

        var filter = Form.ToFilter(kept);
        if (!string.IsNullOrEmpty(preview))
        {
            var errors = await members.CheckAsync(filter, cancellationToken);
            if (errors.Count > 0)
            {
                CommandResult.Invalid(errors).AddTo(ModelState, localizer);
                Move();
                return Page();
            }

            Preview = await members.CountAsync(filter, cancellationToken);
            return Page();
        }

        var result = await save.SaveAsync(id, Form.Name, filter, users.GetUserId(User), cancellationToken);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, localizer);
            Move();
            return Page();
        }

        TempData["SegmentMessage"] = localizer["The segment was saved."].Value;
        return RedirectToPage("/Mailings/Admin/Segment", new { id = result.Value!.Id });
    }

    /// <summary>Moves the service's messages ("filter.locality") beside the form's fields ("Form.Locality").</summary>
    private void Move()
    {
        foreach (var key in ModelState.Keys.Where(k => k.Length > 0 && !k.StartsWith("Form.", StringComparison.Ordinal)).ToList())
        {
            var field = SegmentForm.FieldOf(key, Choices.Cohorts);
            foreach (var error in ModelState[key]!.Errors)
            {
                ModelState.AddModelError(field, error.ErrorMessage);
            }

            ModelState.Remove(key);
        }
    }
}
