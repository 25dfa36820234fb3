using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Pages;

/// <summary>What the public list, the feed and the back office read of events: one page at a time, counted and cut in the database.</summary>
internal sealed class EventListing(IncubatorDbContext db, TaxonomyService taxonomies, EventSeatsReader seats)
{
    /// <summary>The most events the public feed carries: the next ones, soonest first.</summary>
    public const int FeedSize = 100;

    /// <summary>The furthest page a list goes to; nobody pages that far, and a bigger number must not make the database skip millions.</summary>
    public const int MaxPage = 1000;

    /// <summary>One event as a list shows it: its kind's and locality's names, and the seats left when it has a capacity.</summary>
    public sealed record Row(Event Event, string KindName, string? LocalityName, int? SeatsLeft);

    /// <summary>A page of rows and whether another follows.</summary>
    public sealed record Page(IReadOnlyList<Row> Rows, bool HasMore);

    /// <summary>The filters of the public list: a kind's code and a locality's code (which takes its communes too).</summary>
    public sealed record Filter(string? Kind, string? Locality, bool IncludeRestricted);

    /// <summary>Published events not over at <paramref name="nowUtc"/>, soonest first.</summary>
    public async Task<Page> UpcomingAsync(Filter filter, DateTime nowUtc, int page, int size, CancellationToken cancellationToken)
    {
        var query = (await PublishedAsync(filter, cancellationToken)).Where(e => e.EndsUtc >= nowUtc).OrderBy(e => e.StartsUtc).ThenBy(e => e.Id);
        return await PageAsync(query, page, size, cancellationToken);
    }

    /// <summary>Published events over at <paramref name="nowUtc"/>, the latest first.</summary>
    public async Task<Page> PastAsync(Filter filter, DateTime nowUtc, int page, int size, CancellationToken cancellationToken)
    {
        var query = (await PublishedAsync(filter, cancellationToken)).Where(e => e.EndsUtc < nowUtc).OrderByDescending(e => e.StartsUtc).ThenByDescending(e => e.Id);
        return await PageAsync(query, page, size, cancellationToken);
    }

    /// <summary>The next <see cref="FeedSize"/> published public events, for the iCal feed.</summary>
    public async Task<List<Event>> FeedAsync(DateTime nowUtc, CancellationToken cancellationToken) =>
        await db.Set<Event>().AsNoTracking()
            .Where(e => e.Published && e.DeletedUtc == null && e.Audience == EventAudience.Public && e.EndsUtc >= nowUtc)
            .OrderBy(e => e.StartsUtc).ThenBy(e => e.Id).Take(FeedSize).ToListAsync(cancellationToken);

    /// <summary>Rows for events already read (the back office's page).</summary>
    public async Task<List<Row>> RowsAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var taken = await seats.TakenAsync([.. events.Select(e => e.ContentItemId)], cancellationToken);
        var rows = new List<Row>(events.Count);
        foreach (var e in events)
        {
            rows.Add(new Row(
                e,
                await taxonomies.NameAsync(TaxonomyTerm.EventKinds, e.Kind, cancellationToken),
                e.Locality is null ? null : await taxonomies.NameAsync(TaxonomyTerm.Localities, e.Locality, cancellationToken),
                e.Capacity is { } capacity ? Math.Max(0, capacity - taken.GetValueOrDefault(e.ContentItemId)) : null));
        }

        return rows;
    }

    private async Task<IQueryable<Event>> PublishedAsync(Filter filter, CancellationToken cancellationToken)
    {
        var query = db.Set<Event>().AsNoTracking().Where(e => e.Published && e.DeletedUtc == null);
        if (!filter.IncludeRestricted)
        {
            query = query.Where(e => e.Audience == EventAudience.Public);
        }

        if (!string.IsNullOrEmpty(filter.Kind))
        {
            query = query.Where(e => e.Kind == filter.Kind);
        }

        if (!string.IsNullOrEmpty(filter.Locality))
        {
            var within = (await taxonomies.LocalitiesAsync(cancellationToken)).Within(filter.Locality).ToList();
            query = query.Where(e => e.Locality != null && within.Contains(e.Locality));
        }

        return query;
    }

    private async Task<Page> PageAsync(IQueryable<Event> query, int page, int size, CancellationToken cancellationToken)
    {
        var events = await query.Skip((Math.Clamp(page, 1, MaxPage) - 1) * size).Take(size + 1).ToListAsync(cancellationToken);
        var rows = await RowsAsync([.. events.Take(size)], cancellationToken);
        return new Page(rows, events.Count > size);
    }
}
