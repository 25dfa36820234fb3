using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.BrowserTests.Infrastructure;

/// <summary>
/// The real site on a real Kestrel port on 127.0.0.1 (a browser cannot use the in-memory test server), on a
/// fresh SQLite file in its own temp folder.
/// </summary>
public sealed class KestrelSite : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@browser.test";
    public const string AdminPassword = "Admin-Password-1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "incubator-browser-tests", Guid.NewGuid().ToString("N"));

    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Settings over the defaults below, e.g. the second-factor rule for its own journey.</param>
    public KestrelSite(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        System.IO.Directory.CreateDirectory(_folder);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "site.db") }.ToString();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string ConnectionString { get; }

    /// <summary>The site's address, e.g. http://127.0.0.1:41234, once <see cref="Start"/> has run.</summary>
    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Address = new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not read the static web assets manifest by itself; the browser needs the CSS.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Incubator", ConnectionString);
        builder.UseSetting("Setup:AdminEmail", AdminEmail);
        builder.UseSetting("Setup:AdminPassword", AdminPassword);
        builder.UseSetting("Email:PickupFolder", Path.Combine(_folder, "mail"));
        builder.UseSetting("Media:Folder", Path.Combine(_folder, "media"));
        builder.UseSetting("Attachments:Folder", Path.Combine(_folder, "attachments"));
        builder.UseSetting("Search:IndexPath", Path.Combine(_folder, "search"));
        // The journeys of staff sign in with a password; the two-factor journey runs a site with the rule on.
        builder.UseSetting("Security:RequireSecondFactor", "false");
        // The journeys sign in many times from 127.0.0.1; throttling has its own integration tests.
        builder.UseSetting("RateLimiting:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Each journey creates and signs in several accounts: the production cost of a password hash (100,000 rounds
        // of PBKDF2) is not what a journey checks, and the hash records its own rounds.
        builder.ConfigureServices(services => services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background thread; the temp folder is cleaned by the OS.
        }
    }
}
