using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Data;

/// <summary>
/// Applies the versioned SQL migrations embedded under Data/Migrations/{provider}/NNNN_Name.sql, each once,
/// in order, each in its own transaction, recording them in "__incubator_migrations". On PostgreSQL an
/// advisory lock keeps two web instances from migrating at the same time; on SQLite the write transaction does.
/// Each script is generated with dotnet-ef from the provider's model snapshot (Data/EfModel; README, "Data and
/// migrations") and kept as plain SQL, so upgrading a site needs no tooling; the test MigrationsTests fails when
/// applying them does not give the schema the model describes.
/// </summary>
internal sealed class Migrator(IncubatorDbContext db, ILogger<Migrator> logger)
{
    private const string HistoryTable = "__incubator_migrations";
    private const long AdvisoryLockKey = 7_461_001;

    /// <summary>The migrations for a provider, in the order they apply.</summary>
    public static IReadOnlyList<(string Id, string Sql)> Load(string providerFolder)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Data.Migrations.{providerFolder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Applies the migrations not applied yet; returns their ids.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(null, cancellationToken);

    /// <summary>
    /// Applies the migrations not applied yet, up to and including <paramref name="upTo"/> when given (a restore brings
    /// a database to its archive's level before the rows go in, then runs the rest); returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(string? upTo, CancellationToken cancellationToken = default)
    {
        var migrations = Load(db.MigrationsFolder);
        if (upTo is not null)
        {
            var last = migrations.ToList().FindIndex(m => m.Id == upTo);
            if (last < 0)
            {
                throw new InvalidOperationException($"No migration '{upTo}' in this version.");
            }

            migrations = migrations.Take(last + 1).ToList();
        }

        var isPostgres = db.Database.IsNpgsql();
        var applied = new List<string>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using (var create = await connection.BeginTransactionAsync(cancellationToken))
            {
                // Two instances starting on a new PostgreSQL database would both create the table: IF NOT EXISTS does
                // not stop the second's catalog insert from colliding with the first's, so the lock comes first.
                if (isPostgres)
                {
                    await ExecuteAsync(connection, create, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
                }

                await ExecuteAsync(connection, create, $"CREATE TABLE IF NOT EXISTS \"{HistoryTable}\" (\"Id\" varchar(150) NOT NULL PRIMARY KEY, \"AppliedUtc\" varchar(40) NOT NULL)", cancellationToken);
                await create.CommitAsync(cancellationToken);
            }

            foreach (var (id, sql) in migrations)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (isPostgres)
                {
                    await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
                }

                await using (var check = connection.CreateCommand())
                {
                    check.Transaction = transaction;
                    check.CommandText = $"SELECT COUNT(*) FROM \"{HistoryTable}\" WHERE \"Id\" = @id";
                    var parameter = check.CreateParameter();
                    parameter.ParameterName = "id";
                    parameter.Value = id;
                    check.Parameters.Add(parameter);
                    if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                    {
                        continue;
                    }
                }

                logger.LogInformation("Applying migration {Migration}", id);
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = $"INSERT INTO \"{HistoryTable}\" (\"Id\", \"AppliedUtc\") VALUES (@id, @at)";
                    var idParameter = record.CreateParameter();
                    idParameter.ParameterName = "id";
                    idParameter.Value = id;
                    var atParameter = record.CreateParameter();
                    atParameter.ParameterName = "at";
                    atParameter.Value = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                    record.Parameters.Add(idParameter);
                    record.Parameters.Add(atParameter);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied.Add(id);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
