using System.Globalization;
using System.Text;

namespace Incubator.Benchmarks.Search;

/// <summary>The figures as Markdown tables, ready for the README.</summary>
internal static class SearchReport
{
    private const double AimP95Milliseconds = 20;
    private const double AimHttpOverEngine = 1.5;
    private const double AimRebuildSeconds = 60;

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
            foreach (var p in new[] { r.Engine, r.Http })
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
        text.AppendLine("| Aim | " + string.Join(" | ", results.Select(r => r.Version)) + " |");
        text.AppendLine("| --- |" + string.Concat(results.Select(_ => " --- |")));
        text.AppendLine(string.Create(c, $"| HTTP p95 under {AimP95Milliseconds} ms | ") + string.Join(" | ", results.Select(r => Verdict(r.Http.Sequential.P95 < AimP95Milliseconds, string.Create(c, $"{r.Http.Sequential.P95:F1} ms")))) + " |");
        text.AppendLine(string.Create(c, $"| HTTP within {AimHttpOverEngine}× of the engine (mean / p95) | ") + string.Join(" | ", results.Select(r =>
        {
            var mean = r.Http.Sequential.Mean / r.Engine.Sequential.Mean;
            var p95 = r.Http.Sequential.P95 / r.Engine.Sequential.P95;
            return Verdict(mean <= AimHttpOverEngine && p95 <= AimHttpOverEngine, string.Create(c, $"{mean:F2}× / {p95:F2}×"));
        })) + " |");
        text.AppendLine(string.Create(c, $"| Rebuild under {AimRebuildSeconds} s | ") + string.Join(" | ", results.Select(r => r.Seed.Reused ? "(reused)" : Verdict(r.Seed.Rebuild.TotalSeconds < AimRebuildSeconds, string.Create(c, $"{r.Seed.Rebuild.TotalSeconds:F1} s")))) + " |");
        return text.ToString();
    }

    private static string Verdict(bool met, string figure) => met ? $"met ({figure})" : $"**missed** ({figure})";
}
