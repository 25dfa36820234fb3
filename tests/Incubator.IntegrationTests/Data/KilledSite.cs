using System.Diagnostics;
using Incubator.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Incubator.IntegrationTests.Data;

/// <summary>
/// What the tests that kill the site share: a site as a process on a SQLite database in a temporary folder, workers
/// that write side by side until the site is killed (SIGKILL) under them, and the restart whose start-up sweep must
/// leave every stored-file folder matching its rows. Disposing removes the folder.
/// </summary>
internal sealed class KilledSite : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, string?> _environment;

    private KilledSite(string folder, Dictionary<string, string?> environment) => (_folder, _environment, Address) = (folder, environment, new Uri(environment["Site__BaseUrl"]!));

    public Uri Address { get; }

    private string Database => Path.Combine(_folder, "incubator.db");

    /// <summary>A fresh folder and port, in Development, with <paramref name="settings"/> (environment variables) over <see cref="SiteProcess.SqliteSite"/>.</summary>
    public static KilledSite Create(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("incubator-kill-").FullName;
        var environment = SiteProcess.SqliteSite(folder, new Uri($"http://127.0.0.1:{SiteProcess.FreePort()}"), "Development");
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return new KilledSite(folder, environment);
    }

    public async Task<SiteProcess> StartAsync()
    {
        var site = SiteProcess.Start(["--urls", Address.ToString()], _environment, _folder);
        await site.WaitUntilServingAsync(Address);
        return site;
    }

    public HttpClient Client(bool cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs <paramref name="workers"/> loops of <paramref name="write"/> side by side and kills the site once
    /// <paramref name="enough"/> holds (or after a minute), while writes are under way; a write cut off by the kill ends
    /// its loop. A write records what it was answered only after the answer came, so what it records was acknowledged.
    /// </summary>
    public static async Task KillWhileAsync(SiteProcess site, int workers, Func<bool> enough, Func<int, CancellationToken, Task> write)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, workers).Select(async worker =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await write(worker, stop.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    return;
                }
            }
        }).ToList();

        var waited = Stopwatch.StartNew();
        while (!enough() && !site.HasExited && !loops.All(l => l.IsCompleted) && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(20);
        }

        await site.KillAsync();
        await stop.CancelAsync();
        // A write that failed for another reason than the kill (a refused upload) fails the test here.
        await Task.WhenAll(loops);
    }

    /// <summary>
    /// Makes what the kill left older than the sweep's age, starts the site again and waits (up to a minute) until
    /// <paramref name="swept"/> holds: the start-up sweep has run.
    /// </summary>
    public async Task<SiteProcess> RestartAfterKillAsync(Func<bool> swept)
    {
        ArgumentNullException.ThrowIfNull(swept);
        var old = DateTime.UtcNow.AddHours(-2);
        foreach (var folder in new[] { "media", "attachments" }.Select(f => Path.Combine(_folder, f)).Where(System.IO.Directory.Exists))
        {
            foreach (var file in System.IO.Directory.GetFiles(folder))
            {
                File.SetLastWriteTimeUtc(file, old);
            }
        }

        var site = await StartAsync();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(1) && !swept())
        {
            await Task.Delay(100);
        }

        return site;
    }

    /// <summary>The names of the files in the site's <paramref name="folder"/> (media, attachments), in order.</summary>
    public List<string> Files(string folder)
    {
        var path = Path.Combine(_folder, folder);
        return System.IO.Directory.Exists(path) ? [.. System.IO.Directory.GetFiles(path).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>The distinct text values <paramref name="sql"/> reads from the site's database, in order.</summary>
    public List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return [.. values.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the files of <paramref name="folder"/> are exactly those <paramref name="sql"/> names.</summary>
    public bool FilesMatchRows(string folder, string sql) => Files(folder).SequenceEqual(Rows(sql));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS's temp cleaning
        }

        return ValueTask.CompletedTask;
    }
}
