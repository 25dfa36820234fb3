namespace Incubator.Web.Features.Backup;

/// <summary>
/// The <c>Backup</c> settings: the folder scheduled and back-office backups go to (none: no scheduled backups), the
/// daily time they run at in Vietnam time, how many archives the folder keeps and whether they carry the attachments.
/// </summary>
internal sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>The folder of the archives, relative to the content root; unset turns the scheduled backup off.</summary>
    public string? Folder { get; set; }

    /// <summary>When the daily backup runs, in Vietnam time.</summary>
    public TimeOnly Schedule { get; set; } = new(2, 0);

    /// <summary>How many archives the folder keeps: after a successful backup the older ones beyond it are deleted.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>Whether the archives carry the applications' attachments (the media images always go in).</summary>
    public bool IncludeAttachments { get; set; } = true;

    /// <summary>The folder as a full path, or null when none is set.</summary>
    public string? FullFolder(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrWhiteSpace(Folder) ? null : Path.GetFullPath(Folder, environment.ContentRootPath);
    }

    internal static IEnumerable<string> Problems(BackupOptions options)
    {
        if (options.Keep < 1)
        {
            yield return $"Backup:Keep must be at least 1, not {options.Keep}.";
        }
    }
}
