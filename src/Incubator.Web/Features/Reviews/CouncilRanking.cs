using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews;

/// <summary>One application as the council's ranking lists it.</summary>
internal sealed record RankedApplication(string Id, string Title, ConsolidationResult Result, long RequestedAmount);

/// <summary>A programme's ranking: passing applications best first, then the failing ones by title.</summary>
internal sealed record RankingResult(IReadOnlyList<RankedApplication> Passing, IReadOnlyList<RankedApplication> Failing)
{
    /// <summary>The application's place among the passing ones (1 is first), or null when it is not among them.</summary>
    public int? PlaceOf(string id)
    {
        var index = Passing.Select(r => r.Id).ToList().IndexOf(id);
        return index < 0 ? null : index + 1;
    }
}

/// <summary>
/// The council's ranking of a programme's applications whose score sheets are all in, under the programme's
/// consolidation rules (ties to the smaller requested amount). The ranking page and the leader's decision page both
/// read it here, so they never disagree about an application's place.
/// </summary>
internal sealed class CouncilRanking(IncubatorDbContext db)
{
    public async Task<RankingResult> RankAsync(Programme programme, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var rubric = programme.Rubric;
        if (rubric.Validate().Count > 0)
        {
            return new RankingResult([], []);
        }

        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.ProgrammeId == programme.ContentItemId && a.SubmittedUtc != null)
            .Select(a => new { a.Id, a.Title, a.RequestedAmount, a.SubmittedUtc })
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToList();
        var reviews = (await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(cancellationToken)).ToLookup(r => r.ApplicationId);
        var scored = new List<(RankedApplication Item, ConsolidationResult Result, long RequestedAmount, DateTime SubmittedUtc)>();
        foreach (var application in applications)
        {
            var sheets = reviews[application.Id].ToList();
            if (sheets.Count == 0 || sheets.Any(r => r.SubmittedUtc is null || r.Scores is null)
                || sheets.Any(r => Consolidation.ValidateSheet(rubric, r.Scores!).Count > 0))
            {
                continue;
            }

            var result = Consolidation.Consolidate(rubric, [.. sheets.Select(r => new ScoreSheet(r.ReviewerId, r.Scores!))]);
            var amount = application.RequestedAmount ?? 0;
            scored.Add((new RankedApplication(application.Id, application.Title, result, amount), result, amount, application.SubmittedUtc!.Value));
        }

        return new RankingResult(
            Consolidation.Rank(scored, rubric.EffectiveRules),
            [.. scored.Where(s => !s.Result.Passed).Select(s => s.Item).OrderBy(r => r.Title, StringComparer.CurrentCulture)]);
    }
}
