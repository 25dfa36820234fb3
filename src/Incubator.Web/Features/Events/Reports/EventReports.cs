using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Reports;

/// <summary>One line of a breakdown: a code ("female", a locality's code, "startup"; <see cref="EventReports.Unknown"/>), its name and its count.</summary>
internal sealed record Breakdown(string Key, string Label, int Count);

/// <summary>
/// One event's figures. Registered: confirmed (holding a seat, attended or not); attended: checked in; no-show: confirmed,
/// not checked in, once the event has ended. The breakdowns count the registered participants.
/// </summary>
internal sealed record EventFigures(
    int Registered, int Waitlisted, int Pending, int Cancelled, int Attended, int NoShow, bool Ended,
    IReadOnlyList<Breakdown> Genders, IReadOnlyList<Breakdown> Localities, IReadOnlyList<Breakdown> OrganisationKinds);

/// <summary>One event of a period with its figures.</summary>
internal sealed record PeriodEvent(string Slug, string Title, string Kind, DateTime StartsUtc, int Registered, int Waitlisted, int Attended, int NoShow);

/// <summary>A period's figures: the events that started in it, by kind, their participants and the organisations they reached.</summary>
internal sealed record PeriodFigures(
    DateOnly From, DateOnly To, IReadOnlyList<Breakdown> EventsByKind, IReadOnlyList<PeriodEvent> Events, int Registered, int Attended, int Organisations, bool Truncated);

/// <summary>
/// The events' reports for staff. Counts are grouped in the database; a period lists at most <see cref="MaxEvents"/>
/// events (its totals count them all).
/// </summary>
internal sealed class EventReports(IncubatorDbContext db, ContentTypeRegistry types, TaxonomyService taxonomies, TimeProvider clock)
{
    public const string Unknown = "unknown";
    public const int MaxEvents = 500;

    public async Task<EventFigures> ForEventAsync(Event item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var now = clock.GetUtcNow().UtcDateTime;
        var registrations = db.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == item.ContentItemId);
        var counts = await registrations.GroupBy(r => new { r.Status, Attended = r.CheckedInUtc != null })
            .Select(g => new { g.Key.Status, g.Key.Attended, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(RegistrationStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var ended = item.EndsUtc <= now;
        var confirmedNotAttended = counts.Where(c => c.Status == RegistrationStatus.Confirmed && !c.Attended).Sum(c => c.Count);

        var registered = registrations.Where(r => r.Status == RegistrationStatus.Confirmed);
        var people = from r in registered
                     join p in db.Set<Person>() on r.PersonId equals p.Id into linked
                     from p in linked.DefaultIfEmpty()
                     select new { Gender = (PersonGender?)p!.Gender, Locality = p!.Locality };
        var genders = await people.GroupBy(x => x.Gender).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var localities = await people.GroupBy(x => x.Locality).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var localityCodes = localities.Where(l => l.Key is not null).OrderByDescending(l => l.Count).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();
        var localityNames = await taxonomies.NamesAsync(TaxonomyTerm.Localities, localityCodes.Select(l => l.Key!), cancellationToken);

        return new EventFigures(
            Count(RegistrationStatus.Confirmed), Count(RegistrationStatus.Waitlisted), Count(RegistrationStatus.PendingConfirmation), Count(RegistrationStatus.Cancelled),
            counts.Where(c => c.Attended).Sum(c => c.Count), ended ? confirmedNotAttended : 0, ended,
            [
                .. PersonCodes.Genders.Select(g => new Breakdown(g.Code, g.Label, genders.Where(x => x.Key == g.Gender).Sum(x => x.Count))),
                new Breakdown(Unknown, "Unknown", genders.Where(x => x.Key is null).Sum(x => x.Count)),
            ],
            [
                .. localityCodes.Select((l, i) => new Breakdown(l.Key!, localityNames[i], l.Count)),
                new Breakdown(Unknown, "Unknown", localities.Where(x => x.Key is null).Sum(x => x.Count)),
            ],
            await OrganisationKindsAsync(registered, cancellationToken));
    }

    /// <summary>The registered participants by the directory type of their organisation (startup, S&amp;T enterprise, organisation...).</summary>
    private async Task<IReadOnlyList<Breakdown>> OrganisationKindsAsync(IQueryable<EventRegistration> registered, CancellationToken cancellationToken)
    {
        var lines = new List<Breakdown>();
        var known = 0;
        foreach (var type in types.Directory)
        {
            var ids = type.Query(db).Where(x => x.Latest && x.DeletedUtc == null).Select(x => x.ContentItemId);
            var count = await registered.CountAsync(r => r.OrganisationId != null && ids.Contains(r.OrganisationId), cancellationToken);
            known += count;
            lines.Add(new Breakdown(type.Name, type.DisplayName, count));
        }

        lines.Add(new Breakdown(Unknown, "No organisation", await registered.CountAsync(cancellationToken) - known));
        return lines;
    }

    /// <summary>The published events that start from <paramref name="from"/> to <paramref name="to"/> (Vietnam dates, both included).</summary>
    public async Task<PeriodFigures> ForPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), VietnamTime.Zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Zone);
        var now = clock.GetUtcNow().UtcDateTime;
        var events = db.Set<Event>().AsNoTracking().Where(e => e.Published && e.DeletedUtc == null && e.StartsUtc >= fromUtc && e.StartsUtc < toUtc);
        var byKind = await events.GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var list = await events.OrderBy(e => e.StartsUtc).ThenBy(e => e.Id).Take(MaxEvents + 1)
            .Select(e => new { e.ContentItemId, e.Slug, e.Title, e.Kind, e.StartsUtc, e.EndsUtc }).ToListAsync(cancellationToken);
        var ids = list.Take(MaxEvents).Select(e => e.ContentItemId).ToList();
        var counts = await db.Set<EventRegistration>().AsNoTracking().Where(r => ids.Contains(r.EventId))
            .GroupBy(r => new { r.EventId, r.Status, Attended = r.CheckedInUtc != null })
            .Select(g => new { g.Key.EventId, g.Key.Status, g.Key.Attended, Count = g.Count() }).ToListAsync(cancellationToken);

        var eventIds = events.Select(e => e.ContentItemId);
        var inPeriod = db.Set<EventRegistration>().AsNoTracking().Where(r => eventIds.Contains(r.EventId));
        var registered = await inPeriod.CountAsync(r => r.Status == RegistrationStatus.Confirmed, cancellationToken);
        var attended = await inPeriod.CountAsync(r => r.CheckedInUtc != null, cancellationToken);
        var organisations = await inPeriod.Where(r => r.CheckedInUtc != null && r.OrganisationId != null).Select(r => r.OrganisationId).Distinct().CountAsync(cancellationToken);

        var kinds = EventKinds.All.Concat(byKind.Select(k => k.Key).Where(k => !EventKinds.All.Contains(k)).Order(StringComparer.Ordinal));
        return new PeriodFigures(
            from, to, [.. kinds.Select(k => new Breakdown(k, KindLabel(k), byKind.Where(x => x.Key == k).Sum(x => x.Count)))],
            [.. list.Take(MaxEvents).Select(e =>
            {
                var mine = counts.Where(c => c.EventId == e.ContentItemId).ToList();
                var confirmed = mine.Where(c => c.Status == RegistrationStatus.Confirmed).Sum(c => c.Count);
                var present = mine.Where(c => c.Attended).Sum(c => c.Count);
                var noShow = e.EndsUtc <= now ? mine.Where(c => c.Status == RegistrationStatus.Confirmed && !c.Attended).Sum(c => c.Count) : 0;
                return new PeriodEvent(e.Slug, e.Title, e.Kind, e.StartsUtc, confirmed, mine.Where(c => c.Status == RegistrationStatus.Waitlisted).Sum(c => c.Count), present, noShow);
            })],
            registered, attended, organisations, list.Count > MaxEvents);
    }

    /// <summary>The English key of an event kind's name; a kind added to the taxonomy is shown by its code.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        EventKinds.Training => "Training",
        EventKinds.Workshop => "Workshop",
        EventKinds.Networking => "Networking",
        EventKinds.DemoDay => "Demo day",
        EventKinds.TechFair => "Technology fair",
        EventKinds.Contest => "Contest",
        _ => kind,
    };
}
