using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions.Admin;

/// <summary>The newest interactions, optionally those of one organisation or person (staff only).</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(IncubatorDbContext db) : PageModel
{
    public IReadOnlyList<Interaction> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? organisation, string? person, CancellationToken cancellationToken)
    {
        var query = db.Set<Interaction>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            query = query.Where(i => i.Participants.Any(p => p.Kind == ParticipantKind.Organisation && p.RefId == organisation));
        }

        if (!string.IsNullOrWhiteSpace(person))
        {
            query = query.Where(i => i.Participants.Any(p => p.Kind == ParticipantKind.Person && p.RefId == person));
        }

        Rows = await query.OrderByDescending(i => i.AtUtc).Take(100).ToListAsync(cancellationToken);
    }
}
