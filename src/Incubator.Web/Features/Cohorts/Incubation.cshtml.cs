using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Organisations.Admin;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts;

/// <summary>One cohort an organisation is or was in: the cohort with its curriculum, the membership, its progress rows.</summary>
internal sealed record OwnerMembership(Cohort Cohort, CohortMember Member, IReadOnlyList<MemberMilestone> Progress)
{
    public MemberMilestone? ProgressOf(string milestoneKey) => Progress.FirstOrDefault(p => p.MilestoneKey == milestoneKey);
}

/// <summary>One of the user's organisations on the page: its cohorts, and what the other features show of it.</summary>
internal sealed record OwnerIncubation(DirectoryProfile Organisation, IReadOnlyList<OwnerMembership> Memberships, IReadOnlyList<OrganisationPageSectionView> Sections);

/// <summary>
/// A startup's incubation (<c>/my/incubation</c>): for each organisation the user owns, its cohort and milestones —
/// where the owner reports progress with evidence (staff alone waive a milestone) — and what the other features
/// show of it through <see cref="IOwnerOrganisationSection"/> (its mentors, bookings, check-ins).
/// </summary>
[Authorize]
internal sealed class IncubationModel(
    IncubatorDbContext db, OrganisationAccess access, OwnerOrganisationSections sections, CohortCommands commands, AttachmentStore store, UserManager<User> users,
    TimeProvider clock, IStringLocalizer<IncubationModel> localizer) : PageModel
{
    /// <summary>The statuses an owner may report; waiving is the staff's.</summary>
    public static readonly IReadOnlyList<string> OwnerStatuses = [MilestoneStatus.NotStarted, MilestoneStatus.InProgress, MilestoneStatus.Done];

    public List<OwnerIncubation> Organisations { get; } = [];

    /// <summary>Today in Vietnam: a milestone due before it and not done is overdue.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Incubator.Core.Time.VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    /// <summary>A file as evidence (optional): stored by <see cref="AttachmentStore"/>, it replaces the milestone's old one.</summary>
    [BindProperty]
    public IFormFile? EvidenceFile { get; set; }

    /// <summary>The largest file accepted, in MB, for the hint.</summary>
    public long MaxMegabytes => Math.Max(1, store.MaxBytes / (1024 * 1024));

    /// <summary>The milestone form posted (organisation, cohort key, milestone key) when it comes back with errors.</summary>
    public (string Organisation, string Cohort, string Milestone)? Posted { get; private set; }

    [TempData]
    public string? IncubationMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostMilestoneAsync(string organisationId, string cohort, string milestone, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        if (await access.FindOwnedAsync(userId, organisationId, cancellationToken) is null
            || await db.Set<Cohort>().AsNoTracking().FirstOrDefaultAsync(c => c.Key == cohort, cancellationToken) is not { } found
            || await db.Set<CohortMember>().AsNoTracking().FirstOrDefaultAsync(m => m.CohortId == found.Id && m.OrganisationId == organisationId, cancellationToken) is not { } member)
        {
            return NotFound();
        }

        var current = await db.Set<MemberMilestone>().AsNoTracking().Where(p => p.MemberId == member.Id && p.MilestoneKey == milestone)
            .Select(p => new { p.Status, p.EvidenceFile }).FirstOrDefaultAsync(cancellationToken);
        CommandResult<MemberMilestone>? result = null;
        if (member.Status != MemberStatus.Active)
        {
            result = CommandResult.Invalid("status", "The organisation is no longer in this cohort.").As<MemberMilestone>();
        }
        else if (current?.Status == MilestoneStatus.Waived)
        {
            result = CommandResult.Invalid("status", "Staff waived this milestone; ask them to change it.").As<MemberMilestone>();
        }
        else if (!OwnerStatuses.Contains(Status ?? string.Empty))
        {
            result = CommandResult.Invalid("status", "Choose not started, in progress or done.").As<MemberMilestone>();
        }

        StoredAttachment? stored = null;
        if (result is null && EvidenceFile is { Length: > 0 })
        {
            switch (await store.SaveAsync(EvidenceFile, cancellationToken))
            {
                case StoredAttachment saved:
                    stored = saved;
                    break;
                case RefusedAttachment refused:
                    result = CommandResult.Invalid("evidenceFile", refused.Message).As<MemberMilestone>();
                    break;
            }
        }

        // "Done" needs evidence: a text, a new file or the file given before.
        if (result is null && Status == MilestoneStatus.Done && string.IsNullOrWhiteSpace(Evidence) && stored is null && current?.EvidenceFile is null)
        {
            result = CommandResult.Invalid("evidence", "Say what shows the milestone is done (a link, a document's name, a figure).").As<MemberMilestone>();
        }

        result ??= await commands.SetMilestoneAsync(cohort, organisationId, milestone, Status, Evidence, null, stored, userId, cancellationToken);
        if (!result.Succeeded && stored is not null)
        {
            store.Delete(stored.StoredName);
        }

        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Posted = (organisationId, cohort, milestone);
            result.AddTo(ModelState, localizer);
            await LoadAsync(cancellationToken);
            return Page();
        }

        IncubationMessage = localizer["The milestone is saved."];
        return Redirect(Url.Page("/Cohorts/Incubation") + "#org-" + organisationId);
    }

    /// <summary>The evidence file of a milestone of one of the user's organisations, always as a download; anyone else gets 404.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(long id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var found = await db.Set<MemberMilestone>().AsNoTracking().Where(p => p.Id == id && p.EvidenceFile != null)
            .Join(db.Set<CohortMember>(), p => p.MemberId, m => m.Id, (p, m) => new { p.EvidenceFile, p.EvidenceFileName, m.OrganisationId })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || await access.FindOwnedAsync(userId, found.OrganisationId, cancellationToken) is null || store.Open(found.EvidenceFile) is not { } file)
        {
            return NotFound();
        }

        await AttachmentDownload.Create(file.Content, file.ContentType, found.EvidenceFileName).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        foreach (var (type, profile, _) in await access.ListOwnedAsync(userId, cancellationToken))
        {
            var id = profile.ContentItemId;
            var members = await db.Set<CohortMember>().AsNoTracking().Where(m => m.OrganisationId == id)
                .OrderByDescending(m => m.JoinedUtc).Take(10).ToListAsync(cancellationToken);
            var memberships = new List<OwnerMembership>();
            foreach (var member in members)
            {
                var cohort = await db.Set<Cohort>().AsNoTracking().Include(c => c.Milestones).FirstAsync(c => c.Id == member.CohortId, cancellationToken);
                cohort.Milestones = [.. cohort.Milestones.OrderBy(m => m.Position).ThenBy(m => m.Id)];
                var progress = await db.Set<MemberMilestone>().AsNoTracking().Where(p => p.MemberId == member.Id).ToListAsync(cancellationToken);
                memberships.Add(new OwnerMembership(cohort, member, progress));
            }

            var views = await sections.BuildAsync(new OwnerOrganisationContext(type, profile, userId, OwnerPage.Incubation), cancellationToken);
            Organisations.Add(new OwnerIncubation(profile, memberships, views));
        }
    }
}
