using Incubator.Web.Data;
using Incubator.Web.Features.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Cohorts;

/// <summary>A member with its organisation's name and its progress rows (milestones without a row are not started).</summary>
internal sealed record CohortMemberView(CohortMember Member, string? Name, IReadOnlyList<MemberMilestone> Progress);

/// <summary>A cohort, its lead's name (else e-mail) if it has one, and its members.</summary>
internal sealed record CohortView(Cohort Cohort, string? Lead, IReadOnlyList<CohortMemberView> Members);

/// <summary>Reads a cohort with its curriculum and the grid of members × milestones (a cohort holds tens of members).</summary>
internal sealed class CohortReader(IncubatorDbContext db, DirectoryEntries entries)
{
    public const int MaxMembers = 500;

    public async Task<CohortView?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var cohort = await db.Set<Cohort>().AsNoTracking().Include(c => c.Milestones).FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        cohort.Milestones = [.. cohort.Milestones.OrderBy(m => m.Position).ThenBy(m => m.Id)];
        var members = await db.Set<CohortMember>().AsNoTracking().Where(m => m.CohortId == cohort.Id)
            .OrderBy(m => m.JoinedUtc).ThenBy(m => m.Id).Take(MaxMembers).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var progress = await db.Set<MemberMilestone>().AsNoTracking().Where(p => ids.Contains(p.MemberId)).ToListAsync(cancellationToken);
        var views = new List<CohortMemberView>(members.Count);
        foreach (var member in members)
        {
            var entry = await entries.FindAsync(member.OrganisationId, cancellationToken);
            views.Add(new CohortMemberView(member, entry?.Name, [.. progress.Where(p => p.MemberId == member.Id).OrderBy(p => p.MilestoneKey, StringComparer.Ordinal)]));
        }

        var lead = cohort.LeadUserId is { } leadId
            ? await db.Users.AsNoTracking().Where(u => u.Id == leadId).Select(u => u.DisplayName != null && u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new CohortView(cohort, lead, views);
    }
}
