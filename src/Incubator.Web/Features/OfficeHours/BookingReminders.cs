using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.OfficeHours;

/// <summary>
/// Reminds the startup's owner and the mentor of a booked session once, when it starts within 24 hours: in-app and by
/// e-mail. Safe with several instances over one database: the reminder is a <see cref="BookingReminder"/> row keyed by
/// the booking, saved with the notices, so the instance that loses the race saves and sends nothing.
/// </summary>
internal sealed class BookingReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OfficeHoursOptions> options, ILogger<BookingReminderService> logger)
    : PeriodicBackgroundService(logger)
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);
    private const int Batch = 200;

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    /// <summary>One tick at <paramref name="nowUtc"/>; returns how many bookings this call reminded.</summary>
    public Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(token => SendAsync(nowUtc, token), cancellationToken);

    protected override Task TickAsync(CancellationToken cancellationToken) => SendAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<int> SendAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        List<string> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var until = nowUtc + Ahead;
            due = await db.Set<MentorBooking>().AsNoTracking()
                .Where(b => b.CancelledUtc == null && b.StartsUtc > nowUtc && b.StartsUtc <= until && !db.Set<BookingReminder>().Any(r => r.BookingId == b.Id))
                .OrderBy(b => b.StartsUtc).Select(b => b.Id).Take(Batch).ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var id in due)
        {
            // Each reminder in its own scope and save: a race lost on one drops only that one.
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            var booking = await db.Set<MentorBooking>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.CancelledUtc == null, cancellationToken);
            if (booking is null)
            {
                continue;
            }

            db.Add(new BookingReminder { BookingId = id, SentUtc = nowUtc });
            await scope.ServiceProvider.GetRequiredService<BookingNotices>().ReminderAsync(booking, nowUtc, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (DbUpdateException)
            {
                // Another instance reminded of this booking first: nothing of ours was saved.
            }
        }

        return sent;
    }
}
