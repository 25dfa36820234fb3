using System.Globalization;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// The <c>restore</c> command: <c>restore &lt;file&gt; [--force]</c> puts an archive into the configured database and
/// folders (an empty database, or any with <c>--force</c>), then runs the later migrations. Run it with the site stopped.
/// </summary>
internal sealed class RestoreCommand : ISiteCommand
{
    public string Name => "restore";

    public string Summary => "Restore a backup archive into the configured database and folders (with --force over existing data).";

    public IReadOnlyList<string> Forms { get; } = ["restore <file.zip|file.tar.gz> [--force]"];

    public bool Accepts(IReadOnlyList<string> arguments) => arguments is [_] or [_, "--force"];

    public Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, TextWriter output, TextWriter errors)
    {
        return BackupFailures.GuardAsync("Restore", errors, () => RestoreAsync(app, arguments[0], arguments.Count == 2, output));
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

        await output.WriteLineAsync("Every instance rebuilds its search index when the site starts.");
        return 0;
    }
}
