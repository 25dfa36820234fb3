using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>Whether each of some people's newest newsletter consent is given (absent: never asked), read for a page or a chunk of rows.</summary>
internal static class SegmentConsents
{
    public static async Task<Dictionary<string, bool>> ReadAsync(IncubatorDbContext db, IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personIds);
        var rows = await db.Set<PersonConsent>().AsNoTracking()
            .Where(c => personIds.Contains(c.PersonId) && c.Purpose == PersonConsent.Newsletter)
            .Select(c => new { c.PersonId, c.Given, c.AtUtc, c.Id }).ToListAsync(cancellationToken);
        return rows.GroupBy(c => c.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).First().Given, StringComparer.Ordinal);
    }
}
