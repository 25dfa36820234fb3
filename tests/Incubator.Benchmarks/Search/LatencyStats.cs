namespace Incubator.Benchmarks.Search;

/// <summary>Latency percentiles (nearest rank) of a set of timed queries, in milliseconds.</summary>
internal sealed record LatencyStats(int Count, double Median, double P95, double P99, double Mean, double Max)
{
    public static LatencyStats Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
