using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Mentoring;

/// <summary>The names of the organisations and mentors a page lists, read for those ids only.</summary>
internal static class MentoringNames
{
    public static async Task<Dictionary<string, string>> OrganisationsAsync(IncubatorDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = await db.Startups.AsNoTracking().Where(s => s.Latest && ids.Contains(s.ContentItemId)).Select(s => new { s.ContentItemId, s.Title }).ToListAsync(cancellationToken);
        names.AddRange(await db.Enterprises.AsNoTracking().Where(s => s.Latest && ids.Contains(s.ContentItemId)).Select(s => new { s.ContentItemId, s.Title }).ToListAsync(cancellationToken));
        return names.DistinctBy(n => n.ContentItemId).ToDictionary(n => n.ContentItemId, n => n.Title, StringComparer.Ordinal);
    }

    public static async Task<Dictionary<string, string>> MentorsAsync(IncubatorDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = await db.Mentors.AsNoTracking().Where(m => m.Latest && ids.Contains(m.ContentItemId)).Select(m => new { m.ContentItemId, m.Title }).ToListAsync(cancellationToken);
        return names.DistinctBy(n => n.ContentItemId).ToDictionary(n => n.ContentItemId, n => n.Title, StringComparer.Ordinal);
    }

    /// <summary>The localisation key naming a status: a fixed map.</summary>
    public static string StatusLabel(MatchStatus status) => status switch
    {
        MatchStatus.Requested => "Waiting for the mentor",
        MatchStatus.Active => "Active",
        MatchStatus.Declined => "Declined",
        _ => "Match ended",
    };
}
