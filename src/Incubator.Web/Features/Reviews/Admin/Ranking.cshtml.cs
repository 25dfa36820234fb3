using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// The council's ranking of a programme's applications whose score sheets are all in: passing ones best first under
/// the programme's consolidation rules (ties to the smaller requested amount), then the others with why they failed.
/// </summary>
internal sealed class RankingModel(IncubatorDbContext db, ProgrammeService programmes) : PageModel
{
    public sealed record Row(string Id, string Title, ConsolidationResult Result, long RequestedAmount);

    public Programme Programme { get; private set; } = null!;
    public List<Row> Passing { get; } = [];
    public List<Row> Failing { get; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await programmes.LatestAsync(id, cancellationToken) is not { } programme)
        {
            return NotFound();
        }

        Programme = programme;
        var rubric = programme.Rubric;
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.ProgrammeId == programme.ContentItemId && a.SubmittedUtc != null)
            .Select(a => new { a.Id, a.Title, a.RequestedAmount, a.SubmittedUtc })
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToList();
        var reviews = (await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.ApplicationId)).ToListAsync(cancellationToken)).ToLookup(r => r.ApplicationId);
        var scored = new List<(Row Item, ConsolidationResult Result, long RequestedAmount, DateTime SubmittedUtc)>();
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
            scored.Add((new Row(application.Id, application.Title, result, amount), result, amount, application.SubmittedUtc!.Value));
        }

        Passing.AddRange(Consolidation.Rank(scored, rubric.EffectiveRules));
        Failing.AddRange(scored.Where(s => !s.Result.Passed).Select(s => s.Item).OrderBy(r => r.Title, StringComparer.CurrentCulture));
        return Page();
    }
}
