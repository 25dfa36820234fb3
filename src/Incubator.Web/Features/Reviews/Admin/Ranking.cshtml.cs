using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Reviews.Admin;

/// <summary>
/// The council's ranking of a programme's applications whose score sheets are all in: passing ones best first under
/// the programme's consolidation rules (ties to the smaller requested amount), then the others with why they failed.
/// </summary>
internal sealed class RankingModel(ProgrammeService programmes, CouncilRanking ranking) : PageModel
{
    public Programme Programme { get; private set; } = null!;
    public IReadOnlyList<RankedApplication> Passing { get; private set; } = [];
    public IReadOnlyList<RankedApplication> Failing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await programmes.LatestAsync(id, cancellationToken) is not { } programme)
        {
            return NotFound();
        }

        Programme = programme;
        var result = await ranking.RankAsync(programme, cancellationToken);
        (Passing, Failing) = (result.Passing, result.Failing);
        return Page();
    }
}
