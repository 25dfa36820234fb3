using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>A registration with its event, as the ticket page, the QR image and the lists show it.</summary>
internal sealed record RegistrationWithEvent(EventRegistration Registration, Event Event);

/// <summary>Reads registrations for their holders: by id with a ticket token or the account, and a user's own list.</summary>
internal sealed class RegistrationReader(IncubatorDbContext db, RegistrationTokens tokens)
{
    public const int MaxMine = 200;

    /// <summary>The registration when the caller holds it: the ticket token, or the account it belongs to or was made by.</summary>
    public async Task<RegistrationWithEvent?> FindAsync(string id, string? token, string? userId, CancellationToken cancellationToken)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null || !(tokens.IsTicket(token, id) || (userId is not null && (registration.UserId == userId || registration.RegisteredBy == userId))))
        {
            return null;
        }

        var item = await LatestEventAsync(registration.EventId, cancellationToken);
        return item is null ? null : new RegistrationWithEvent(registration, item);
    }

    /// <summary>The user's registrations and those they made, upcoming events first (soonest first), then past ones (latest first).</summary>
    public async Task<List<RegistrationWithEvent>> MineAsync(string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = await (from r in db.Set<EventRegistration>().AsNoTracking()
                          join e in db.Set<Event>().AsNoTracking() on r.EventId equals e.ContentItemId
                          where (r.UserId == userId || r.RegisteredBy == userId) && e.Latest && e.DeletedUtc == null
                          orderby e.EndsUtc < nowUtc, e.StartsUtc, r.Id
                          select new { r, e }).Take(MaxMine).ToListAsync(cancellationToken);
        var upcoming = rows.Where(x => x.e.EndsUtc >= nowUtc).Select(x => new RegistrationWithEvent(x.r, x.e));
        var past = rows.Where(x => x.e.EndsUtc < nowUtc).OrderByDescending(x => x.e.StartsUtc).Select(x => new RegistrationWithEvent(x.r, x.e));
        return [.. upcoming, .. past];
    }

    private Task<Event?> LatestEventAsync(string eventId, CancellationToken cancellationToken) =>
        db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == eventId && e.Latest && e.DeletedUtc == null, cancellationToken);
}
