using Incubator.Web.Data;
using Incubator.Web.Features.Organisations.Admin;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mentoring.Admin;

/// <summary>What the section shows: the organisation's open matches, the best suggestions, and whether the reader may match.</summary>
internal sealed record MentoringSectionModel(
    string OrganisationId, IReadOnlyList<MentorMatch> Matches, IReadOnlyDictionary<string, string> Mentors, IReadOnlyList<SuggestionView> Suggestions, bool MayAct);

/// <summary>
/// The organisation's mentors on its back-office page: the matches waiting or under way, and the top suggestions with
/// their reasons and a button that matches at once (staff confirm), or a mentor named by e-mail. The forms post to
/// <c>/admin/mentoring</c>, which comes back here.
/// </summary>
internal sealed class MentoringSection(IncubatorDbContext db, MentorSuggestions suggestions) : IOrganisationPageSection
{
    public const int SuggestionsShown = 5;

    /// <summary>The TempData entry a match made from the section leaves for the section to show.</summary>
    public const string MessageKey = "MentoringMessage";

    public int Order => 40;

    public async Task<OrganisationPageSectionView?> BuildAsync(OrganisationPageContext page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = page.Organisation.ContentItemId;
        var matches = await db.Set<MentorMatch>().AsNoTracking()
            .Where(m => m.OrganisationId == id && (m.Status == MatchStatus.Requested || m.Status == MatchStatus.Active))
            .OrderBy(m => m.RequestedUtc).ToListAsync(cancellationToken);
        var ranked = page.MayAct ? (await suggestions.ForAsync(page.Organisation, cancellationToken)).Take(SuggestionsShown).ToList() : [];
        var names = await MentoringNames.MentorsAsync(db, [.. matches.Select(m => m.MentorId).Distinct()], cancellationToken);
        return new OrganisationPageSectionView("/Features/Mentoring/Admin/_MentoringSection.cshtml", new MentoringSectionModel(id, matches, names, ranked, page.MayAct));
    }
}
