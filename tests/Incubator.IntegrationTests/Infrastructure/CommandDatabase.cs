using Incubator.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// A database and a folder of its own for running <c>dotnet Incubator.Web.dll ...</c> as a person runs it: a real
/// process, started in the folder, with a production site's settings in its environment.
/// </summary>
internal sealed class CommandDatabase : IAsyncDisposable
{
    private readonly DatabaseProvider _provider;
    private readonly string? _postgresName;

    private CommandDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        (_provider, ConnectionString, _postgresName) = (provider, connectionString, postgresName);
        System.IO.Directory.CreateDirectory(Folder);
    }

    /// <summary>The folder the command runs in (its current folder), deleted afterwards.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "incubator-command-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; }

    public static Task<CommandDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"incubator-command-{Guid.NewGuid():N}.db");
            return Task.FromResult(new CommandDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), null));
        }

        var name = "incubator_command_" + Guid.NewGuid().ToString("N")[..12];
        PostgresDatabases.Create(name);
        return Task.FromResult(new CommandDatabase(provider, new NpgsqlConnectionStringBuilder(Providers.RequirePostgres()) { Database = name }.ToString(), name));
    }

    public string Write(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Runs the site's dll with <paramref name="arguments"/> and waits for it to exit.</summary>
    public Task<SiteRun> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the site's dll with <paramref name="arguments"/>, <paramref name="environment"/> over the defaults (a null value removes one).</summary>
    public async Task<SiteRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Dictionary<string, string?>
        {
            ["Database__Provider"] = _provider.ToString(),
            ["ConnectionStrings__Incubator"] = ConnectionString,
            ["Setup__AdminEmail"] = "admin@command.test",
            ["Setup__AdminPassword"] = "Admin-Password-1",
            ["Email__PickupFolder"] = Path.Combine(Folder, "mail"),
            ["Media__Folder"] = Path.Combine(Folder, "media"),
            ["Attachments__Folder"] = Path.Combine(Folder, "attachments"),
            ["Search__IndexPath"] = Path.Combine(Folder, "search"),
            ["Logging__LogLevel__Default"] = "Warning",
            // A production site's settings, which the commands read as the site does.
            ["Site__BaseUrl"] = "https://dmst.example.gov.vn",
        };
        foreach (var (name, value) in environment)
        {
            settings[name] = value;
        }

        await using var command = SiteProcess.Start(arguments, settings, Folder);
        return await command.RunToExitAsync();
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await using System.Data.Common.DbConnection connection = _provider == DatabaseProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>How many tables the database holds: none until a command has migrated it.</summary>
    public Task<string> TableCountAsync() => ScalarAsync(_provider == DatabaseProvider.Sqlite
        ? "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        : "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            PostgresDatabases.Drop(_postgresName);
        }

        try
        {
            if (_provider == DatabaseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(file + suffix);
                }
            }

            System.IO.Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS's temp cleaning
        }
    }
}
