using System.Reflection;
using Incubator.Web.Data;
using Npgsql;
using Xunit.Sdk;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// The databases the integration tests run on: SQLite always, PostgreSQL from INCUBATOR_TEST_POSTGRES. Without it the
/// PostgreSQL cases show as skipped with the reason; on CI (<c>CI=true</c>) they run anyway and fail, so a CI machine
/// that lost its database can never pass on SQLite alone.
/// </summary>
public static class Providers
{
    public static readonly string? PostgresConnectionString = Environment.GetEnvironmentVariable("INCUBATOR_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static readonly bool OnCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL cases are skipped here; null when they run.</summary>
    public static string? PostgresSkipReason =>
        PostgresConnectionString is null && !OnCi ? "PostgreSQL: INCUBATOR_TEST_POSTGRES is not set (see README, \"Test it\")" : null;

    /// <summary>The connection string, or a failure that says what is missing (CI without PostgreSQL lands here).</summary>
    public static string RequirePostgres() =>
        PostgresConnectionString ?? throw new InvalidOperationException("INCUBATOR_TEST_POSTGRES is not set, and CI=true requires the PostgreSQL tests to run.");
}

/// <summary>The SQLite case of a provider theory.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

/// <summary>The PostgreSQL case of a provider theory, skipped visibly where PostgreSQL is not configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute() => Skip = Providers.PostgresSkipReason;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}

/// <summary>A test of PostgreSQL alone, skipped visibly where PostgreSQL is not configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = Providers.PostgresSkipReason;
}

/// <summary>Creating and dropping the tests' own PostgreSQL databases with a role that may only create databases.</summary>
public static class PostgresDatabases
{
    public static void Create(string name) => Execute($"CREATE DATABASE \"{name}\"");

    /// <summary>
    /// Drops the database once nobody uses it. Our pools are cleared first; what may remain is an autovacuum worker,
    /// which a role without pg_signal_backend may not terminate (42501) and which keeps the database in use (55006)
    /// for a moment: that is waited out.
    /// </summary>
    public static void Drop(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    internal static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Providers.RequirePostgres());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One running site per provider, shared by the tests of one class and disposed when the class is done.</summary>
public sealed class Sites : IDisposable
{
    private readonly Dictionary<DatabaseProvider, SiteFactory> _sites = [];
    private readonly Lock _lock = new();

    public SiteFactory this[DatabaseProvider provider]
    {
        get
        {
            lock (_lock)
            {
                if (!_sites.TryGetValue(provider, out var site))
                {
                    site = new SiteFactory(provider);
                    _ = site.Server; // start it: migrations, recipe and first administrator
                    _sites[provider] = site;
                }

                return site;
            }
        }
    }

    public void Dispose()
    {
        foreach (var site in _sites.Values)
        {
            site.Dispose();
        }
    }
}
