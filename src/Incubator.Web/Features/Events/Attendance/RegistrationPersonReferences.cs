using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Attendance;

/// <summary>When two people are merged, the registrations kept on the one merged away point at the one kept.</summary>
internal sealed class RegistrationPersonReferences(IncubatorDbContext db) : IPersonReferences
{
    public async Task RepointAsync(string fromPersonId, string toPersonId, CancellationToken cancellationToken)
    {
        foreach (var registration in await db.Set<EventRegistration>().Where(r => r.PersonId == fromPersonId).ToListAsync(cancellationToken))
        {
            registration.PersonId = toPersonId;
            registration.RowVersion++;
        }

        // The caller saves, in the same transaction as the merge itself.
    }
}
