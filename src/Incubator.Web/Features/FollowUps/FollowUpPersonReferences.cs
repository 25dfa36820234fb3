using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.FollowUps;

/// <summary>When two people are merged, the tasks about the one merged away move to the one kept (the caller saves).</summary>
internal sealed class FollowUpPersonReferences(IncubatorDbContext db) : IPersonReferences
{
    public async Task RepointAsync(string fromPersonId, string toPersonId, CancellationToken cancellationToken)
    {
        foreach (var task in await db.Set<FollowUpTask>().Where(t => t.PersonId == fromPersonId).ToListAsync(cancellationToken))
        {
            task.PersonId = toPersonId;
            task.Version++;
        }
    }
}
