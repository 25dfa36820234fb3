using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Backup;

/// <summary>What asking for a backup now led to.</summary>
internal enum BackupStart
{
    Started,
    NoFolder,
    Busy,
}

/// <summary>
/// Backups into <c>Backup:Folder</c>, from the back office ("take a backup now", run in the background on this
/// instance) and from the daily schedule (<see cref="BackupScheduleService"/>). Both take the "backup" job lease
/// first, so one backup runs at a time across every instance over the database, and the daily one runs once a day
/// whichever instance is first. An archive is written under a hidden name and renamed when whole, so the folder's
/// listing and the download never see half an archive; after a successful backup the oldest archives beyond
/// <c>Backup:Keep</c> are deleted. The outcome is recorded with the lease for the pages to show.
/// </summary>
internal sealed class BackupJobs(
    IServiceScopeFactory scopes, IOptions<BackupOptions> options, IHostEnvironment environment, SiteInstance instance, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<BackupJobs> logger)
{
    public const string LeaseName = "backup";
    private const string Prefix = "incubator-";

    /// <summary>
    /// How long a backup holds the lease between renewals: a running backup renews it every <see cref="Renewal"/>, however
    /// long it takes, and an instance that stopped mid-backup frees the job when it lapses.
    /// </summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan Renewal = TimeSpan.FromMinutes(5);

    /// <summary>How long after a failed daily backup the schedule tries again (the same day, until one succeeds).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private Task _running = Task.CompletedTask;

    /// <summary>The backup folder as a full path, or null when none is set.</summary>
    public string? Folder { get; } = options.Value.FullFolder(environment);

    public BackupOptions Settings => options.Value;

    /// <summary>Whether this instance is writing a backup started from the back office.</summary>
    public bool IsRunningHere
    {
        get
        {
            lock (_lock)
            {
                return !_running.IsCompleted;
            }
        }
    }

    /// <summary>Waits for the backup started from the back office on this instance, if any (for the tests).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            return _running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Starts a backup in the background unless no folder is set or a backup runs here or on another instance.</summary>
    public async Task<BackupStart> StartNowAsync(CancellationToken cancellationToken)
    {
        if (Folder is null)
        {
            return BackupStart.NoFolder;
        }

        if (IsRunningHere)
        {
            return BackupStart.Busy;
        }

        JobLease? claim;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            claim = await JobLeases.TryClaimAsync(db, LeaseName, instance.Id, clock.GetUtcNow().UtcDateTime, Lease, null, cancellationToken);
        }

        if (claim is null)
        {
            return BackupStart.Busy;
        }

        lock (_lock)
        {
            _running = Task.Run(() => RunClaimedAsync(claim, "manual", lifetime.ApplicationStopping), CancellationToken.None);
        }

        return BackupStart.Started;
    }

    /// <summary>
    /// Runs the daily backup when it is due: the schedule's time of today (Vietnam time) has passed and no backup
    /// ended since then. Returns the run, or null when it was not due or another instance holds the lease.
    /// </summary>
    public async Task<BackupRun?> RunScheduledIfDueAsync(CancellationToken cancellationToken)
    {
        if (Folder is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var local = VietnamTime.ToLocal(now);
        var dueLocal = DateTime.SpecifyKind(local.Date + Settings.Schedule.ToTimeSpan(), DateTimeKind.Unspecified);
        if (local < dueLocal)
        {
            return null;
        }

        var due = TimeZoneInfo.ConvertTimeToUtc(dueLocal, VietnamTime.Zone);
        JobLease? claim;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();

            // A run since the due time counts as today's backup unless it failed: then the schedule tries again an
            // hour after it ended (a full disk freed, a database back), still at most one run at a time.
            var notRunSince = due;
            var lease = await JobLeases.ReadAsync(db, LeaseName, cancellationToken);
            if (lease?.LastRunUtc is { } lastRun && lastRun >= due && BackupRun.FromJson(lease.LastResult) is { Succeeded: false })
            {
                if (now < lastRun + RetryAfter)
                {
                    return null;
                }

                notRunSince = lastRun.AddTicks(1);
            }

            claim = await JobLeases.TryClaimAsync(db, LeaseName, instance.Id, now, Lease, notRunSince, cancellationToken);
        }

        return claim is null ? null : await RunClaimedAsync(claim, "scheduled", cancellationToken);
    }

    /// <summary>The backup lease as it stands: who runs a backup now, and how the last one ended.</summary>
    public async Task<(JobLease? Lease, BackupRun? Last)> StatusAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var lease = await JobLeases.ReadAsync(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>(), LeaseName, cancellationToken);
        return (lease, BackupRun.FromJson(lease?.LastResult));
    }

    /// <summary>The archives in the folder, newest first (their names carry the time they were taken).</summary>
    public IReadOnlyList<BackupArchiveFile> List()
    {
        if (Folder is null || !System.IO.Directory.Exists(Folder))
        {
            return [];
        }

        return new DirectoryInfo(Folder).EnumerateFiles(Prefix + "*")
            .Where(f => f.Name.EndsWith(".zip", StringComparison.Ordinal) || f.Name.EndsWith(".tar.gz", StringComparison.Ordinal))
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .Select(f => new BackupArchiveFile(f.Name, f.FullName, f.Length, f.LastWriteTimeUtc))
            .ToList();
    }

    /// <summary>The archive of the folder's listing named exactly <paramref name="name"/>; never a path built from it.</summary>
    public BackupArchiveFile? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : List().FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    private async Task<BackupRun> RunClaimedAsync(JobLease claim, string trigger, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var name = Prefix + VietnamTime.ToLocal(started).ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture) + ".zip";
        var target = Path.Combine(Folder!, name);

        // Written under a hidden name that the listing skips, and renamed once whole.
        var partial = Path.Combine(Folder!, ".partial-" + name);
        BackupRun run;
        try
        {
            System.IO.Directory.CreateDirectory(Folder!);
            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewals = RenewWhileRunningAsync(claim, renewing);
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(partial, Settings.IncludeAttachments, renewing.Token);
            }
            catch (OperationCanceledException) when (renewing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Only a lost lease cancels the backup from inside.
                throw new BackupException("The backup lease was lost to another instance; this backup stopped.");
            }
            finally
            {
                await renewing.CancelAsync();
                await renewals;
            }

            File.Move(partial, target);
            run = new BackupRun(trigger, started, clock.GetUtcNow().UtcDateTime, name, new FileInfo(target).Length, null);
            logger.LogInformation("Backup ({Trigger}) written to {File}: {Bytes} bytes.", trigger, target, run.Bytes);
            Prune();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The site is stopping: the run is recorded as cut short and the lease freed, not left to lapse.
            logger.LogWarning("Backup ({Trigger}) into {Folder} was cut short: the site is stopping.", trigger, Folder);
            DeletePartial(partial);
            run = new BackupRun(trigger, started, clock.GetUtcNow().UtcDateTime, null, 0, "The site stopped during the backup.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Backup ({Trigger}) into {Folder} failed.", trigger, Folder);
            DeletePartial(partial);
            var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            run = new BackupRun(trigger, started, clock.GetUtcNow().UtcDateTime, null, 0, error);
        }

        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            if (!await JobLeases.ReleaseAsync(db, claim, run.FinishedUtc, run.ToJson(), CancellationToken.None))
            {
                logger.LogWarning("The backup lease lapsed before backup {File} ended; its outcome is not recorded.", name);
            }
        }

        return run;
    }

    /// <summary>
    /// Renews the lease every <see cref="Renewal"/> until the backup ends (<paramref name="running"/> is cancelled).
    /// When the lease was lost anyway (this instance stalled past it and another took the job), it cancels
    /// <paramref name="running"/>, so that the backup stops rather than two running, and returns.
    /// </summary>
    private async Task RenewWhileRunningAsync(JobLease claim, CancellationTokenSource running)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Renewal, clock, running.Token);
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
                if (!await JobLeases.RenewAsync(db, claim, clock.GetUtcNow().UtcDateTime + Lease, running.Token))
                {
                    logger.LogWarning("The backup lease was lost to another instance; this backup stops.");
                    await running.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // The backup ended; renewing ends with it.
        }
    }

    private static void DeletePartial(string partial)
    {
        if (File.Exists(partial))
        {
            File.Delete(partial);
        }
    }

    /// <summary>Deletes the oldest archives beyond <c>Backup:Keep</c>.</summary>
    private void Prune()
    {
        foreach (var old in List().Skip(Settings.Keep))
        {
            File.Delete(old.Path);
            logger.LogInformation("Deleted the old backup {File} (Backup:Keep is {Keep}).", old.Path, Settings.Keep);
        }
    }
}
