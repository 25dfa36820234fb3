using System.Net;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Hosting;

/// <summary>
/// The real site on Kestrel on a free port of 127.0.0.1, in the Production environment, on the given database.
/// Background indexing is off: the benchmark rebuilds the index itself and times it.
/// </summary>
internal sealed class BenchmarkSite : WebApplicationFactory<Program>
{
    private readonly BenchmarkDatabase _database;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Settings over the benchmark's defaults, e.g. a background job turned off to be run by hand.</param>
    public BenchmarkSite(BenchmarkDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        _database = database;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The site's address, e.g. http://127.0.0.1:41234, once <see cref="Start"/> has run.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Where the site keeps its search index.</summary>
    public string IndexFolder => Path.Combine(_database.Folder, "search");

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Address = new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // A published site runs from its own folder; this one runs from the benchmark's, where the build copied the recipes.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Incubator", _database.ConnectionString);
        builder.UseSetting("Setup:AdminEmail", "admin@bench.local");
        builder.UseSetting("Setup:AdminPassword", "Bench-Admin-Password-1");
        builder.UseSetting("Search:PollInterval", "00:00:00");
        builder.UseSetting("Email:PickupFolder", Path.Combine(_database.Folder, "mail"));
        builder.UseSetting("Media:Folder", Path.Combine(_database.Folder, "media"));
        builder.UseSetting("Search:IndexPath", IndexFolder);
        // A load test sends far more searches from one address than the public throttle lets a person send.
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Attachments:Folder", Path.Combine(_database.Folder, "attachments"));
        // Production needs the site's own address (links in e-mails, allowed hosts); the benchmark's is loopback.
        builder.UseSetting("Site:BaseUrl", "http://127.0.0.1");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>
/// Where a benchmark's data lives: a SQLite file in a folder of its own, or a PostgreSQL database created on the
/// server that the admin connection string names. Kept with <c>--keep</c> (and found again by name, so a second run
/// with the same items and seed skips the generation), dropped otherwise.
/// </summary>
internal sealed class BenchmarkDatabase : IDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly bool _keep;

    private BenchmarkDatabase(DatabaseProvider provider, string connectionString, string folder, bool keep, string? postgresAdmin = null, string? postgresName = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        _keep = keep;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Folder { get; }

    /// <summary>Where the data is, for the report.</summary>
    public string Description => _postgresName is not null ? $"PostgreSQL database {_postgresName}" : $"SQLite file {Path.Combine(Folder, "site.db")}";

    public static BenchmarkDatabase Create(DatabaseProvider provider, string name, bool keep, bool reuse, string postgresAdmin)
    {
        var folder = Path.Combine(Path.GetTempPath(), "incubator-bench", name);
        if (!reuse && System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }

        System.IO.Directory.CreateDirectory(folder);
        if (provider == DatabaseProvider.Sqlite)
        {
            var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "site.db") }.ToString();
            return new BenchmarkDatabase(provider, connection, folder, keep);
        }

        var database = name.Replace('-', '_');
        if (!reuse || !PostgresExists(postgresAdmin, database))
        {
            Postgres(postgresAdmin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Postgres(postgresAdmin, $"CREATE DATABASE \"{database}\"");
        }

        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database }.ToString();
        return new BenchmarkDatabase(provider, connectionString, folder, keep, postgresAdmin, database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_keep)
        {
            return;
        }

        if (_postgresName is not null)
        {
            Postgres(_postgresAdmin!, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }

        try
        {
            System.IO.Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing thread; the temp folder is the OS's to clean.
        }
    }

    private static bool PostgresExists(string admin, string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
        command.Parameters.AddWithValue("name", database);
        return command.ExecuteScalar() is not null;
    }

    private static void Postgres(string admin, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The database name is ours: a fixed prefix, the item count and the seed.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
