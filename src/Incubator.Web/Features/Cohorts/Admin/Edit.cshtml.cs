using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>
/// A cohort's change form: the same fields as a new cohort's, filled in, the key fixed. Milestones keep their members'
/// progress by key; one with progress cannot be removed. The command is <see cref="CohortCommands.UpdateAsync"/>.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class EditModel(IncubatorDbContext db, CohortCommands commands, IStringLocalizer<EditModel> localizer) : CohortFormPage(db, localizer)
{
    public override bool Editing => true;

    /// <summary>The cohort's name as it is stored, for the heading.</summary>
    public string Name { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var cohort = await Db.Set<Cohort>().AsNoTracking().Include(c => c.Milestones).FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        Form = new CohortForm
        {
            Key = cohort.Key, NameVi = cohort.NameVi, NameEn = cohort.NameEn, StartsOn = cohort.StartsOn, EndsOn = cohort.EndsOn, ProgrammeKey = cohort.ProgrammeKey,
            Cadence = cohort.Cadence, LeadUserId = cohort.LeadUserId,
            Milestones = [.. cohort.Milestones.OrderBy(m => m.Position).ThenBy(m => m.Id)
                .Select(m => new MilestoneRow { Key = m.Key, TitleVi = m.TitleVi, TitleEn = m.TitleEn, DueOn = m.DueOn, Evidence = m.Evidence })],
        };
        RowVersion = cohort.RowVersion;
        Name = cohort.NameVi;
        Pad(0);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        Name = Form.NameVi ?? key;
        Form.Key = key;
        var input = Input(out var rows);
        if (!ModelState.IsValid)
        {
            Pad(0);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await commands.UpdateAsync(key, input, RowVersion, cancellationToken);
        if (result.Status == Incubator.Core.Results.CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return await RefusedAsync(result, rows, cancellationToken);
        }

        TempData[nameof(ShowModel.CohortMessage)] = localizer["The cohort is saved."].Value;
        return RedirectToPage("/Cohorts/Admin/Show", new { key });
    }
}
