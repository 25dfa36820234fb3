using System.Globalization;

namespace Incubator.IntegrationTests.Observability;

/// <summary>Reads Prometheus' text exposition format as the scraper does: one sample a line, comments skipped.</summary>
public static class PrometheusText
{
    /// <summary>The samples of <paramref name="metric"/> (every label set), summed; null when it has none.</summary>
    public static double? Sum(string text, string metric)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd <= 0 || line[..nameEnd] != metric)
            {
                continue;
            }

            // The value follows the labels (whose values may hold spaces), and an optional timestamp follows it.
            var afterLabels = line[nameEnd] == '{' ? line.LastIndexOf('}') + 1 : nameEnd;
            var parts = line[afterLabels..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            sum = (sum ?? 0) + double.Parse(parts[0], CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
