using System.Diagnostics.Metrics;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Observability;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// Workflow timers: those due now and not yet fired (a number that stays up means the timer loop is stopped), and
/// those fired.
/// </summary>
internal sealed class WorkflowMetrics
{
    private readonly Counter<long> _fired;
    private readonly CachedReading<int> _due;

    public WorkflowMetrics(SiteMeter meter, IServiceScopeFactory scopes, TimeProvider clock, IOptions<MetricsOptions> options)
    {
        _fired = meter.Meter.CreateCounter<long>("incubator.workflow.timers.fired", description: "Workflow timers fired.");
        _due = new CachedReading<int>(clock, options, () =>
        {
            using var scope = scopes.CreateScope();
            var now = clock.GetUtcNow().UtcDateTime;
            return scope.ServiceProvider.GetRequiredService<IncubatorDbContext>().WorkflowInstances.AsNoTracking()
                .Count(i => i.NextDueUtc != null && i.NextDueUtc <= now && i.Status == WorkflowStatus.Waiting);
        });
        meter.Meter.CreateObservableGauge("incubator.workflow.timers.due", () => _due.TryGet(out var due) ? [new Measurement<int>(due)] : Array.Empty<Measurement<int>>(),
            description: "Workflow instances whose timer is due and has not fired yet.");
    }

    public void Fired(int count)
    {
        if (count > 0)
        {
            _fired.Add(count);
        }
    }
}
