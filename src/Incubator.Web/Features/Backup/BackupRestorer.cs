using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Media;
using Npgsql;
using NpgsqlTypes;

namespace Incubator.Web.Features.Backup;

/// <summary>What a restore did: the archive's manifest, rows and files written, migrations run after the rows.</summary>
internal sealed record RestoreResult(BackupManifest Manifest, long Rows, int Files, IReadOnlyList<string> LaterMigrations);

/// <summary>
/// Restores an archive into the configured database, of the same provider or the other: checks the archive first,
/// refuses a database that already holds data unless forced (then drops every table), writes the files back (before
/// the rows, so no restored row is ever without its file), builds the schema up to the archive's migration level, inserts
/// the rows parents first in one transaction with each value converted to the target's column type, sets
/// PostgreSQL's identity sequences past the restored ids, runs the migrations that came after the archive, and asks
/// every instance to rebuild its search index (a cache under App_Data/search that a backup does not carry).
/// </summary>
internal sealed partial class BackupRestorer(IncubatorDbContext db, DatabaseInfo database, Migrator migrator, MediaStore media, AttachmentStore attachments, IEnumerable<IAttachmentReferences> references, TimeProvider clock)
{
    public async Task<RestoreResult> RestoreAsync(string file, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        var folder = BackupArchive.TemporaryFolder();
        try
        {
            var manifest = await BackupVerifier.UnpackAndVerifyAsync(file, folder, cancellationToken);
            var known = Migrator.Load(db.MigrationsFolder).Select(m => m.Id).ToList();
            if (manifest.Migrations.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
            {
                throw new BackupException($"The archive comes from a newer version of the site (migration {unknown}); restore it with that version or a later one.");
            }

            if (!known.Take(manifest.Migrations.Count).SequenceEqual(manifest.Migrations))
            {
                throw new BackupException("The archive's migrations are not this version's first ones in order; it cannot be restored by this version.");
            }

            await using (var connection = BackupDatabase.Open(db, database.Provider))
            {
                await connection.OpenAsync(cancellationToken);
                if (await HeldTableAsync(connection, cancellationToken) is { } held && !force)
                {
                    throw new BackupException($"The database is not empty (table {held} has rows). Restore into an empty database, or add --force to replace everything in it.");
                }

                await DropAllAsync(connection, cancellationToken);
            }

            var files = await RestoreFilesAsync(folder, manifest, cancellationToken);
            await migrator.MigrateAsync(manifest.Migration, cancellationToken);
            var rows = await InsertAsync(folder, manifest, cancellationToken);
            var later = await migrator.MigrateAsync(cancellationToken);
            await Search.SearchIndexStateStore.RequestRebuildAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return new RestoreResult(manifest, rows, files, later);
        }
        finally
        {
            BackupArchive.DeleteFolder(folder);
        }
    }

    /// <summary>
    /// The first table with a row that no migration put there, or null: a database that only the migrations have
    /// filled (public holidays, the default role claims) counts as empty, one with anything else as a site's.
    /// </summary>
    private async Task<string?> HeldTableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var seeded = Migrator.Load(db.MigrationsFolder).SelectMany(m => SeedInsert().Matches(m.Sql).Select(x => x.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var table in await BackupCatalog.ReadAsync(connection, null, database.Provider, cancellationToken))
        {
            if (!BackupCatalog.IsCopied(table.Name) || seeded.Contains(table.Name))
            {
                continue;
            }

            await using var command = BackupCatalog.Command(connection, null, $"SELECT count(*) FROM (SELECT 1 FROM {BackupCatalog.Quote(table.Name)} LIMIT 1) x");
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                return table.Name;
            }
        }

        return null;
    }

    /// <summary>Drops every table (and SQLite's triggers and views), so the schema is rebuilt by the migrations from nothing.</summary>
    private async Task DropAllAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var tables = await BackupCatalog.ReadAsync(connection, null, database.Provider, cancellationToken);
            if (tables.Count > 0)
            {
                await ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS {string.Join(", ", tables.Select(t => BackupCatalog.Quote(t.Name)))} CASCADE", cancellationToken);
            }

            return;
        }

        // The connection is this restore's own (unpooled), so switching foreign keys off ends with it.
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF", cancellationToken);
        foreach (var (type, name) in await ListAsync(connection, "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')", cancellationToken))
        {
            await ExecuteAsync(connection, null, $"DROP {type.ToUpperInvariant()} IF EXISTS {BackupCatalog.Quote(name)}", cancellationToken);
        }

        // A virtual table first: dropping it drops its shadow tables.
        foreach (var (_, name) in await ListAsync(connection, "SELECT type, name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual'", cancellationToken))
        {
            await ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS {BackupCatalog.Quote(name)}", cancellationToken);
        }

        foreach (var (_, name) in await ListAsync(connection, """SELECT type, name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'""", cancellationToken))
        {
            await ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS {BackupCatalog.Quote(name)}", cancellationToken);
        }
    }

    /// <summary>Writes the archive's files into the site's folders, each checked against the manifest once written.</summary>
    private async Task<int> RestoreFilesAsync(string folder, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var folders = BackupFiles.Folders(media, attachments, references).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var count = 0;
        foreach (var entry in manifest.Files.Where(f => f.Path.StartsWith("files/", StringComparison.Ordinal)))
        {
            var parts = entry.Path.Split('/');
            if (parts.Length != 3 || !folders.TryGetValue(parts[1], out var into) || !into.IsStoredName(parts[2]))
            {
                throw new BackupException($"The archive's entry {entry.Path} is not a file this site keeps.");
            }

            System.IO.Directory.CreateDirectory(into.Path);
            var target = Path.Combine(into.Path, parts[2]);
            var partial = target + ".part";
            File.Copy(Path.Combine(folder, "files", parts[1], parts[2]), partial, overwrite: true);
            var (size, sha256) = await BackupArchive.HashAsync(partial, cancellationToken);
            if (size != entry.Size || sha256 != entry.Sha256)
            {
                File.Delete(partial);
                throw new BackupException($"{entry.Path} did not arrive whole in {into.Path}.");
            }

            File.Move(partial, target, overwrite: true);
            count++;
        }

        return count;
    }

    private async Task<long> InsertAsync(string folder, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var provider = database.Provider;
        var modelTypes = BackupDatabase.ModelTypes(db);
        await using var connection = BackupDatabase.Open(db, provider);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (provider == DatabaseProvider.Sqlite)
        {
            // Checked at commit instead of per row (the order below already puts parents first).
            await ExecuteAsync(connection, transaction, "PRAGMA defer_foreign_keys = ON", cancellationToken);
        }

        var catalog = (await BackupCatalog.ReadAsync(connection, transaction, provider, cancellationToken)).Where(t => BackupCatalog.IsCopied(t.Name)).ToList();
        var ordered = BackupCatalog.ParentsFirst(catalog);

        // The migrations' own rows (holidays, role claims) are in the archive too, as the source had them.
        foreach (var table in Enumerable.Reverse(ordered))
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {BackupCatalog.Quote(table.Name)}", cancellationToken);
        }

        var archived = manifest.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (archived.Keys.FirstOrDefault(name => !catalog.Any(t => t.Name == name)) is { } missingTable)
        {
            throw new BackupException($"The archive's table {missingTable} does not exist at its migration level here.");
        }

        var total = 0L;
        foreach (var table in ordered.Where(t => archived.ContainsKey(t.Name)))
        {
            var source = archived[table.Name];
            var columns = new List<(BackupColumn Source, string TargetType, NpgsqlDbType? Npgsql)>();
            foreach (var column in source.Columns)
            {
                var target = table.Columns.FirstOrDefault(c => c.Name == column.Name)
                    ?? throw new BackupException($"The archive's column {table.Name}.{column.Name} does not exist at its migration level here.");
                var type = provider == DatabaseProvider.Postgres
                    ? PortableValues.FromCatalog(provider, target.DataType)
                    : modelTypes.GetValueOrDefault((table.Name, column.Name)) ?? column.Type;
                columns.Add((column, type, provider == DatabaseProvider.Postgres ? NpgsqlTypeOf(target.DataType) : null));
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {BackupCatalog.Quote(table.Name)} ({string.Join(", ", columns.Select(c => BackupCatalog.Quote(c.Source.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var parameters = columns.Select((c, i) =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
                if (c.Npgsql is { } npgsqlType)
                {
                    ((NpgsqlParameter)parameter).NpgsqlDbType = npgsqlType;
                }

                insert.Parameters.Add(parameter);
                return parameter;
            }).ToList();

            using var lines = new StreamReader(Path.Combine(folder, source.Entry));
            var line = 0L;
            while (await lines.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (text.Length == 0)
                {
                    continue;
                }

                using var row = JsonDocument.Parse(text);
                for (var i = 0; i < columns.Count; i++)
                {
                    var (column, targetType, _) = columns[i];
                    try
                    {
                        var value = row.RootElement.TryGetProperty(column.Name, out var cell) ? PortableValues.Read(cell, column.Type) : null;
                        parameters[i].Value = value is null ? DBNull.Value : ForTarget(PortableValues.Coerce(value, targetType), targetType, table.Columns.First(c => c.Name == column.Name).DataType);
                    }
                    catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or JsonException)
                    {
                        throw new BackupException($"{source.Entry}, row {line}, column {column.Name}: {ex.Message}");
                    }
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
                total++;
            }
        }

        if (provider == DatabaseProvider.Postgres)
        {
            // Inserted ids do not move an identity's sequence; the next row the site adds must come after them.
            foreach (var table in catalog)
            {
                foreach (var column in table.Columns.Where(c => c.Identity))
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        $"SELECT setval(pg_get_serial_sequence('{BackupCatalog.Quote(table.Name).Replace("'", "''", StringComparison.Ordinal)}', '{column.Name.Replace("'", "''", StringComparison.Ordinal)}'), coalesce(max({BackupCatalog.Quote(column.Name)}), 0) + 1, false) FROM {BackupCatalog.Quote(table.Name)}",
                        cancellationToken);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return total;
    }

    /// <summary>The last step of a value's conversion, where the two databases store a type differently.</summary>
    private object ForTarget(object value, string type, string dataType)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // EF keeps a Guid on SQLite as upper-case text; Microsoft.Data.Sqlite would otherwise bind it as a blob.
            return value is Guid guid ? guid.ToString("D").ToUpperInvariant() : value;
        }

        return dataType switch
        {
            "smallint" => Convert.ToInt16(value, CultureInfo.InvariantCulture),
            "integer" => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            "real" => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            "timestamp without time zone" when value is DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
            _ when type == PortableValues.DateTimeOffset && value is DateTimeOffset o => o.ToUniversalTime(),
            _ => value,
        };
    }

    private static NpgsqlDbType? NpgsqlTypeOf(string dataType) => dataType switch
    {
        "jsonb" => NpgsqlDbType.Jsonb,
        "json" => NpgsqlDbType.Json,
        _ => null,
    };

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = BackupCatalog.Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<(string Type, string Name)>> ListAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var list = new List<(string, string)>();
        await using var command = BackupCatalog.Command(connection, null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    [GeneratedRegex("INSERT INTO \"(\\w+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex SeedInsert();
}
