using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure.Observability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Operations.Admin;

/// <summary>
/// /admin/system (administrators): how the site is doing, for its operator: version, migration level, database and
/// files, free disk, the outboxes, the last backup and recipe run, the instances seen in the last minute, and a
/// warning for each thing that is off.
/// </summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class SystemModel(SystemOverview overview, TimeProvider clock, IOptions<HealthOptions> health, IStringLocalizer<SystemModel> localizer) : PageModel
{
    /// <summary>A backup older than this is warned about.</summary>
    public static readonly TimeSpan BackupAge = TimeSpan.FromDays(2);

    /// <summary>An unsent e-mail queued longer ago than this means delivery is behind or failing.</summary>
    public static readonly TimeSpan EmailDelay = TimeSpan.FromMinutes(15);

    public SystemReport Report { get; private set; } = null!;

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Report = await overview.ReadAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var warnings = new List<string>();
        if (Report.LastBackupRun is { Succeeded: false } failed)
        {
            warnings.Add(localizer["The last backup failed: {0}", failed.Error ?? string.Empty]);
        }

        if (Report.LastBackupUtc is not { } backup)
        {
            warnings.Add(Report.BackupFolderSet
                ? localizer["No backup has been taken yet."]
                : localizer["No backup has been taken yet, and no backup folder is set (Backup:Folder), so none is scheduled."]);
        }
        else if (now - backup > BackupAge)
        {
            warnings.Add(localizer["The last backup is older than 2 days."]);
        }

        if (Report.OldestUnsentEmailUtc is { } oldest && now - oldest > EmailDelay)
        {
            warnings.Add(localizer["E-mails are not going out: the oldest unsent one has waited more than 15 minutes."]);
        }

        // The same threshold (Health:MinFreeDiskPercent) as the readiness check's, so the page and the monitor agree.
        if (Report is { FreeBytes: { } free, TotalBytes: > 0 and var total } && health.Value.IsLow(100.0 * free / total))
        {
            warnings.Add(localizer["Less than {0}% of the disk is free.", health.Value.MinFreeDiskPercent]);
        }

        if (Report.Instances.Count == 0)
        {
            warnings.Add(localizer["No instance has written a heartbeat in the last minute."]);
        }

        Warnings = warnings;
    }

    /// <summary>A size in bytes for people: KB, MB, GB with one decimal.</summary>
    public static string Size(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "–";
        }

        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        var size = (double)value;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{value:N0} {units[0]}")
            : string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{size:N1} {units[unit]}");
    }
}
