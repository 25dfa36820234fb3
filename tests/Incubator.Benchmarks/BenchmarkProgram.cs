using System.Globalization;
using Incubator.Benchmarks.Browse;
using Incubator.Benchmarks.Hosting;
using Incubator.Benchmarks.Mailing;
using Incubator.Benchmarks.Matching;
using Incubator.Benchmarks.Search;
using Incubator.Web.Data;

namespace Incubator.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/Incubator.Benchmarks -- search [--items 100000] [--provider sqlite|postgres|both]
///     [--queries 2000] [--clients 4] [--warmup 300] [--seed 42] [--keep] [--reuse] [--out FILE]
/// PostgreSQL: the server named by INCUBATOR_BENCH_POSTGRES (default the tests' local one); a database of its own is
/// created there and dropped afterwards unless --keep. --reuse finds a kept database of the same items and seed
/// again and skips generating it.
/// </summary>
internal static class BenchmarkProgram
{
    private const string DefaultPostgres = "Host=127.0.0.1;Username=incubator;Password=incubator;Database=postgres";

    private const string Usage = """
        Usage: dotnet run -c Release --project tests/Incubator.Benchmarks -- search|browse|mailing|matching [options]
        search: the query mix on the index and through /api/search; browse: wrk against the pages (needs wrk);
        mailing: a mailing's send and queuing to a segment of --people consenting people (default 10000).
        matching: ranking --mentors generated mentors (default 500) for a startup, --runs times (default 2000).
          --items N        published items to generate (default 100000)
          --provider P     sqlite, postgres or both (default both)
          --queries N      queries per path and run (default 2000)
          --clients N      concurrent clients for the throughput run (default 4)
          --warmup N       warm-up queries per path (default 300)
          --seed N         seed of the generator and the query mix (default 42)
          --keep           keep the databases afterwards
          --reuse          reuse a kept database of the same items and seed
          --no-fts5        skip the comparison with a raw FTS5 table of the same documents
          --fts5-queries N the first N queries of the set run on raw FTS5 too (default 400)
          --out FILE       also write the Markdown report to FILE
          browse only: --threads N (2), --connections N (32), --duration SECONDS (15)
        PostgreSQL: INCUBATOR_BENCH_POSTGRES, else INCUBATOR_TEST_POSTGRES, else the local default.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("search" or "browse" or "mailing" or "matching"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var values = Parse(args.Skip(1).ToArray());
        if (values is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var postgres = Environment.GetEnvironmentVariable("INCUBATOR_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("INCUBATOR_TEST_POSTGRES") is { Length: > 0 } test ? test
            : DefaultPostgres;
        var providers = values.GetValueOrDefault("provider", "both") switch
        {
            "sqlite" => [DatabaseProvider.Sqlite],
            "postgres" => [DatabaseProvider.Postgres],
            "both" => new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres },
            var other => throw new ArgumentException($"--provider must be sqlite, postgres or both, not '{other}'."),
        };
        var machine = ServerInfo.Machine();
        Console.WriteLine(machine);
        var command = "dotnet run -c Release --project tests/Incubator.Benchmarks -- " + string.Join(' ', args);
        string report;
        if (args[0] == "matching")
        {
            report = MatchingBenchmark.Markdown(
                MatchingBenchmark.Run(Number(values, "mentors", 500), Number(values, "runs", 2000), Number(values, "seed", 42), Console.Out), machine, command);
        }
        else if (args[0] == "mailing")
        {
            var rows = new List<string>();
            foreach (var provider in providers)
            {
                rows.Add(await MailingBenchmark.RunAsync(provider, Number(values, "people", 10_000), postgres, Console.Out));
            }

            report = MailingBenchmark.Markdown(rows, machine, command);
        }
        else if (args[0] == "browse")
        {
            var browse = new BrowseOptions(
                Items: Number(values, "items", 100_000),
                Seed: Number(values, "seed", 42),
                Threads: Number(values, "threads", 2),
                Connections: Number(values, "connections", 32),
                Duration: TimeSpan.FromSeconds(Number(values, "duration", 15)),
                Keep: values.ContainsKey("keep"),
                Reuse: values.ContainsKey("reuse"),
                PostgresAdmin: postgres);
            var browsed = new List<BrowseResult>();
            foreach (var provider in providers)
            {
                browsed.Add(await BrowseBenchmark.RunAsync(provider, browse, Console.Out));
            }

            report = BrowseReport.Markdown(browsed, browse, machine, command);
        }
        else
        {
            report = await SearchAsync(values, providers, postgres, machine, command);
        }

        Console.WriteLine();
        Console.WriteLine(report);
        if (values.TryGetValue("out", out var file))
        {
            await File.WriteAllTextAsync(file, report);
        }

        return 0;
    }

    private static async Task<string> SearchAsync(Dictionary<string, string> values, DatabaseProvider[] providers, string postgres, string machine, string command)
    {
        var options = new SearchBenchmarkOptions(
            Items: Number(values, "items", 100_000),
            Queries: Number(values, "queries", 2000),
            Clients: Number(values, "clients", 4),
            Warmup: Number(values, "warmup", 300),
            Seed: Number(values, "seed", 42),
            Keep: values.ContainsKey("keep"),
            Reuse: values.ContainsKey("reuse"),
            Fts5: !values.ContainsKey("no-fts5"),
            Fts5Queries: Number(values, "fts5-queries", 400),
            PostgresAdmin: postgres);
        var results = new List<ProviderResult>();
        foreach (var provider in providers)
        {
            results.Add(await SearchBenchmark.RunAsync(provider, options, Console.Out));
        }

        return SearchReport.Markdown(results, options, machine, command);
    }

    private static Dictionary<string, string>? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var name = args[i][2..];
            if (name is "keep" or "reuse" or "no-fts5")
            {
                values[name] = "true";
            }
            else if (i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return values;
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var n and > 0 ? n : throw new ArgumentException($"--{name} must be a positive whole number.")
            : fallback;
}
