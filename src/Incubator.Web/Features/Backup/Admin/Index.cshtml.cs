using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Backup.Admin;

/// <summary>
/// /admin/backups (administrators): take a backup now (in the background on this instance, one at a time across
/// instances), the archives in <c>Backup:Folder</c> with their size and time and a download, the last backup's
/// outcome, and the backup settings. An archive holds every account and the site's keys, so only administrators
/// see or download one, and a download names a file of the folder's listing, never a path.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[AllowedFor(Policies.Administration)] // Taking a backup is the administrators' alone, like reading one.
internal sealed class IndexModel(BackupJobs jobs, TimeProvider clock, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public BackupOptions Settings => jobs.Settings;
    public string? Folder => jobs.Folder;
    public IReadOnlyList<BackupArchiveFile> Archives { get; private set; } = [];
    public BackupRun? Last { get; private set; }

    /// <summary>The instance running a backup now, on this one or another; null when none runs.</summary>
    public string? RunningOn { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (lease, last) = await jobs.StatusAsync(cancellationToken);
        Last = last;
        RunningOn = lease is { Owner: { } owner, LeasedUntilUtc: { } until } && until > clock.GetUtcNow().UtcDateTime ? owner : null;
        Archives = jobs.List();
    }

    public async Task<IActionResult> OnPostBackupAsync(CancellationToken cancellationToken)
    {
        Message = (await jobs.StartNowAsync(cancellationToken) switch
        {
            BackupStart.Started => localizer["The backup has started. Reload this page to see when it is done."],
            BackupStart.NoFolder => localizer["No backup folder is set (Backup:Folder); set one to take backups here."],
            _ => localizer["A backup is already running; wait for it to end."],
        }).Value;
        return RedirectToPage();
    }

    public IActionResult OnGetDownload(string? file) =>
        jobs.Find(file) is { } archive
            ? PhysicalFile(archive.Path, archive.Name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "application/gzip", archive.Name)
            : NotFound();
}
