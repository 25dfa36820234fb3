using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>One line of a report: who, how many sessions were held, their minutes, how many were rated and the mean stars.</summary>
internal sealed record HoursLine(string Key, string Name, int Sessions, int Minutes, int Ratings, double? MeanStars)
{
    public decimal Hours => Math.Round(Minutes / 60m, 1);
}

/// <summary>
/// Hours of held sessions and satisfaction per mentor, per startup and per cohort, grouped and summed in the database
/// (a session counts in a cohort when it started while the startup was its member). At most <see cref="MaxLines"/>
/// lines each, most hours first.
/// </summary>
internal sealed class OfficeHoursReports(IncubatorDbContext db, OrganisationAccess organisations)
{
    public const int MaxLines = 500;

    private IQueryable<MentorBooking> Held(string? mentorId)
    {
        var query = db.Set<MentorBooking>().AsNoTracking().Where(b => b.CancelledUtc == null && b.LoggedUtc != null && b.NoShow == null);
        return mentorId is null ? query : query.Where(b => b.MentorId == mentorId);
    }

    public async Task<List<HoursLine>> PerMentorAsync(string? mentorId, CancellationToken cancellationToken)
    {
        var rows = await Held(mentorId).GroupBy(b => b.MentorId)
            .Select(g => new { g.Key, Sessions = g.Count(), Minutes = g.Sum(b => b.MinutesSpent ?? 0), Ratings = g.Count(b => b.Stars != null), Mean = g.Average(b => (double?)b.Stars) })
            .OrderByDescending(r => r.Minutes).ThenBy(r => r.Key).Take(MaxLines).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Key).ToList();
        var names = await db.Mentors.AsNoTracking().Where(m => m.Latest && ids.Contains(m.ContentItemId))
            .Select(m => new { m.ContentItemId, m.Title }).ToDictionaryAsync(m => m.ContentItemId, m => m.Title, cancellationToken);
        return [.. rows.Select(r => new HoursLine(r.Key, names.GetValueOrDefault(r.Key) ?? r.Key, r.Sessions, r.Minutes, r.Ratings, Round(r.Mean)))];
    }

    public async Task<List<HoursLine>> PerStartupAsync(string? mentorId, CancellationToken cancellationToken)
    {
        var rows = await Held(mentorId).GroupBy(b => b.OrganisationId)
            .Select(g => new { g.Key, Sessions = g.Count(), Minutes = g.Sum(b => b.MinutesSpent ?? 0), Ratings = g.Count(b => b.Stars != null), Mean = g.Average(b => (double?)b.Stars) })
            .OrderByDescending(r => r.Minutes).ThenBy(r => r.Key).Take(MaxLines).ToListAsync(cancellationToken);
        var lines = new List<HoursLine>();
        foreach (var r in rows)
        {
            var name = await organisations.FindAsync(r.Key, cancellationToken) is var (_, profile) ? profile.Title : r.Key;
            lines.Add(new HoursLine(r.Key, name, r.Sessions, r.Minutes, r.Ratings, Round(r.Mean)));
        }

        return lines;
    }

    public async Task<List<HoursLine>> PerCohortAsync(string? mentorId, CancellationToken cancellationToken)
    {
        var rows = await (from b in Held(mentorId)
                          join m in db.Set<CohortMember>().AsNoTracking() on b.OrganisationId equals m.OrganisationId
                          join c in db.Set<Cohort>().AsNoTracking() on m.CohortId equals c.Id
                          where m.JoinedUtc <= b.StartsUtc && (m.EndedUtc == null || m.EndedUtc >= b.StartsUtc)
                          group b by new { c.Key, c.NameVi } into g
                          select new { g.Key.Key, g.Key.NameVi, Sessions = g.Count(), Minutes = g.Sum(b => b.MinutesSpent ?? 0), Ratings = g.Count(b => b.Stars != null), Mean = g.Average(b => (double?)b.Stars) })
            .OrderByDescending(r => r.Minutes).ThenBy(r => r.Key).Take(MaxLines).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new HoursLine(r.Key, r.NameVi, r.Sessions, r.Minutes, r.Ratings, Round(r.Mean)))];
    }

    private static double? Round(double? mean) => mean is { } m ? Math.Round(m, 2) : null;
}
