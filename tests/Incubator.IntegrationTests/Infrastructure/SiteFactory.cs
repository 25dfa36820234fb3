using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// The real site over real HTTP (in-memory transport) on a real database: a fresh SQLite file, or a fresh
/// PostgreSQL database created from INCUBATOR_TEST_POSTGRES and dropped afterwards.
/// </summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Password-1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "incubator-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresDatabase;
    private readonly IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();
    private readonly Action<IServiceCollection>? _testServices;
    private readonly bool _template;

    /// <param name="settings">Settings over the test defaults, applied last (e.g. <c>RateLimiting:Enabled</c> with low limits, <c>Security:RequireSecondFactor</c>).</param>
    /// <param name="testServices">Extra test services, e.g. <see cref="TestPeer.Register"/>.</param>
    /// <param name="fresh">
    /// Start on an empty database and run the first start's migrations and recipe, as a test of that start needs;
    /// otherwise the site starts from a copy of a site that ran them (<see cref="SiteTemplates"/>), unless its
    /// settings change the set-up or the recipes.
    /// </param>
    public SiteFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null, bool fresh = false)
        : this(provider, settings, testServices, fresh, template: false)
    {
    }

    private SiteFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? testServices, bool fresh, bool template)
    {
        Provider = provider;
        _settings = settings ?? _settings;
        _testServices = testServices;
        _template = template;
        System.IO.Directory.CreateDirectory(_folder);
        var copied = !fresh && !template && !_settings.Keys.Any(k => k.StartsWith("Setup:", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Recipes:", StringComparison.OrdinalIgnoreCase));
        if (provider == DatabaseProvider.Sqlite)
        {
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "site.db") }.ToString();
        }
        else
        {
            _postgresDatabase = (template ? "incubator_tmpl_" : "incubator_test_") + Guid.NewGuid().ToString("N")[..12];
            if (!copied)
            {
                PostgresDatabases.Create(_postgresDatabase);
            }

            // Test classes run side by side on one server of 100 connections (97 for a role that is not a superuser):
            // a site that fires fifty requests at once queues them (for up to a minute) for its 20 connections instead of taking them all.
            ConnectionString = new NpgsqlConnectionStringBuilder(Providers.RequirePostgres()) { Database = _postgresDatabase, MaxPoolSize = 20, Timeout = 60 }.ToString();
        }

        if (copied)
        {
            SiteTemplates.CopyInto(provider, _folder, _postgresDatabase);
        }
    }

    /// <summary>The site <see cref="SiteTemplates"/> copies: its database and folders outlive it.</summary>
    internal static SiteFactory Template(DatabaseProvider provider) => new(provider, null, null, fresh: true, template: true);

    /// <summary>The folder of this site's database (SQLite), files and index.</summary>
    internal string Folder => _folder;

    /// <summary>This site's PostgreSQL database; null on SQLite.</summary>
    internal string? PostgresDatabase => _postgresDatabase;

    /// <summary>
    /// A second web instance over the same database as <paramref name="other"/>, which keeps owning it, with its own
    /// folders (its own search index among them) and <paramref name="settings"/> over the other's.
    /// </summary>
    public SiteFactory(SiteFactory other, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        Provider = other.Provider;
        _settings = settings is null ? other._settings : other._settings.Concat(settings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        ConnectionString = other.ConnectionString;
        System.IO.Directory.CreateDirectory(_folder);
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string MailFolder => Path.Combine(_folder, "mail");
    public string MediaFolder => Path.Combine(_folder, "media");
    public string AttachmentsFolder => Path.Combine(_folder, "attachments");

    /// <summary>This instance's search index (a test may set another with <c>Search:IndexPath</c>).</summary>
    public string SearchFolder => Path.Combine(_folder, "search");

    /// <summary>Where this instance keeps uploaded import files between preview and import.</summary>
    public string ImportsFolder => Path.Combine(_folder, "imports");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The themes' files come from the build's manifest, which the site reads in every environment (SiteHosting).
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Incubator", ConnectionString);
        builder.UseSetting("Setup:AdminEmail", AdminEmail);
        builder.UseSetting("Setup:AdminPassword", AdminPassword);
        builder.UseSetting("Email:PickupFolder", MailFolder);
        builder.UseSetting("Media:Folder", MediaFolder);
        builder.UseSetting("Attachments:Folder", AttachmentsFolder);
        builder.UseSetting("Search:IndexPath", SearchFolder);
        builder.UseSetting("Imports:Folder", ImportsFolder);
        // Tests sign in hundreds of times from one (absent) address; the throttling tests turn it back on.
        builder.UseSetting("RateLimiting:Enabled", "false");
        // Most tests sign staff in with a password alone; the tests of the second factor turn the rule back on.
        builder.UseSetting("Security:RequireSecondFactor", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // A test that travels to a round's deadline moves the site's time, not the sign-in tickets' expiry: the
            // cookie and bearer handlers keep real time, as the person signed in a moment ago in real time.
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
            services.PostConfigureAll<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
            services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.TimeProvider = TimeProvider.System);

            // The tests create and sign in thousands of accounts; at the production cost of a password hash (100,000
            // rounds of PBKDF2) that was minutes of the run's CPU. What a test checks of a password (right, wrong,
            // changed, reset) does not depend on the number of rounds, which the hash itself records.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
            _testServices?.Invoke(services);
        });
    }

    /// <summary>The site's clock: real time unless a test freezes it (tests of one site run one at a time).</summary>
    public TravelClock Clock { get; } = new();

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser whose every step we check.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client carrying a bearer token for the given account.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string email, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Registers a new applicant through the API and returns a bearer client for them.</summary>
    public async Task<(HttpClient Client, string Email, string Password)> CreateApplicantAsync()
    {
        var email = $"applicant-{Guid.NewGuid():N}@test.local";
        const string password = "Applicant-Password-1";
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password });
        response.EnsureSuccessStatusCode();
        await ConfirmEmailAsync(email);
        return (await CreateApiClientAsync(email, password), email, password);
    }

    /// <summary>Follows the link of the newest confirmation e-mail queued for <paramref name="email"/>, as its owner would.</summary>
    public async Task ConfirmEmailAsync(string email)
    {
        var link = Mailbox.Link(await LastEmailAsync(email), "/account/confirm-email");
        using var client = CreateClient();
        var page = await client.GetStringAsync(link);
        Assert.Contains("class=\"success\"", page, StringComparison.Ordinal);
    }

    /// <summary>The HTML body of the newest e-mail queued for <paramref name="email"/> (queued, not yet delivered).</summary>
    public Task<string> LastEmailAsync(string email) =>
        QueryAsync(db => db.OutboxEmails.Where(e => e.To == email).OrderByDescending(e => e.Id).Select(e => e.HtmlBody).FirstAsync());

    /// <summary>Creates a user with roles through the administrator API and returns a bearer client for them.</summary>
    public async Task<HttpClient> CreateUserAsync(params string[] roles)
    {
        var (email, password) = await CreateAccountAsync(roles);
        return await CreateApiClientAsync(email, password);
    }

    /// <summary>Creates a user with roles through the administrator API and returns the credentials.</summary>
    public async Task<(string Email, string Password)> CreateAccountAsync(params string[] roles)
    {
        var email = $"user-{Guid.NewGuid():N}@test.local";
        const string password = "User-Password-1";
        using var admin = await CreateApiClientAsync(AdminEmail, AdminPassword);
        var response = await admin.PostAsJsonAsync("/api/admin/users", new { email, password, roles });
        response.EnsureSuccessStatusCode();
        return (email, password);
    }

    /// <summary>A cookie client signed in through the sign-in page.</summary>
    public async Task<HttpClient> CreateSignedInBrowserAsync(string email, string password)
    {
        var client = CreateBrowserClient();
        await Forms.SignInAsync(client, email, password);
        return client;
    }

    /// <summary>A new user with the given roles, signed in with a cookie client.</summary>
    public async Task<HttpClient> CreateBrowserUserAsync(params string[] roles)
    {
        var (email, password) = await CreateAccountAsync(roles);
        return await CreateSignedInBrowserAsync(email, password);
    }

    /// <summary>A new applicant with both a bearer client (for the API) and a signed-in cookie client (for the pages).</summary>
    public async Task<Applicant> CreateApplicantWithBrowserAsync()
    {
        var (api, email, password) = await CreateApplicantAsync();
        return new Applicant(api, await CreateSignedInBrowserAsync(email, password), email, password);
    }

    /// <summary>Runs a recipe's JSON on the site, as the first start, the back office and the command line do.</summary>
    public async Task<Incubator.Recipes.RecipeResult> RunRecipeAsync(string recipe)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Incubator.Web.Features.Setup.RecipeRunner>().RunAsync(recipe);
    }

    /// <summary>Runs <paramref name="query"/> on the site's own database, to check what a request stored.</summary>
    internal async Task<T> QueryAsync<T>(Func<IncubatorDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<IncubatorDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_template)
        {
            return; // SiteTemplates copies it, and removes it when the run ends
        }

        if (_postgresDatabase is not null)
        {
            PostgresDatabases.Drop(_postgresDatabase);
        }

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

/// <summary>An applicant as the API (bearer) and as a browser (cookie) sees them.</summary>
public sealed record Applicant(HttpClient Api, HttpClient Browser, string Email, string Password) : IDisposable
{
    public void Dispose()
    {
        Api.Dispose();
        Browser.Dispose();
    }
}
