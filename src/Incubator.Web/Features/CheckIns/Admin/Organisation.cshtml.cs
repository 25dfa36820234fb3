using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.CheckIns.Admin;

/// <summary>One organisation's check-ins for staff: its trends as charts and every report in a table, newest first.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class OrganisationModel(IncubatorDbContext db) : PageModel
{
    public string Id { get; private set; } = string.Empty;
    public string Name { get; private set; } = string.Empty;
    public IReadOnlyList<CheckIn> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await Organisations.DirectoryEntries.FindAsync(db, id, cancellationToken) is not var (_, profile))
        {
            return NotFound();
        }

        (Id, Name) = (id, profile.Title);
        History = await CheckInReader.HistoryAsync(db, id, CheckInsApi.MaxListed, cancellationToken);
        return Page();
    }
}
