using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Reviews;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Mentoring;

/// <summary>A suggestion as the caller reads it: the reasons written out in their language.</summary>
internal sealed record SuggestionView(string MentorId, string Name, int Score, IReadOnlyList<string> Reasons, bool AcceptsRequests);

/// <summary>
/// Gathers what <see cref="MentorMatcher"/> needs for one startup from the database (mentors with details and hours,
/// the startup's expert links and open matches), ranks, and writes each reason out through the localiser.
/// </summary>
internal sealed class MentorSuggestions(
    IncubatorDbContext db, IMentorHoursUsed hoursUsed, TaxonomyService taxonomies, TimeProvider clock, IOptions<MentoringOptions> options, IStringLocalizer<MentorSuggestions> localizer)
{
    public async Task<IReadOnlyList<SuggestionView>> ForAsync(DirectoryProfile organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var ranked = await RankAsync(organisation, cancellationToken);
        var views = new List<SuggestionView>(ranked.Count);
        foreach (var suggestion in ranked)
        {
            var reasons = new List<string>(suggestion.Reasons.Count);
            foreach (var reason in suggestion.Reasons)
            {
                reasons.Add(await WriteAsync(reason, cancellationToken));
            }

            views.Add(new SuggestionView(suggestion.MentorId, suggestion.Name, suggestion.Score, reasons, suggestion.AcceptsRequests));
        }

        return views;
    }

    /// <summary>The ranked suggestions for the organisation, reasons as codes.</summary>
    public async Task<IReadOnlyList<MentorSuggestion>> RankAsync(DirectoryProfile organisation, CancellationToken cancellationToken)
    {
        var (startup, candidates) = await CandidatesAsync(organisation, null, cancellationToken);
        return MentorMatcher.Rank(startup, candidates, options.Value.Suggestions);
    }

    /// <summary>
    /// The startup as matching sees it and the mentors with their hours, links and open matches; only
    /// <paramref name="mentorId"/> when given (to check one request by the same rules).
    /// </summary>
    public async Task<(MatchStartup Startup, List<MatchCandidate> Candidates)> CandidatesAsync(DirectoryProfile organisation, string? mentorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var id = organisation.ContentItemId;
        var needs = await db.Set<OrganisationNeeds>().AsNoTracking().Where(n => n.OrganisationId == id).Select(n => n.Needs).FirstOrDefaultAsync(cancellationToken) ?? [];
        var startup = new MatchStartup(organisation.Sectors, (organisation as Startup)?.Stage, organisation.Locality, needs);

        // The conflict rule shared with reviewers: an account linked to the organisation never advises it.
        var linked = await db.Set<ExpertLink>().AsNoTracking().Where(l => l.OrganisationId == id).Select(l => l.ReviewerId).ToListAsync(cancellationToken);
        var open = await db.Set<MentorMatch>().AsNoTracking()
            .Where(m => m.OrganisationId == id && (m.Status == MatchStatus.Requested || m.Status == MatchStatus.Active))
            .Select(m => m.MentorId).ToListAsync(cancellationToken);

        var query =
            from details in db.Set<MentorDetails>().AsNoTracking()
            join mentor in db.Mentors.AsNoTracking() on details.MentorId equals mentor.ContentItemId
            where mentor.Latest && mentor.DeletedUtc == null
            select new { details.MentorId, details.UserId, mentor.Title, details.Expertise, details.Sectors, details.Stages, mentor.Locality, details.HoursPerMonth, details.AcceptsRequests };
        query = mentorId is null ? query.Where(r => r.HoursPerMonth > 0) : query.Where(r => r.MentorId == mentorId);
        var rows = await query.ToListAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var used = await hoursUsed.HoursUsedAsync([.. rows.Select(r => r.MentorId)], new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc), cancellationToken);
        var candidates = rows.Select(r => new MatchCandidate(
            r.MentorId, r.Title, r.Expertise, r.Sectors, r.Stages, r.Locality, r.HoursPerMonth, used.GetValueOrDefault(r.MentorId),
            r.UserId is not null && linked.Contains(r.UserId), open.Contains(r.MentorId), r.AcceptsRequests)).ToList();
        return (startup, candidates);
    }

    /// <summary>One reason in the reader's language, e.g. "cùng lĩnh vực Nông nghiệp công nghệ cao".</summary>
    public async Task<string> WriteAsync(MatchReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Kind switch
        {
            MatchReasonKind.Sector => localizer["same sector: {0}", await taxonomies.NameAsync(TaxonomyTerm.Sectors, reason.Code, cancellationToken)].Value,
            MatchReasonKind.Expertise => localizer["expertise in {0}", await taxonomies.NameAsync(TaxonomyTerm.Needs, reason.Code, cancellationToken)].Value,
            MatchReasonKind.Stage => localizer["works with startups at the {0} stage", await taxonomies.NameAsync(TaxonomyTerm.Stages, reason.Code, cancellationToken)].Value,
            MatchReasonKind.Province => localizer["same province: {0}", await taxonomies.NameAsync(TaxonomyTerm.Localities, reason.Code, cancellationToken)].Value,
            _ => localizer["{0} hours left this month", reason.Hours].Value,
        };
    }
}
