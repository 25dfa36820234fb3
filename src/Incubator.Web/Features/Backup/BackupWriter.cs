using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.Json;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Media;
using Microsoft.Data.Sqlite;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// Writes a backup archive while the site serves: every table's rows (the derived search tables aside) read in one
/// snapshot of the database, then the files those same rows name, then a manifest with the size and SHA-256 of
/// every entry. The snapshot is PostgreSQL's REPEATABLE READ, read-only transaction, and on SQLite one read
/// transaction, which in WAL mode sees the database as of its first read while writers go on beside it. A file is
/// copied after the snapshot: a row committed by then had its file in place before (the stores move a finished file
/// into place, then the row commits), so only a file deleted in the meantime can be missing; the manifest names it.
/// Rows are streamed to the archive's staging folder one at a time, so memory does not grow with the tables.
/// </summary>
internal sealed class BackupWriter(IncubatorDbContext db, DatabaseInfo database, MediaStore media, AttachmentStore attachments, IEnumerable<IAttachmentReferences> references, TimeProvider clock)
{
    public async Task<BackupManifest> CreateAsync(string file, bool includeAttachments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (!BackupArchive.IsSupported(file))
        {
            throw new BackupException($"The archive's name must end in .zip or .tar.gz: {file}");
        }

        var target = Path.GetFullPath(file);
        if (Path.GetDirectoryName(target) is { } parent && !System.IO.Directory.Exists(parent))
        {
            throw new BackupException($"No folder {parent} to write the backup to.");
        }

        var staging = BackupArchive.TemporaryFolder();
        try
        {
            var folders = BackupFiles.Folders(media, attachments, references).Where(f => includeAttachments || !f.Optional).ToList();
            var named = folders.ToDictionary(f => f.Name, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
            var (migrations, tables) = await DumpAsync(staging, folders, named, cancellationToken);

            var missing = new List<string>();
            foreach (var folder in folders)
            {
                var into = Path.Combine(staging, "files", folder.Name);
                System.IO.Directory.CreateDirectory(into);
                foreach (var name in named[folder.Name])
                {
                    try
                    {
                        File.Copy(Path.Combine(folder.Path, name), Path.Combine(into, name));
                    }
                    catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
                    {
                        missing.Add(folder.Entry(name));
                    }
                }
            }

            var files = new List<BackupFile>();
            foreach (var path in System.IO.Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var (size, sha256) = await BackupArchive.HashAsync(path, cancellationToken);
                files.Add(new BackupFile(Path.GetRelativePath(staging, path).Replace('\\', '/'), size, sha256));
            }

            var manifest = new BackupManifest
            {
                Product = ProductVersion,
                Provider = database.Provider.ToString(),
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
                Migration = migrations[^1],
                Migrations = migrations,
                IncludesAttachments = includeAttachments,
                Tables = tables,
                Files = files,
                Missing = missing,
            };
            await File.WriteAllTextAsync(Path.Combine(staging, BackupManifest.FileName), JsonSerializer.Serialize(manifest, BackupManifest.Json), cancellationToken);
            BackupArchive.Pack(staging, target);
            return manifest;
        }
        finally
        {
            BackupArchive.DeleteFolder(staging);
        }
    }

    /// <summary>The product's version as its build stamped it (the informational version, with the commit when known).</summary>
    public static string ProductVersion =>
        typeof(BackupWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private async Task<(List<string> Migrations, List<BackupTable> Tables)> DumpAsync(
        string staging, IReadOnlyList<BackupFolder> folders, Dictionary<string, SortedSet<string>> named, CancellationToken cancellationToken)
    {
        var provider = database.Provider;
        var modelTypes = BackupDatabase.ModelTypes(db);
        await using var connection = BackupDatabase.Open(db, provider);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = provider == DatabaseProvider.Sqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (provider == DatabaseProvider.Postgres)
        {
            await using var readOnly = BackupCatalog.Command(connection, transaction, "SET TRANSACTION READ ONLY");
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        // The snapshot starts with this first read; everything below reads the database as it was at this moment.
        var catalog = await BackupCatalog.ReadAsync(connection, transaction, provider, cancellationToken);
        if (!catalog.Any(t => t.Name == BackupCatalog.HistoryTable))
        {
            throw new BackupException("The database has no migrations applied: there is no site to back up.");
        }

        var migrations = new List<string>();
        await using (var command = BackupCatalog.Command(connection, transaction, $"SELECT \"Id\" FROM {BackupCatalog.Quote(BackupCatalog.HistoryTable)} ORDER BY \"Id\""))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                migrations.Add(reader.GetString(0));
            }
        }

        if (migrations.Count == 0)
        {
            throw new BackupException("The database has no migrations applied: there is no site to back up.");
        }

        System.IO.Directory.CreateDirectory(Path.Combine(staging, "db"));
        var tables = new List<BackupTable>();
        foreach (var table in catalog.Where(t => BackupCatalog.IsCopied(t.Name)))
        {
            var columns = table.Columns
                .Select(c => new BackupColumn(c.Name, modelTypes.GetValueOrDefault((table.Name, c.Name)) ?? PortableValues.FromCatalog(provider, c.DataType)))
                .ToList();
            var fileFolders = table.Columns.Select(c => folders.FirstOrDefault(f => f.Names(table.Name, c.Name))).ToList();
            var rows = 0L;
            var entry = new BackupTable(table.Name, 0, columns);
            await using (var output = new FileStream(Path.Combine(staging, entry.Entry), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            await using (var json = new Utf8JsonWriter(output))
            await using (var command = BackupCatalog.Command(connection, transaction, $"SELECT {string.Join(", ", columns.Select(c => BackupCatalog.Quote(c.Name)))} FROM {BackupCatalog.Quote(table.Name)}"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    json.WriteStartObject();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        json.WritePropertyName(columns[i].Name);
                        if (fileFolders[i] is { } folder && !reader.IsDBNull(i))
                        {
                            var name = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                            json.WriteStringValue(name);
                            if (folder.IsStoredName(name))
                            {
                                named[folder.Name].Add(name!);
                            }
                        }
                        else
                        {
                            PortableValues.Write(json, reader, i, columns[i].Type);
                        }
                    }

                    json.WriteEndObject();
                    await json.FlushAsync(cancellationToken);
                    output.WriteByte((byte)'\n');
                    json.Reset();
                    rows++;
                }
            }

            tables.Add(entry with { Rows = rows });
        }

        await transaction.CommitAsync(cancellationToken);
        return (migrations, tables);
    }
}
