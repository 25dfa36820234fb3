using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.CheckIns;

/// <summary>Reads check-ins for the pages and the API.</summary>
internal static class CheckInReader
{
    /// <summary>The organisation's last <paramref name="take"/> check-ins, oldest first.</summary>
    public static async Task<List<CheckIn>> HistoryAsync(IncubatorDbContext db, string organisationId, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<CheckIn>().AsNoTracking().Where(c => c.OrganisationId == organisationId)
            .OrderByDescending(c => c.PeriodStart).Take(take).ToListAsync(cancellationToken);
        rows.Reverse();
        return rows;
    }
}
