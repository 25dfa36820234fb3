using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts.Admin;

/// <summary>
/// A member of a cohort: a small form per milestone (status, evidence, the reason a milestone is waived) and, while it
/// is active, the forms to graduate it or let it leave, with a date and a reason.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MemberModel(
    IncubatorDbContext db, CohortReader reader, CohortCommands commands, AttachmentStore store, UserManager<User> users, IStringLocalizer<MemberModel> localizer) : PageModel
{
    [TempData]
    public string? MemberMessage { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>A file as evidence (optional): stored by <see cref="AttachmentStore"/>, it replaces the milestone's old one.</summary>
    [BindProperty]
    public IFormFile? EvidenceFile { get; set; }

    /// <summary>The largest file accepted, in MB, for the hint.</summary>
    public long MaxMegabytes => Math.Max(1, store.MaxBytes / (1024 * 1024));

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
        CommandResult<MemberMilestone> result;
        var saved = EvidenceFile is { Length: > 0 } ? await store.SaveAsync(EvidenceFile, cancellationToken) : null;
        if (saved is RefusedAttachment refused)
        {
            result = CommandResult.Invalid("evidenceFile", refused.Message).As<MemberMilestone>();
        }
        else
        {
            var stored = saved as StoredAttachment;
            result = await commands.SetMilestoneAsync(key, organisationId, milestone, Status, Evidence, Reason, stored, users.GetUserId(User), cancellationToken);
            if (!result.Succeeded && stored is not null)
            {
                store.Delete(stored.StoredName);
            }
        }

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

    /// <summary>The evidence file of one of this member's milestones, always as a download.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(string key, string organisationId, long id, CancellationToken cancellationToken)
    {
        var found = await db.Set<MemberMilestone>().AsNoTracking().Where(p => p.Id == id && p.EvidenceFile != null)
            .Join(db.Set<CohortMember>(), p => p.MemberId, m => m.Id, (p, m) => new { p.EvidenceFile, p.EvidenceFileName, m.OrganisationId, m.CohortId })
            .Join(db.Set<Cohort>(), p => p.CohortId, c => c.Id, (p, c) => new { p.EvidenceFile, p.EvidenceFileName, p.OrganisationId, c.Key })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || found.Key != key || found.OrganisationId != organisationId || store.Open(found.EvidenceFile) is not { } file)
        {
            return NotFound();
        }

        await AttachmentDownload.Create(file.Content, file.ContentType, found.EvidenceFileName).ExecuteAsync(HttpContext);
        return new EmptyResult();
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
