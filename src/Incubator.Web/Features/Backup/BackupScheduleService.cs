using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// Looks every minute whether the daily backup is due (<see cref="BackupJobs.RunScheduledIfDueAsync"/>); off when no
/// <c>Backup:Folder</c> is set. Every instance looks, and the job lease lets one of them run it.
/// </summary>
internal sealed class BackupScheduleService(BackupJobs jobs, ILogger<BackupScheduleService> logger) : PeriodicBackgroundService(logger)
{
    protected override TimeSpan Interval => jobs.Folder is null ? TimeSpan.Zero : TimeSpan.FromMinutes(1);

    protected override Task TickAsync(CancellationToken cancellationToken) => jobs.RunScheduledIfDueAsync(cancellationToken);
}
