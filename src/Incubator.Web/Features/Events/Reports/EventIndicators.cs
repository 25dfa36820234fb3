using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Reports;

/// <summary>
/// Published events as rows the targets count (source "events"): one per event, dated the day it starts (Vietnam time),
/// with its kind and locality; public events may be listed on the transparency page.
/// </summary>
internal sealed class EventIndicators(IncubatorDbContext db) : IIndicatorSource
{
    public string Name => "events";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<Event>().AsNoTracking().Where(e => e.Published && e.DeletedUtc == null)
            .Select(e => new { e.ContentItemId, e.Slug, e.Title, e.Kind, e.Locality, e.StartsUtc, e.Audience }).ToListAsync(cancellationToken);
        return [.. rows.Select(e => new IndicatorRow(e.ContentItemId, e.Title, DateOnly.FromDateTime(VietnamTime.ToLocal(e.StartsUtc)))
        {
            Link = EventContentTypes.Event.PublicUrl(e.Slug),
            Public = e.Audience == EventAudience.Public,
            Kind = e.Kind,
            Locality = e.Locality,
        })];
    }
}

/// <summary>
/// Event participants as rows the targets count (source "eventParticipants"): one per registration that holds a seat or
/// was checked in, dated the event's day, its kind the event's kind and its status "attended", "no-show" (the event has
/// ended without a check-in) or "registered"; the organisation is the participant's, the locality the person's when known,
/// else the event's. Personal data: never public. E.g. "≥ 50 individuals trained": count, kinds ["training"], statuses ["attended"].
/// </summary>
internal sealed class EventParticipantIndicators(IncubatorDbContext db, TimeProvider clock) : IIndicatorSource
{
    public const string Attended = "attended";
    public const string NoShow = "no-show";
    public const string Registered = "registered";

    public string Name => "eventParticipants";

    public async Task<IReadOnlyList<IndicatorRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (
            from r in db.Set<EventRegistration>().AsNoTracking()
            where r.Status == RegistrationStatus.Confirmed || r.CheckedInUtc != null
            join e in db.Set<Event>().AsNoTracking().Where(e => e.Latest && e.DeletedUtc == null) on r.EventId equals e.ContentItemId
            join p in db.Set<Person>().AsNoTracking() on r.PersonId equals p.Id into people
            from p in people.DefaultIfEmpty()
            select new { r.Id, r.Name, r.OrganisationId, r.CheckedInUtc, e.Title, e.Kind, e.StartsUtc, e.EndsUtc, EventLocality = e.Locality, PersonLocality = p!.Locality })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IndicatorRow(r.Id, $"{r.Name} — {r.Title}", DateOnly.FromDateTime(VietnamTime.ToLocal(r.StartsUtc)))
        {
            Kind = r.Kind,
            Status = r.CheckedInUtc is not null ? Attended : r.EndsUtc <= now ? NoShow : Registered,
            Organisation = r.OrganisationId,
            Locality = r.PersonLocality ?? r.EventLocality,
        })];
    }
}
