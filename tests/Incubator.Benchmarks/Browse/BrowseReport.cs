using System.Globalization;
using System.Text;

namespace Incubator.Benchmarks.Browse;

/// <summary>The browsing figures as Markdown, ready for the README.</summary>
internal static class BrowseReport
{
    public static string Markdown(IReadOnlyList<BrowseResult> results, BrowseOptions options, string machine, string command)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Machine: {machine}.  ");
        text.AppendLine(c, $"Command: `{command}`  ");
        text.AppendLine(c, $"{options.Items:N0} published items; `wrk -t{options.Threads} -c{options.Connections} -d{(int)options.Duration.TotalSeconds}s --latency`, each connection taking the page's addresses in turn; latencies in ms.");
        foreach (var r in results)
        {
            text.AppendLine();
            text.AppendLine(c, $"{r.Version}: load average {r.LoadBefore} before, {r.LoadAfter} after; hello endpoint {r.HelloBefore.RequestsPerSecond:N0} requests/s before the pages and {r.HelloAfter.RequestsPerSecond:N0} after; the site's resident set at most {r.PeakRss}.");
            text.AppendLine();
            text.AppendLine("| Page | Addresses | Requests/s | Share of hello (aim) | Median | p90 | p99 | Errors | Aims |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var p in r.Pages)
            {
                var (rate, p99, errors) = BrowseBenchmark.Verdicts(p);
                var verdict = rate && p99 && errors ? "met" : "**missed**: " + string.Join(", ", new[] { rate ? null : "rate", p99 ? null : "p99", errors ? null : "errors" }.OfType<string>());
                text.AppendLine(c, $"| {p.Page} | {p.Variants:N0} | {p.Figures.RequestsPerSecond:N0} | {BrowseBenchmark.Percent(p.Fraction)} (≥ {BrowseBenchmark.Percent(p.AimFraction)}) | {p.Figures.MedianMs:F1} | {p.Figures.P90Ms:F1} | {p.Figures.P99Ms:F1} | {p.Figures.Non2xx + p.Figures.SocketErrors} | {verdict} |");
            }
        }

        return text.ToString();
    }
}
