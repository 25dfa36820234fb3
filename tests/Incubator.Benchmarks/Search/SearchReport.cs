using System.Globalization;
using System.Text;
using Incubator.Web.Data;

namespace Incubator.Benchmarks.Search;

/// <summary>The figures as Markdown tables, ready for the README.</summary>
internal static class SearchReport
{
    // The aims: at 100,000 items, sequential HTTP median and p95, and p95 with 4 clients; at 1,000,000 items,
    // HTTP p95, a full rebuild and the resident set.
    private const double AimMedian = 5;
    private const double AimP95 = 15;
    private const double AimConcurrentP95 = 30;
    private const double AimLargeP95 = 50;
    private const double AimLargeRebuildSeconds = 300;
    private const double AimRssMiB = 600;
    private const int LargeItems = 1_000_000;

    /// <summary>
    /// The previous engines' HTTP figures at 100,000 items (README, "Figures at 100,000 items": FTS5 on SQLite and
    /// tsvector on PostgreSQL, at most 1,000 matches ranked), for the ratios.
    /// </summary>
    private static readonly Dictionary<DatabaseProvider, (double Median, double P95)> Previous = new()
    {
        [DatabaseProvider.Sqlite] = (6.8, 15.0),
        [DatabaseProvider.Postgres] = (14.6, 42.1),
    };

    public static string Markdown(IReadOnlyList<ProviderResult> results, SearchBenchmarkOptions options, string machine, string command)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Machine: {machine}.  ");
        text.AppendLine(c, $"Command: `{command}`  ");
        text.AppendLine(c, $"{options.Items:N0} published items, {options.Queries:N0} queries per path after {options.Warmup:N0} warm-up queries, seed {options.Seed}; latencies in ms.");
        text.AppendLine();
        text.AppendLine("| Database | Path | Median | p95 | p99 | Mean | Throughput | Median / p95 under load |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            foreach (var p in new[] { r.Engine, r.Http, r.Fts5 }.OfType<PathResult>())
            {
                var s = p.Sequential;
                text.AppendLine(c, $"| {r.Version} | {p.Path} | {s.Median:F2} | {s.P95:F2} | {s.P99:F2} | {s.Mean:F2} | {p.Throughput:F0} q/s ({p.Clients} clients) | {p.Concurrent.Median:F2} / {p.Concurrent.P95:F2} |");
            }
        }

        text.AppendLine();
        text.AppendLine("| Database | Query kind | Mean matches | Engine median / p95 / p99 | HTTP median / p95 / p99 |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            foreach (var kind in Enum.GetValues<QueryKind>())
            {
                var e = r.Engine.ByKind[kind];
                var h = r.Http.ByKind[kind];
                text.AppendLine(c, $"| {r.Version} | {kind.ToString().ToLowerInvariant()} | {r.Engine.MeanMatches[kind]:N0} | {e.Median:F2} / {e.P95:F2} / {e.P99:F2} | {h.Median:F2} / {h.P95:F2} / {h.P99:F2} |");
            }
        }

        text.AppendLine();
        text.AppendLine("| Database | Documents | Insert | Full rebuild | Indexing rate |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var s = r.Seed;
            var row = s.Reused
                ? string.Create(c, $"| {r.Version} | {s.Documents:N0} | (reused) | (reused) | (reused) |")
                : string.Create(c, $"| {r.Version} | {s.Documents:N0} | {s.Insert.TotalSeconds:F1} s | {s.Rebuild.TotalSeconds:F1} s | {s.RebuildRate:N0} items/s |");
            text.AppendLine(row);
        }

        text.AppendLine();
        text.AppendLine("| Database | Index size | Resident set under load | Raw FTS5 ÷ engine (median / p95) | Previous engine's HTTP ÷ HTTP (median / p95) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var fts5 = r.Fts5 is { } f && r.EngineOnFts5Queries is { } e
                ? string.Create(c, $"{f.Sequential.Median / e.Median:F1}× / {f.Sequential.P95 / e.P95:F1}× ({f.Sequential.Count:N0} queries)")
                : "(skipped)";
            var previous = options.Items == 100_000 && Previous.TryGetValue(r.Provider, out var old)
                ? string.Create(c, $"{old.Median / r.Http.Sequential.Median:F1}× / {old.P95 / r.Http.Sequential.P95:F1}×")
                : "(measured at 100,000 only)";
            text.AppendLine(c, $"| {r.Version} | {r.IndexBytes / (1024.0 * 1024):F0} MiB | {r.PeakRss} | {fts5} | {previous} |");
        }

        text.AppendLine();
        text.AppendLine("| Aim | " + string.Join(" | ", results.Select(r => r.Version)) + " |");
        text.AppendLine("| --- |" + string.Concat(results.Select(_ => " --- |")));
        if (options.Items < LargeItems)
        {
            Row(text, $"HTTP median under {AimMedian} ms", results, r => (r.Http.Sequential.Median < AimMedian, Ms(r.Http.Sequential.Median)));
            Row(text, $"HTTP p95 under {AimP95} ms", results, r => (r.Http.Sequential.P95 < AimP95, Ms(r.Http.Sequential.P95)));
            Row(text, $"HTTP p95 under {AimConcurrentP95} ms with {options.Clients} clients", results, r => (r.Http.Concurrent.P95 < AimConcurrentP95, Ms(r.Http.Concurrent.P95)));
        }
        else
        {
            Row(text, $"HTTP p95 under {AimLargeP95} ms", results, r => (r.Http.Sequential.P95 < AimLargeP95, Ms(r.Http.Sequential.P95)));
            Row(text, $"Full rebuild under {AimLargeRebuildSeconds / 60} minutes", results, r => r.Seed.Reused ? null : (r.Seed.Rebuild.TotalSeconds < AimLargeRebuildSeconds, string.Create(c, $"{r.Seed.Rebuild.TotalSeconds:F0} s")));
        }

        Row(text, $"Resident set under {AimRssMiB} MiB", results, r => (r.PeakRss.TotalMiB < AimRssMiB, r.PeakRss.ToString()));
        return text.ToString();
    }

    private static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:F1} ms");

    private static void Row(StringBuilder text, string aim, IReadOnlyList<ProviderResult> results, Func<ProviderResult, (bool Met, string Figure)?> verdict) =>
        text.AppendLine("| " + aim + " | " + string.Join(" | ", results.Select(r => verdict(r) is { } v ? Verdict(v.Met, v.Figure) : "(reused)")) + " |");

    private static string Verdict(bool met, string figure) => met ? $"met ({figure})" : $"**missed** ({figure})";
}
