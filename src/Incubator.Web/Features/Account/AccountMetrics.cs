using System.Diagnostics.Metrics;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Account;

/// <summary>
/// The account feature's instruments: refused password sign-ins (by reason) and the e-mail outbox's backlog, the
/// e-mails still to be delivered and how long the oldest has waited.
/// </summary>
internal sealed class AccountMetrics
{
    private readonly Counter<long> _signInFailures;
    private readonly CachedReading<Backlog> _outbox;
    private readonly TimeProvider _clock;

    public AccountMetrics(SiteMeter meter, IServiceScopeFactory scopes, TimeProvider clock, IOptions<MetricsOptions> options)
    {
        _clock = clock;
        _signInFailures = meter.Meter.CreateCounter<long>("incubator.sign_in.failures", description: "Password sign-ins refused (wrong password, unknown address, locked out, not allowed).");
        _outbox = new CachedReading<Backlog>(clock, options, () =>
        {
            using var scope = scopes.CreateScope();
            var pending = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>().OutboxEmails.AsNoTracking()
                .Where(e => e.SentUtc == null && e.Attempts < OutboxDeliveryService.MaxAttempts);
            return new Backlog(pending.Count(), pending.Min(e => (DateTime?)e.CreatedUtc));
        });
        meter.Meter.CreateObservableGauge("incubator.email.outbox.unsent", () => TryReadOutbox(out var backlog) ? [new Measurement<int>(backlog.Count)] : Array.Empty<Measurement<int>>(),
            description: "E-mails queued and not yet delivered (those still to be tried).");
        meter.Meter.CreateObservableGauge("incubator.email.outbox.oldest_age", () => TryReadOutbox(out var backlog) ? [new Measurement<double>(backlog.OldestAge(_clock.GetUtcNow().UtcDateTime).TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "How long the oldest undelivered e-mail has waited.");
    }

    /// <summary>The e-mail outbox's backlog, read at most once every few seconds; false when the database did not answer.</summary>
    internal bool TryReadOutbox(out Backlog backlog) => _outbox.TryGet(out backlog);

    public void SignInFailed(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
