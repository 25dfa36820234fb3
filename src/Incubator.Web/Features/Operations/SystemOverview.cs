using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Backup;
using Incubator.Web.Features.Media;
using Incubator.Web.Features.Setup;
using Incubator.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Operations;

/// <summary>What the system page shows, read in one go.</summary>
internal sealed record SystemReport
{
    public required string Version { get; init; }
    public required string Provider { get; init; }
    public string? Migration { get; init; }
    public long? DatabaseBytes { get; init; }
    public long AttachmentsBytes { get; init; }
    public long MediaBytes { get; init; }
    public long? FreeBytes { get; init; }
    public long? TotalBytes { get; init; }
    public int UnsentEmails { get; init; }
    public DateTime? OldestUnsentEmailUtc { get; init; }
    /// <summary>Outbox rows this instance's search index has not applied yet.</summary>
    public int SearchBacklog { get; init; }

    /// <summary>Every live instance's search index as it last reported it.</summary>
    public IReadOnlyList<Incubator.Search.SearchCheckpoint> SearchIndexes { get; init; } = [];
    public BackupRun? LastBackupRun { get; init; }
    public BackupArchiveFile? NewestArchive { get; init; }
    public bool BackupFolderSet { get; init; }
    public (string Recipe, DateTime AtUtc)? LastRecipeRun { get; init; }
    public IReadOnlyList<InstanceHeartbeat> Instances { get; init; } = [];

    /// <summary>When the last successful backup was taken: the recorded run or the newest archive, whichever is newer.</summary>
    public DateTime? LastBackupUtc =>
        new[] { LastBackupRun is { Succeeded: true } run ? run.FinishedUtc : (DateTime?)null, NewestArchive?.WrittenUtc }.Max();
}

/// <summary>
/// Gathers the operator's figures: the version and the database's migration level and size, the files' folders and
/// the free disk under them, the outboxes' backlogs, the last backup and recipe run, and the live instances.
/// </summary>
internal sealed class SystemOverview(
    IncubatorDbContext db, DatabaseInfo database, MediaStore media, AttachmentStore attachments, BackupJobs backups, RecipeRunner recipes,
    Incubator.Search.LuceneSearchIndex searchIndex, TimeProvider clock)
{
    /// <summary>Instances whose heartbeat is older than this are not counted as running.</summary>
    public static readonly TimeSpan Live = TimeSpan.FromMinutes(1);

    public async Task<SystemReport> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var migration = (await db.Database.SqlQueryRaw<string>("SELECT \"Id\" AS \"Value\" FROM \"__incubator_migrations\" ORDER BY \"Id\" DESC LIMIT 1")
            .ToListAsync(cancellationToken)).FirstOrDefault();
        var unsent = db.OutboxEmails.Where(e => e.SentUtc == null);
        var (_, lastRun) = await backups.StatusAsync(cancellationToken);
        var recipeRuns = await recipes.LastRunsAsync(cancellationToken);
        var since = now - Live;
        var drive = FreeSpace(attachments.Folder);
        var archives = backups.List();
        return new SystemReport
        {
            Version = SiteInstance.ProductVersion,
            Provider = database.Provider.ToString(),
            Migration = migration,
            DatabaseBytes = await DatabaseBytesAsync(cancellationToken),
            AttachmentsBytes = FolderBytes(attachments.Folder),
            MediaBytes = FolderBytes(media.Folder),
            FreeBytes = drive?.Free,
            TotalBytes = drive?.Total,
            UnsentEmails = await unsent.CountAsync(cancellationToken),
            OldestUnsentEmailUtc = await unsent.OrderBy(e => e.CreatedUtc).Select(e => (DateTime?)e.CreatedUtc).FirstOrDefaultAsync(cancellationToken),
            SearchBacklog = await Incubator.Search.SearchOutboxReader.Past(db, searchIndex.Checkpoint).CountAsync(cancellationToken),
            SearchIndexes = await db.Set<Incubator.Search.SearchCheckpoint>().AsNoTracking().Where(c => c.UpdatedUtc >= since)
                .OrderBy(c => c.InstanceId).ToListAsync(cancellationToken),
            LastBackupRun = lastRun,
            NewestArchive = archives.Count > 0 ? archives[0] : null,
            BackupFolderSet = backups.Folder is not null,
            LastRecipeRun = recipeRuns.Count == 0 ? null : (recipeRuns.MaxBy(r => r.Value).Key, recipeRuns.MaxBy(r => r.Value).Value),
            Instances = await db.Set<InstanceHeartbeat>().AsNoTracking().Where(h => h.SeenUtc >= since)
                .OrderBy(h => h.StartedUtc).ToListAsync(cancellationToken),
        };
    }

    private async Task<long?> DatabaseBytesAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            return (await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").ToListAsync(cancellationToken)).Single();
        }

        // The database file and its write-ahead log, which holds the recent writes until a checkpoint.
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return null;
        }

        return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }

    private static long FolderBytes(string folder) =>
        System.IO.Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;

    /// <summary>The free and total space of the disk that holds <paramref name="path"/>: the mount with the longest matching root.</summary>
    private static (long Free, long Total)? FreeSpace(string path)
    {
        var full = Path.GetFullPath(path);
        var drive = DriveInfo.GetDrives()
            .Where(d => d.IsReady && full.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
            .MaxBy(d => d.RootDirectory.FullName.Length);
        return drive is null ? null : (drive.AvailableFreeSpace, drive.TotalSize);
    }
}
