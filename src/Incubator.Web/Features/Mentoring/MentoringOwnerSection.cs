using Incubator.Web.Data;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Features.Organisations.Admin;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mentoring;

/// <summary>What the owner sees: the organisation, its mentors waiting or under way, and whether to point to the full page.</summary>
internal sealed record MentoringOwnerModel(string OrganisationId, IReadOnlyList<MentorMatch> Matches, IReadOnlyDictionary<string, string> Mentors);

/// <summary>
/// The organisation's mentors on its owner's pages (<c>/my/organisations/{id}</c>, <c>/my/incubation</c>): who mentors
/// it, the requests still waiting, and the link to state needs and find a mentor (<c>/my/organisations/{id}/mentors</c>).
/// </summary>
internal sealed class MentoringOwnerSection(IncubatorDbContext db) : IOwnerOrganisationSection
{
    public int Order => 30;

    public async Task<OrganisationPageSectionView?> BuildAsync(OwnerOrganisationContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = page.Organisation.ContentItemId;
        var matches = await db.Set<MentorMatch>().AsNoTracking()
            .Where(m => m.OrganisationId == id && (m.Status == MatchStatus.Requested || m.Status == MatchStatus.Active))
            .OrderBy(m => m.RequestedUtc).Take(50).ToListAsync(cancellationToken);
        var names = await MentoringNames.MentorsAsync(db, [.. matches.Select(m => m.MentorId).Distinct()], cancellationToken);
        return new OrganisationPageSectionView("/Features/Mentoring/_OwnerMentors.cshtml", new MentoringOwnerModel(id, matches, names));
    }
}
