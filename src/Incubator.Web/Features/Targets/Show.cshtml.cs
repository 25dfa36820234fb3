using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Targets;

/// <summary>
/// /targets/{key}: one target and the records behind its number. The public sees the public records (decisions,
/// published organisations, IP records...); the back office also the applications that are not decided.
/// </summary>
internal sealed class ShowModel(TargetProgress progress, IAuthorizationService authorization) : PageModel
{
    public TargetStatus Status { get; private set; } = null!;
    public IReadOnlyList<IndicatorRow> Rows { get; private set; } = [];
    public int Hidden { get; private set; }
    public bool BackOffice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await progress.FindAsync(key, cancellationToken) is not { } status)
        {
            return NotFound();
        }

        Status = status;
        BackOffice = (await authorization.AuthorizeAsync(User, Policies.BackOffice)).Succeeded;
        Rows = [.. status.Rows.Where(r => BackOffice || r.Public).OrderByDescending(r => r.Date)];
        Hidden = status.Rows.Count - Rows.Count;
        return Page();
    }
}
