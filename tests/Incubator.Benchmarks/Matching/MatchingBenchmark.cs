using System.Diagnostics;
using System.Globalization;
using System.Text;
using Incubator.Web.Features.Mentoring;

namespace Incubator.Benchmarks.Matching;

/// <summary>
/// Ranks a startup against --mentors generated mentors (default 500) --runs times (default 2000) after a warm-up and
/// reports the median, 95th percentile and worst time of one ranking; matching's aim is well under 100 ms for 500.
/// Only the ranking: reading the mentors is one query of a few columns each.
/// </summary>
internal static class MatchingBenchmark
{
    private static readonly string[] Sectors = ["agri-hitech", "agro-forestry-processing", "medicinal-herbs", "biotech", "it-digital", "industry", "health", "ocop"];
    private static readonly string[] Needs = ["thi-truong", "goi-von", "cong-nghe", "so-huu-tri-tue", "phap-ly", "quan-tri"];
    private static readonly string[] Stages = ["idea", "prototype", "mvp", "growth"];
    private static readonly string[] Provinces = ["cao-bang", "thai-nguyen", "quang-ngai"];

    public static string Run(int mentors, int runs, int seed, TextWriter log)
    {
        var random = new Random(seed);
        var candidates = Enumerable.Range(0, mentors).Select(i => new MatchCandidate(
            $"m{i:D5}", $"Mentor {i}", Pick(random, Needs, 3), Pick(random, Sectors, 2), Pick(random, Stages, 2), $"{Provinces[random.Next(Provinces.Length)]}.x",
            random.Next(0, 20), random.Next(0, 8), random.Next(50) == 0, random.Next(100) == 0, random.Next(4) != 0)).ToList();
        var startup = new MatchStartup(["agri-hitech", "ocop"], "mvp", "cao-bang.hoa-an", ["so-huu-tri-tue", "goi-von"]);
        for (var i = 0; i < Math.Min(runs, 200); i++)
        {
            MentorMatcher.Rank(startup, candidates);
        }

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            MentorMatcher.Rank(startup, candidates);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        var line = string.Create(CultureInfo.InvariantCulture, $"| {mentors} | {runs} | {times[runs / 2]:F3} ms | {times[(int)(runs * 0.95)]:F3} ms | {times[^1]:F3} ms |");
        log.WriteLine(line);
        return line;
    }

    public static string Markdown(string row, string machine, string command)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Mentor matching, {machine}. `{command}`");
        report.AppendLine();
        report.AppendLine("| Mentors | Runs | Median | 95th percentile | Worst |");
        report.AppendLine("| --- | --- | --- | --- | --- |");
        report.AppendLine(row);
        return report.ToString();
    }

    private static List<string> Pick(Random random, string[] from, int most) =>
        [.. from.OrderBy(_ => random.Next()).Take(random.Next(1, most + 1))];
}
