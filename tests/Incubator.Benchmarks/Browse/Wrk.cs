using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Incubator.Benchmarks.Browse;

/// <summary>What one wrk run measured.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double MedianMs, double P90Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors);

/// <summary>
/// Runs the <c>wrk</c> load generator (Debian's package) against a list of paths of one site: each connection asks for
/// the next path of the list in turn (a Lua script of ours, written per run), so a page is measured across many of
/// its variants rather than one address the site could answer from a single cache entry.
/// </summary>
internal static partial class Wrk
{
    public static bool Installed() => File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public static async Task<WrkResult> RunAsync(Uri site, IReadOnlyList<string> paths, int threads, int connections, TimeSpan duration, string folder)
    {
        var script = Path.Combine(folder, $"paths-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(paths));
        try
        {
            var start = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "--latency", "-s", script,
                new Uri(site, paths[0]).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk ended with {process.ExitCode}: {await errors}");
            }

            return Parse(await output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The figures of wrk's text report (with <c>--latency</c>).</summary>
    public static WrkResult Parse(string report)
    {
        var rate = double.Parse(RequestsPerSecond().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(report) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(report) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(rate, Percentile(report, "50"), Percentile(report, "90"), Percentile(report, "99"), requests, non2xx, socket);
    }

    private static double Percentile(string report, string percent)
    {
        var match = Regex.Match(report, @"^\s+" + percent + @"(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk's report has no {percent}th percentile:\n{report}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    private static string Script(IReadOnlyList<string> paths)
    {
        var text = new StringBuilder("local paths = {\n");
        foreach (var path in paths)
        {
            // Paths are ours (escaped URLs: ASCII without quotes or backslashes), written as Lua long strings anyway.
            text.Append("  [==[").Append(path).Append("]==],\n");
        }

        text.Append("""
            }
            local next = 0
            request = function()
              next = (next % #paths) + 1
              return wrk.format("GET", paths[next])
            end
            """);
        return text.ToString();
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
