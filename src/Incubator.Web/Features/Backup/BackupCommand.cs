using System.Globalization;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// The <c>backup</c> command: <c>backup create &lt;file&gt; [--include-attachments]</c> writes an archive (.zip or
/// .tar.gz) of the configured site while it may be serving; <c>backup verify &lt;file&gt;</c> checks an archive against
/// its manifest. Each prints what it did and exits 0; a failure exits 1 with the reason on stderr, a usage error 2.
/// </summary>
internal sealed class BackupCommand : ISiteCommand
{
    public string Name => "backup";

    public string Summary => "Write a backup archive of the site's database and files, or check one against its manifest.";

    public IReadOnlyList<string> Forms { get; } =
    [
        "backup create <file.zip|file.tar.gz> [--include-attachments]",
        "backup verify <file.zip|file.tar.gz>",
    ];

    public bool Accepts(IReadOnlyList<string> arguments) =>
        arguments is ["create", _] or ["create", _, "--include-attachments"] or ["verify", _];

    public Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, TextWriter output, TextWriter errors)
    {
        return BackupFailures.GuardAsync("Backup", errors, () => arguments[0] == "create"
            ? CreateAsync(app, arguments[1], arguments.Count == 3, output)
            : VerifyAsync(arguments[1], output));
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

    private static async Task<int> VerifyAsync(string file, TextWriter output)
    {
        var manifest = await BackupVerifier.VerifyAsync(file, CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFullPath(file)} is intact: {manifest.Files.Count} entries match the manifest ({manifest.Tables.Sum(t => t.Rows)} rows in {manifest.Tables.Count} tables, {manifest.Provider}, migration {manifest.Migration}, taken {manifest.CreatedUtc:u})."));
        return 0;
    }
}
