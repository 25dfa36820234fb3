using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Tells the programme builder how many of a programme's applications keep the form they were submitted under and how
/// many drafts follow the form as it is saved.
/// </summary>
internal sealed class ApplicationFormUsage(IncubatorDbContext db) : IProgrammeFormUsage
{
    public async Task<ProgrammeFormUse> CountAsync(string programmeId, CancellationToken cancellationToken = default)
    {
        var submitted = await db.Applications.CountAsync(a => a.ProgrammeId == programmeId && a.FormJson != null, cancellationToken);
        var drafts = await db.Applications.CountAsync(a => a.ProgrammeId == programmeId && a.FormJson == null, cancellationToken);
        return new ProgrammeFormUse(submitted, drafts);
    }
}
