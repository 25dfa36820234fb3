using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Timeline;

/// <summary>
/// The names sources show as an entry's "by": each user's display name, or their e-mail when they gave none, read in
/// one query for all the ids of a page of entries.
/// </summary>
internal sealed class TimelineNames(IncubatorDbContext db)
{
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? string.Empty : u.DisplayName, StringComparer.Ordinal);
    }
}
