using Incubator.Web.Data;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Organisations.Admin;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts;

/// <summary>The summary on the owner's organisation page: its current cohort, milestones done of all, the next one due.</summary>
internal sealed record CohortOwnerModel(string OrganisationId, Cohort Cohort, CohortMember Member, int Done, int Total, CohortMilestone? Next);

/// <summary>
/// The organisation's cohort on its owner's profile page (<c>/my/organisations/{id}</c>): a short summary and the link
/// to <c>/my/incubation</c>, which draws the cohort itself. Nothing when the organisation was never in a cohort.
/// </summary>
internal sealed class CohortOwnerSection(IncubatorDbContext db) : IOwnerOrganisationSection
{
    public int Order => 10;

    public async Task<OrganisationPageSectionView?> BuildAsync(OwnerOrganisationContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Page != OwnerPage.Profile)
        {
            return null;
        }

        var id = page.Organisation.ContentItemId;
        var member = await db.Set<CohortMember>().AsNoTracking().Where(m => m.OrganisationId == id)
            .OrderByDescending(m => m.JoinedUtc).FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        var cohort = await db.Set<Cohort>().AsNoTracking().Include(c => c.Milestones).FirstAsync(c => c.Id == member.CohortId, cancellationToken);
        var finished = await db.Set<MemberMilestone>().AsNoTracking()
            .Where(p => p.MemberId == member.Id && (p.Status == MilestoneStatus.Done || p.Status == MilestoneStatus.Waived))
            .Select(p => p.MilestoneKey).ToListAsync(cancellationToken);
        var next = cohort.Milestones.Where(m => !finished.Contains(m.Key)).OrderBy(m => m.DueOn).ThenBy(m => m.Position).FirstOrDefault();
        return new OrganisationPageSectionView("/Features/Cohorts/_OwnerCohort.cshtml",
            new CohortOwnerModel(id, cohort, member, cohort.Milestones.Count(m => finished.Contains(m.Key)), cohort.Milestones.Count, next));
    }
}
