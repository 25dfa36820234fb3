using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

internal static class DataExtensions
{
    /// <summary>
    /// Registers the DbContext for the configured provider (<c>Database:Provider</c>, default Sqlite) and
    /// connection string (<c>ConnectionStrings:Incubator</c>, default a file under App_Data).
    /// </summary>
    public static IServiceCollection AddIncubatorData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = DatabaseOptions.Read(configuration);
        var problems = DatabaseOptions.Problems(settings).ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(DatabaseOptions), typeof(DatabaseOptions), problems);
        }

        // Registered as well, checked again at start like every setting, for whoever reads it later.
        services.AddCheckedOptions<DatabaseOptions>(DatabaseOptions.Section, DatabaseOptions.Problems)
            .Configure(o => o.ConnectionString = settings.ConnectionString);
        var provider = settings.ProviderKind;
        var connectionString = settings.ConnectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = PrepareSqlite(connectionString, environment.ContentRootPath);
            var gate = new SqliteWriteGate();
            services.AddSingleton(_ => gate);
            services.AddDbContext<IncubatorDbContext, SqliteIncubatorDbContext>((sp, o) => o
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmas())
                .AddInterceptors(gate.Interceptors)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            // Features plug into every save through interceptors they register (e.g. search's outbox).
            services.AddDbContext<IncubatorDbContext, PostgresIncubatorDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }

        services.AddSingleton(new DatabaseInfo(provider));
        services.AddScoped<Migrator>();
        return services;
    }

    private static string PrepareSqlite(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? "Data Source=App_Data/incubator.db" : connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        builder.ForeignKeys = true;
        return builder.ToString();
    }

    /// <summary>
    /// Runs on every SQLite connection. journal_mode=WAL lets readers go on while one writer commits.
    /// synchronous=FULL (not NORMAL): in WAL mode NORMAL may lose the last commits on a power cut, and the
    /// product promises that nothing acknowledged (a submitted application) is ever lost; the cost is one
    /// fsync per commit, which this site's write rate (people filling forms) easily affords. It also registers the
    /// folding function queries search names with (<see cref="DbText"/>).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection sqlite)
            {
                DbText.Register(sqlite);
            }

            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}

internal sealed record DatabaseInfo(DatabaseProvider Provider);
