using System.Globalization;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// The command line: <c>backup create &lt;file&gt; [--include-attachments]</c> writes an archive (.zip or .tar.gz) of the
/// configured site while it may be serving; <c>backup verify &lt;file&gt;</c> checks an archive against its manifest;
/// <c>restore &lt;file&gt; [--force]</c> puts an archive into the configured database and folders. Each prints what it did
/// and exits 0; a failure exits 1 with the reason on stderr, a usage error 2.
/// </summary>
public static class BackupCommand
{
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText = "Usage: backup create <file.zip|file.tar.gz> [--include-attachments] | backup verify <file> | restore <file> [--force]";

    public static bool IsCommand(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            switch (args)
            {
                case ["backup", "create", var file, .. var options] when options is [] or ["--include-attachments"]:
                    return await CreateAsync(app, file, options is ["--include-attachments"], output);
                case ["backup", "verify", var file]:
                    var manifest = await BackupVerifier.VerifyAsync(file, CancellationToken.None);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{Path.GetFullPath(file)} is intact: {manifest.Files.Count} entries match the manifest ({manifest.Tables.Sum(t => t.Rows)} rows in {manifest.Tables.Count} tables, {manifest.Provider}, migration {manifest.Migration}, taken {manifest.CreatedUtc:u})."));
                    return 0;
                case ["restore", var file, .. var options] when options is [] or ["--force"]:
                    return await RestoreAsync(app, file, options is ["--force"], output);
                default:
                    await error.WriteLineAsync(UsageText);
                    return Usage;
            }
        }
        catch (BackupException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return Failed;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The database or a folder refused (no such database, a full disk, no permission): the operator needs its words.
            await error.WriteLineAsync($"{(args[0] == "restore" ? "Restore" : "Backup")} failed: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> CreateAsync(WebApplication app, string file, bool includeAttachments, TextWriter output)
    {
        using var scope = app.Services.CreateScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(file, includeAttachments);
        var full = Path.GetFullPath(file);
        var files = manifest.Files.Count(f => f.Path.StartsWith("files/", StringComparison.Ordinal));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {manifest.Tables.Sum(t => t.Rows)} rows of {manifest.Tables.Count} tables ({manifest.Provider}, migration {manifest.Migration}) and {files} files{(includeAttachments ? string.Empty : " (attachments left out; add --include-attachments)")} to {full}: {new FileInfo(full).Length} bytes."));
        foreach (var missing in manifest.Missing)
        {
            await output.WriteLineAsync($"Not on disk, left out: {missing}");
        }

        return 0;
    }

    private static async Task<int> RestoreAsync(WebApplication app, string file, bool force, TextWriter output)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<BackupRestorer>().RestoreAsync(file, force);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Restored {result.Rows} rows of {result.Manifest.Tables.Count} tables and {result.Files} files from {Path.GetFullPath(file)} ({result.Manifest.Provider}, migration {result.Manifest.Migration}, taken {result.Manifest.CreatedUtc:u})."));
        if (result.LaterMigrations.Count > 0)
        {
            await output.WriteLineAsync($"Then applied {result.LaterMigrations.Count} later migrations: {string.Join(", ", result.LaterMigrations)}.");
        }

        await output.WriteLineAsync("The search index is queued for a full rebuild; it runs when the site starts.");
        return 0;
    }
}
