using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure.Storage;

/// <summary>
/// At start and then every <see cref="StorageOptions.SweepInterval"/>, removes from every registered folder the partial
/// files (<c>.part</c>) and the stored files no row points at, once they are older than
/// <see cref="StorageOptions.OrphanAge"/>. The stores write a file durably before its row commits and delete it only
/// after the row is gone, so a crash leaves at most such files, never a row without its file; the age keeps the sweep
/// from taking a file whose row is being committed right now. Several instances may sweep at once: deleting twice is
/// harmless. Every removal is logged.
/// </summary>
internal sealed class StoredFileSweeper(IEnumerable<IStoredFileFolder> folders, IServiceScopeFactory scopes, IOptions<StorageOptions> options, TimeProvider clock, ILogger<StoredFileSweeper> logger)
    : PeriodicBackgroundService(logger)
{
    internal const string PartialExtension = ".part";

    private const int Batch = 500;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override async Task TickAsync(CancellationToken cancellationToken) => await SweepAsync(cancellationToken);

    /// <summary>Sweeps every folder now; returns the names removed, per folder.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> SweepNowAsync(CancellationToken cancellationToken = default) =>
        ExclusiveAsync(SweepAsync, cancellationToken);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> SweepAsync(CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.OrphanAge;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var folder in folders)
        {
            removed[folder.Name] = await SweepFolderAsync(folder, scope.ServiceProvider, cutoff, cancellationToken);
        }

        return removed;
    }

    private async Task<IReadOnlyList<string>> SweepFolderAsync(IStoredFileFolder folder, IServiceProvider services, DateTime cutoff, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        if (!System.IO.Directory.Exists(folder.Folder))
        {
            return removed;
        }

        var candidates = new List<string>();
        foreach (var file in new DirectoryInfo(folder.Folder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc > cutoff)
            {
                continue;
            }

            if (file.Name.EndsWith(PartialExtension, StringComparison.Ordinal))
            {
                Remove(folder, file.Name, "an unfinished write", removed);
            }
            else if (folder.IsStoredName(file.Name))
            {
                candidates.Add(file.Name);
            }
        }

        foreach (var chunk in candidates.Chunk(Batch))
        {
            var referenced = await folder.ReferencedAsync(services, chunk, cancellationToken);
            foreach (var name in chunk.Where(n => !referenced.Contains(n)))
            {
                Remove(folder, name, "no row points at it", removed);
            }
        }

        return removed;
    }

    private void Remove(IStoredFileFolder folder, string name, string reason, List<string> removed)
    {
        try
        {
            File.Delete(Path.Combine(folder.Folder, name));
            removed.Add(name);
            logger.LogInformation("Removed {Name} from the {Folder} folder: {Reason}.", name, folder.Name, reason);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove {Name} from the {Folder} folder; the next sweep retries.", name, folder.Name);
        }
    }
}
