using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incubator.Web.Features.Account;

/// <summary>
/// Degraded when an e-mail has waited more than <see cref="DegradedAfter"/> to be delivered: the delivery loop is
/// stopped or the mail server refuses, and people are not getting their confirmation and reset e-mails.
/// </summary>
internal sealed class EmailOutboxHealthCheck(AccountMetrics metrics, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(15);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!metrics.TryReadOutbox(out var backlog))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The e-mail outbox could not be read."));
        }

        var age = backlog.OldestAge(clock.GetUtcNow().UtcDateTime);
        var data = new Dictionary<string, object> { ["unsent"] = backlog.Count, ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds) };
        return Task.FromResult(age > DegradedAfter
            ? HealthCheckResult.Degraded($"An e-mail has waited {age.TotalMinutes:0} minutes to be delivered.", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
