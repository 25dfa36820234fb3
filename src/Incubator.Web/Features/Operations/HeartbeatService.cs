using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Operations;

/// <summary>
/// Writes this instance's heartbeat every 15 seconds, so the system page can tell which instances run, and deletes
/// the heartbeats of instances not seen for a day (each instance does, which costs one indexed delete).
/// </summary>
internal sealed class HeartbeatService(IServiceScopeFactory scopes, SiteInstance instance, TimeProvider clock, ILogger<HeartbeatService> logger)
    : PeriodicBackgroundService(logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(1);

    protected override TimeSpan Interval => Every;

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = await db.Set<InstanceHeartbeat>().Where(h => h.InstanceId == instance.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.SeenUtc, now), cancellationToken);
        if (seen == 0)
        {
            db.Add(new InstanceHeartbeat
            {
                InstanceId = instance.Id,
                Machine = instance.Machine,
                ProcessId = instance.ProcessId,
                Version = SiteInstance.ProductVersion.Length > 200 ? SiteInstance.ProductVersion[..200] : SiteInstance.ProductVersion,
                StartedUtc = instance.StartedUtc,
                SeenUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var cutoff = now - Forgotten;
        await db.Set<InstanceHeartbeat>().Where(h => h.SeenUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
