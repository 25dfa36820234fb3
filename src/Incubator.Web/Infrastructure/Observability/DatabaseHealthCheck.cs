using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>One round trip to the database: a query, not only an open connection.</summary>
internal sealed class DatabaseHealthCheck(IncubatorDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = await db.SiteSettings.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["provider"] = db.Database.ProviderName ?? string.Empty });
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
    }
}
