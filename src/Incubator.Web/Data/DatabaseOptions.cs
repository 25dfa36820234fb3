using Microsoft.Data.Sqlite;
using Npgsql;

namespace Incubator.Web.Data;

/// <summary>
/// Where the site keeps its data: <c>Database:Provider</c> and the connection string <c>ConnectionStrings:Incubator</c>.
/// Unlike the other settings these are read once while the services are registered, since the provider decides which
/// DbContext is registered; they are checked right there, so a wrong value stops the site at start with a message
/// naming the setting, as the others do.
/// </summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Incubator";

    /// <summary><c>Database:Provider</c>: <c>Sqlite</c> (the default) or <c>Postgres</c>, in any case.</summary>
    public string? Provider { get; set; }

    /// <summary><c>ConnectionStrings:Incubator</c>; for SQLite, empty means a file under App_Data.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The provider; only meaningful once <see cref="Problems"/> found none.</summary>
    public DatabaseProvider ProviderKind =>
        TryParse(Provider, out var provider) ? provider : throw new InvalidOperationException(Problems(this).First());

    /// <summary>The settings as configured, not yet checked.</summary>
    public static DatabaseOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new DatabaseOptions
        {
            Provider = configuration[$"{Section}:{nameof(Provider)}"],
            ConnectionString = configuration.GetConnectionString(ConnectionStringName),
        };
    }

    internal static IEnumerable<string> Problems(DatabaseOptions options)
    {
        if (!TryParse(options.Provider, out var provider))
        {
            yield return $"Database:Provider must be Sqlite or Postgres, not '{options.Provider}'.";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                yield return "ConnectionStrings:Incubator is empty; Database:Provider Postgres needs one (Host=...;Database=...;Username=...;Password=...).";
            }

            yield break;
        }

        // Only the parser's complaint is shown, never the string itself: it may hold a password.
        string? wrong = null;
        try
        {
            _ = provider == DatabaseProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString
                : new SqliteConnectionStringBuilder(options.ConnectionString).ConnectionString;
        }
        catch (ArgumentException e)
        {
            wrong = e.Message;
        }

        if (wrong is not null)
        {
            yield return $"ConnectionStrings:Incubator is not a valid {provider} connection string: {wrong}";
        }
    }

    private static bool TryParse(string? name, out DatabaseProvider provider)
    {
        provider = DatabaseProvider.Sqlite;
        return string.IsNullOrWhiteSpace(name) || (Enum.TryParse(name, ignoreCase: true, out provider) && Enum.IsDefined(provider));
    }
}
