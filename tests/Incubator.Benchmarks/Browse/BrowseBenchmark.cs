using System.Globalization;
using System.Net.Http.Json;
using Incubator.Benchmarks.Generation;
using Incubator.Benchmarks.Hosting;
using Incubator.Benchmarks.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Browse;

internal sealed record BrowseOptions(int Items, int Seed, int Threads, int Connections, TimeSpan Duration, bool Keep, bool Reuse, string PostgresAdmin);

/// <summary>One page kind under load: its paths, wrk's figures and its share of the hello endpoint's rate.</summary>
internal sealed record PageResult(string Page, string Example, int Variants, WrkResult Figures, double Fraction, double AimFraction);

internal sealed record BrowseResult(DatabaseProvider Provider, string Version, SeedTimings Seed, WrkResult HelloBefore, WrkResult HelloAfter, IReadOnlyList<PageResult> Pages, MemoryPeak PeakRss, string LoadBefore, string LoadAfter);

/// <summary>
/// Browsing under load: the site with its generated ecosystem (the same database the search benchmark keeps), and
/// wrk against the home page, filtered directory pages, profiles, the directory API and the search API, each over
/// many variants of its address, then against a plain Kestrel "hello" endpoint in the same process before and after.
/// </summary>
internal static class BrowseBenchmark
{
    private const double AimPages = 0.10;
    private const double AimLists = 0.05;

    public static async Task<BrowseResult> RunAsync(DatabaseProvider provider, BrowseOptions options, TextWriter log)
    {
        if (!Wrk.Installed())
        {
            throw new InvalidOperationException("wrk is not installed: apt-get install wrk");
        }

        var name = $"incubator-bench-{provider.ToString().ToLowerInvariant()}-{options.Items}-{options.Seed}";
        using var database = BenchmarkDatabase.Create(provider, name, options.Keep, options.Reuse, options.PostgresAdmin);
        log.WriteLine($"{provider}: {database.Description}");
        using var site = new BenchmarkSite(database);
        site.Start();
        var seed = await EcosystemSeeder.SeedAsync(site.Services, options.Items, options.Seed, log);
        var version = await ServerInfo.DatabaseVersionAsync(site.Services);
        await using var hello = await HelloServer.StartAsync();
        log.WriteLine($"  site on {site.Address}, hello on {hello.Address}");

        using var client = new HttpClient { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(60) };
        var (sectors, provinces) = await FiltersAsync(site.Services);
        var lists = (
            from sector in sectors
            from province in provinces
            from page in new[] { 1, 2 }
            select (sector, province, page)).ToList();
        var profiles = await ProfilesAsync(client, 400);
        var pages = new List<(string Page, List<string> Paths, double Aim)>
        {
            ("Home page", ["/"], AimPages),
            ("Directory, filtered", [.. lists.Select(l => $"/directory/startups?sector={Escape(l.sector)}&locality={Escape(l.province)}" + (l.page > 1 ? $"&p={l.page}" : string.Empty))], AimLists),
            ("Profile", profiles, AimPages),
            ("/api/directory/startups, filtered", [.. lists.Select(l => $"/api/directory/startups?sector={Escape(l.sector)}&locality={Escape(l.province)}&page={l.page}")], AimLists),
            ("/api/search", [.. QueryMix.Create(2000, options.Seed).Select(q => "/api/search?q=" + Escape(q.Text))], AimLists),
        };

        foreach (var (page, paths, _) in pages)
        {
            await WarmAsync(client, page, paths);
        }

        // What generating the data left on the heap is not the site's.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var loadBefore = LoadAverage();
        var results = new List<PageResult>();
        MemoryPeak peak;
        WrkResult helloBefore, helloAfter;
        await using (var memory = MemorySampler.Start())
        {
            helloBefore = await Wrk.RunAsync(hello.Address, ["/"], options.Threads, options.Connections, options.Duration, database.Folder);
            log.WriteLine($"  hello: {helloBefore.RequestsPerSecond:F0} requests/s");
            var measured = new List<(string Page, List<string> Paths, double Aim, WrkResult Figures)>();
            foreach (var (page, paths, aim) in pages)
            {
                var figures = await Wrk.RunAsync(site.Address, paths, options.Threads, options.Connections, options.Duration, database.Folder);
                log.WriteLine($"  {page}: {figures.RequestsPerSecond:F0} requests/s, median {figures.MedianMs:F1} ms, p99 {figures.P99Ms:F1} ms, {figures.Non2xx + figures.SocketErrors} errors");
                measured.Add((page, paths, aim, figures));
            }

            helloAfter = await Wrk.RunAsync(hello.Address, ["/"], options.Threads, options.Connections, options.Duration, database.Folder);
            log.WriteLine($"  hello: {helloAfter.RequestsPerSecond:F0} requests/s");
            peak = memory.Peak;
            var yardstick = (helloBefore.RequestsPerSecond + helloAfter.RequestsPerSecond) / 2;
            results.AddRange(measured.Select(m => new PageResult(m.Page, m.Paths[0], m.Paths.Count, m.Figures, m.Figures.RequestsPerSecond / yardstick, m.Aim)));
        }

        return new BrowseResult(provider, version, seed, helloBefore, helloAfter, results, peak, loadBefore, LoadAverage());
    }

    /// <summary>Every address once, checked, so the measured runs see compiled views and filled caches, not the first visit.</summary>
    private static async Task WarmAsync(HttpClient client, string page, List<string> paths)
    {
        foreach (var path in paths.Take(300))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{page}: {path} answered {(int)response.StatusCode}.");
            }
        }
    }

    /// <summary>Six sectors and every province (a locality without a parent, which takes its communes).</summary>
    private static async Task<(List<string> Sectors, List<string> Provinces)> FiltersAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var terms = await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.Order).ThenBy(t => t.Code).ToListAsync();
        var sectors = terms.Where(t => t.Taxonomy == TaxonomyTerm.Sectors).Select(t => t.Code).Take(6).ToList();
        var provinces = terms.Where(t => t.Taxonomy == TaxonomyTerm.Localities && t.ParentCode is null).Select(t => t.Code).ToList();
        return (sectors, provinces);
    }

    /// <summary>Profiles' addresses from the directory API: startups and mentors, a page of each at a time.</summary>
    private static async Task<List<string>> ProfilesAsync(HttpClient client, int count)
    {
        var paths = new List<string>();
        for (var page = 1; paths.Count < count && page <= 10; page++)
        {
            foreach (var type in new[] { "startups", "mentors" })
            {
                var list = await client.GetFromJsonAsync<Listing>(new Uri($"/api/directory/{type}?page={page}&pageSize=50", UriKind.Relative))
                    ?? throw new InvalidOperationException("The directory API answered without a body.");
                paths.AddRange(list.Items.Select(i => new Uri(i.Url, UriKind.RelativeOrAbsolute)).Select(u => u.IsAbsoluteUri ? u.PathAndQuery : u.ToString()));
            }
        }

        return paths.Count > 0 ? paths.Take(count).ToList() : throw new InvalidOperationException("The directory has no profiles.");
    }

    private static string Escape(string text) => Uri.EscapeDataString(text);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record Listing(int Total, List<ListingItem> Items);

    private sealed record ListingItem(string Url);

    /// <summary>Whether a page met its aims: its share of the hello rate, p99 under 100 ms, no error.</summary>
    public static (bool Rate, bool P99, bool Errors) Verdicts(PageResult page) =>
        (page.Fraction >= page.AimFraction, page.Figures.P99Ms < 100, page.Figures.Non2xx + page.Figures.SocketErrors == 0);

    public static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
