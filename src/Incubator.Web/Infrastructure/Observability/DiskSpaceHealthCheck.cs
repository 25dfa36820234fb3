using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure.Observability;

/// <summary>
/// Free space on the disks that hold the SQLite database and the stored-file folders (attachments, media): under
/// <c>Health:MinFreeDiskPercent</c> (10%) free is Degraded (time to act), under 2% Unhealthy (writes are about to fail).
/// </summary>
internal sealed class DiskSpaceHealthCheck(IncubatorDbContext db, IEnumerable<IStoredFileFolder> folders, IOptions<HealthOptions> options) : IHealthCheck
{

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var paths = folders.Select(f => (f.Name, f.Folder)).ToList();
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && file != ":memory:")
        {
            paths.Insert(0, ("database", Path.GetDirectoryName(Path.GetFullPath(file)) ?? file));
        }

        var data = new Dictionary<string, object>();
        var worst = HealthStatus.Healthy;
        var low = new List<string>();
        foreach (var (name, path) in paths)
        {
            if (FreeShare(path) is not { } free)
            {
                continue;
            }

            data[name + "FreePercent"] = Math.Round(free * 100, 1);
            var thresholds = options.Value;
            var status = thresholds.IsCritical(free * 100) ? HealthStatus.Unhealthy : thresholds.IsLow(free * 100) ? HealthStatus.Degraded : HealthStatus.Healthy;
            if (status != HealthStatus.Healthy)
            {
                low.Add(name);
            }

            worst = status < worst ? status : worst;
        }

        return Task.FromResult(new HealthCheckResult(worst, low.Count == 0 ? null : "Little free disk space for: " + string.Join(", ", low) + ".", data: data));
    }

    /// <summary>The free share of the drive holding <paramref name="path"/> (or its nearest existing parent, as a folder is made on first use).</summary>
    private static double? FreeShare(string path)
    {
        var existing = Path.GetFullPath(path);
        while (!System.IO.Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        try
        {
            var drive = new DriveInfo(existing);
            return drive.TotalSize > 0 ? (double)drive.AvailableFreeSpace / drive.TotalSize : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
