using System.Diagnostics.Metrics;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Applications;

/// <summary>Support applications by status, one grouped count per read.</summary>
internal sealed class ApplicationMetrics
{
    private readonly CachedReading<IReadOnlyList<(string Status, int Count)>> _byStatus;

    public ApplicationMetrics(SiteMeter meter, IServiceScopeFactory scopes, TimeProvider clock, IOptions<MetricsOptions> options)
    {
        _byStatus = new CachedReading<IReadOnlyList<(string Status, int Count)>>(clock, options, () =>
        {
            using var scope = scopes.CreateScope();
            return [.. scope.ServiceProvider.GetRequiredService<IncubatorDbContext>().Applications.AsNoTracking()
                .GroupBy(a => a.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .AsEnumerable()
                .Select(g => (g.Status, g.Count))];
        });
        meter.Meter.CreateObservableGauge("incubator.applications", Measure, description: "Support applications by status.");
    }

    private IEnumerable<Measurement<int>> Measure() =>
        _byStatus.TryGet(out var counts) ? counts.Select(c => new Measurement<int>(c.Count, new KeyValuePair<string, object?>("status", c.Status))) : [];
}
