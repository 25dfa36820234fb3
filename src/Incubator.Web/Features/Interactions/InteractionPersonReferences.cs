using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Interactions;

/// <summary>
/// When two people are merged, the interactions of the one merged away move to the one kept; an interaction that
/// already names both keeps one row. People's merge calls it through <see cref="IPersonReferences"/>.
/// </summary>
internal sealed class InteractionPersonReferences(IncubatorDbContext db) : IPersonReferences
{
    public async Task RepointAsync(string fromPersonId, string toPersonId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<InteractionParticipant>()
            .Where(p => p.Kind == ParticipantKind.Person && (p.RefId == fromPersonId || p.RefId == toPersonId)).ToListAsync(cancellationToken);
        var alreadyKept = rows.Where(p => p.RefId == toPersonId).Select(p => p.InteractionId).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows.Where(p => p.RefId == fromPersonId))
        {
            if (alreadyKept.Contains(row.InteractionId))
            {
                db.Remove(row);
            }
            else
            {
                row.RefId = toPersonId;
            }
        }

        // The caller saves, in the same transaction as the merge itself.
    }
}
