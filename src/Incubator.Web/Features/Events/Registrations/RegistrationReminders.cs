using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Events.Registrations;

/// <summary>
/// Reminds each confirmed registrant once, when their event starts within <see cref="RegistrationOptions.ReminderBefore"/>.
/// Safe with several instances over one database: a registration is claimed by one conditional update of its
/// <see cref="EventRegistration.ReminderSentUtc"/> in the same transaction as its e-mail, so only one instance sends it.
/// </summary>
internal sealed class RegistrationReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RegistrationOptions> options, ILogger<RegistrationReminderService> logger)
    : PeriodicBackgroundService(logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    /// <summary>One tick at <paramref name="nowUtc"/>; returns how many registrants this call reminded.</summary>
    public Task<int> TickAsync(DateTime nowUtc, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(token => SendAsync(nowUtc, token), cancellationToken);

    protected override Task TickAsync(CancellationToken cancellationToken) => SendAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<int> SendAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var until = nowUtc + options.Value.ReminderBefore;
        List<string> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            due = await (from r in db.Set<EventRegistration>().AsNoTracking()
                         join e in db.Set<Event>().AsNoTracking() on r.EventId equals e.ContentItemId
                         where r.Status == RegistrationStatus.Confirmed && r.ReminderSentUtc == null && e.Published && e.DeletedUtc == null
                               && e.StartsUtc > nowUtc && e.StartsUtc <= until
                         orderby e.StartsUtc, r.Id
                         select r.Id).Take(Batch).ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Set<EventRegistration>().Where(r => r.Id == id && r.ReminderSentUtc == null && r.Status == RegistrationStatus.Confirmed)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReminderSentUtc, nowUtc), cancellationToken);
            if (claimed != 1)
            {
                // Another instance reminded this registrant first.
                continue;
            }

            var registration = await db.Set<EventRegistration>().AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken);
            var item = await db.Set<Event>().AsNoTracking().FirstAsync(e => e.ContentItemId == registration.EventId && e.Published && e.DeletedUtc == null, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<RegistrationNotices>().ReminderAsync(item, registration, nowUtc, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sent++;
        }

        return sent;
    }
}
