using System.Diagnostics;
using Incubator.Benchmarks.Generation;
using Incubator.Benchmarks.Hosting;
using Incubator.Search;
using Incubator.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Search;

/// <summary>What one path measured on one provider.</summary>
internal sealed record PathResult(
    string Path,
    LatencyStats Sequential,
    IReadOnlyDictionary<QueryKind, LatencyStats> ByKind,
    IReadOnlyDictionary<QueryKind, double> MeanMatches,
    int Clients,
    double Throughput,
    LatencyStats Concurrent);

/// <summary>What one provider measured; <paramref name="Fts5"/> is null when the comparison was skipped.</summary>
internal sealed record ProviderResult(
    DatabaseProvider Provider,
    string Version,
    SeedTimings Seed,
    PathResult Engine,
    PathResult Http,
    PathResult? Fts5,
    LatencyStats? EngineOnFts5Queries,
    MemoryPeak PeakRss,
    long IndexBytes);

internal sealed record SearchBenchmarkOptions(int Items, int Queries, int Clients, int Warmup, int Seed, bool Keep, bool Reuse, bool Fts5, int Fts5Queries, string PostgresAdmin);

/// <summary>
/// On one provider: a fresh database, the site on Kestrel, the generated ecosystem and a timed rebuild, then the
/// query mix on the engine and over HTTP: sequentially for latency, then from several clients at once for
/// throughput. Every query is checked to give the same number of matches on both paths.
/// </summary>
internal static class SearchBenchmark
{
    public static async Task<ProviderResult> RunAsync(DatabaseProvider provider, SearchBenchmarkOptions options, TextWriter log)
    {
        var name = $"incubator-bench-{provider.ToString().ToLowerInvariant()}-{options.Items}-{options.Seed}";
        using var database = BenchmarkDatabase.Create(provider, name, options.Keep, options.Reuse, options.PostgresAdmin);
        log.WriteLine($"{provider}: {database.Description}");
        using var site = new BenchmarkSite(database);
        site.Start();
        log.WriteLine($"  site on {site.Address}");

        var seed = await EcosystemSeeder.SeedAsync(site.Services, options.Items, options.Seed, log);
        var version = await ServerInfo.DatabaseVersionAsync(site.Services);
        var queries = QueryMix.Create(options.Queries, options.Seed);

        // The mix repeats words, and the site keeps the answers of its current searcher: timed with that cache, most
        // queries would measure a dictionary lookup. Every timed query is searched.
        site.Services.GetRequiredService<LuceneSearchIndex>().CacheResults = false;

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(options.Clients, 1), PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var client = new HttpClient(handler) { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(60) };
        var engine = new EnginePath(site.Services);
        var http = new HttpPath(client);

        await CheckSameMatchesAsync(engine, http, queries.Take(20).ToList());
        var warmup = queries.Take(options.Warmup).ToList();
        await SequentialAsync(engine, warmup);
        await SequentialAsync(http, warmup);

        // What the seeding left on the heap is not the site's: a site at rest never generated its data.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        log.WriteLine($"  resident set before the queries: {MemorySampler.CurrentMiB():F0} MiB");
        PathResult engineResult, httpResult;
        MemoryPeak peak;
        await using (var memory = MemorySampler.Start())
        {
            engineResult = await MeasureAsync(engine, queries, options.Clients, log);
            httpResult = await MeasureAsync(http, queries, options.Clients, log);
            peak = memory.Peak;
        }

        log.WriteLine($"  resident set under load: at most {peak}");
        PathResult? fts5Result = null;
        LatencyStats? engineOnFts5 = null;
        if (options.Fts5)
        {
            // FTS5 counting every match takes tens of milliseconds a query: it runs the first part of the same set,
            // and the engine runs that part again beside it for the ratio.
            var part = queries.Take(options.Fts5Queries).ToList();
            using var fts5 = await RawFts5Path.BuildAsync(site.Services, database.Folder, log);
            await SequentialAsync(fts5, warmup.Take(50).ToList());
            fts5Result = await MeasureAsync(fts5, part, options.Clients, log);
            engineOnFts5 = LatencyStats.Of((await SequentialAsync(engine, part)).Latencies);
        }

        var indexBytes = FolderSize(site.IndexFolder);
        if (options.Keep)
        {
            log.WriteLine($"  kept: {database.Description}");
        }

        return new ProviderResult(provider, version, seed, engineResult, httpResult, fts5Result, engineOnFts5, peak, indexBytes);
    }

    private static long FolderSize(string folder) =>
        System.IO.Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    private static async Task<PathResult> MeasureAsync(ISearchPath path, IReadOnlyList<BenchQuery> queries, int clients, TextWriter log)
    {
        var (latencies, matches) = await SequentialAsync(path, queries);
        var byKind = Enum.GetValues<QueryKind>().ToDictionary(k => k, k => LatencyStats.Of([.. Enumerable.Range(0, queries.Count).Where(i => queries[i].Kind == k).Select(i => latencies[i])]));
        var meanMatches = Enum.GetValues<QueryKind>().ToDictionary(k => k, k => Enumerable.Range(0, queries.Count).Where(i => queries[i].Kind == k).Select(i => (double)matches[i]).DefaultIfEmpty().Average());
        var sequential = LatencyStats.Of(latencies);
        log.WriteLine($"  {path.Name}: sequential median {sequential.Median:F2} ms, p95 {sequential.P95:F2} ms, p99 {sequential.P99:F2} ms");

        var (elapsed, concurrentLatencies) = await ConcurrentAsync(path, queries, clients);
        var throughput = queries.Count / elapsed.TotalSeconds;
        log.WriteLine($"  {path.Name}: {clients} clients, {throughput:F0} queries/s");
        return new PathResult(path.Name, sequential, byKind, meanMatches, clients, throughput, LatencyStats.Of(concurrentLatencies));
    }

    private static async Task<(double[] Latencies, int[] Matches)> SequentialAsync(ISearchPath path, IReadOnlyList<BenchQuery> queries)
    {
        var latencies = new double[queries.Count];
        var matches = new int[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            matches[i] = await path.RunAsync(queries[i].Text, CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return (latencies, matches);
    }

    /// <summary>Each client takes the next query as soon as its last one is answered, until all are done.</summary>
    private static async Task<(TimeSpan Elapsed, double[] Latencies)> ConcurrentAsync(ISearchPath path, IReadOnlyList<BenchQuery> queries, int clients)
    {
        var latencies = new double[queries.Count];
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < queries.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await path.RunAsync(queries[i].Text, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        return (total.Elapsed, latencies);
    }

    /// <summary>The two paths must do the same work: the same number of matches for every query checked.</summary>
    private static async Task CheckSameMatchesAsync(EnginePath engine, HttpPath http, IReadOnlyList<BenchQuery> queries)
    {
        foreach (var query in queries)
        {
            var direct = await engine.RunAsync(query.Text, CancellationToken.None);
            var viaHttp = await http.RunAsync(query.Text, CancellationToken.None);
            if (direct != viaHttp)
            {
                throw new InvalidOperationException($"'{query.Text}': the engine found {direct} matches, the API {viaHttp}.");
            }
        }
    }
}
