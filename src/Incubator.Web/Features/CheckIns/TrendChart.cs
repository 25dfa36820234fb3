using System.Globalization;

namespace Incubator.Web.Features.CheckIns;

/// <summary>
/// A small line chart of one metric over periods, as the points of an SVG polyline: the axis starts at zero, the
/// periods are spread evenly from left to right, and the highest value touches the top. Pure, so it is unit-tested;
/// the partial <c>_TrendChart</c> draws it.
/// </summary>
internal sealed class TrendChart
{
    public TrendChart(IReadOnlyList<(string Label, long Value)> values, double width = 160, double height = 48, double padding = 4)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Width = width;
        Height = height;
        Max = values.Count == 0 ? 0 : Math.Max(0, values.Max(v => v.Value));
        var inner = (Width: width - (2 * padding), Height: height - (2 * padding));
        Points = [.. values.Select((v, i) => (
            X: Math.Round(padding + (values.Count == 1 ? inner.Width / 2 : inner.Width * i / (values.Count - 1)), 1),
            Y: Math.Round(padding + inner.Height - (Max == 0 ? 0 : inner.Height * Math.Max(0, v.Value) / Max), 1)))];
    }

    public IReadOnlyList<(string Label, long Value)> Values { get; }
    public double Width { get; }
    public double Height { get; }

    /// <summary>The highest value (at least zero), drawn at the top.</summary>
    public long Max { get; }

    public IReadOnlyList<(double X, double Y)> Points { get; }

    /// <summary>The polyline's points attribute: "4,44 80,24 156,4".</summary>
    public string Polyline => string.Join(' ', Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0.#} {Height:0.#}");

    public long? Last => Values.Count == 0 ? null : Values[^1].Value;
}

/// <summary>What the partial <c>_TrendChart</c> draws: a chart with its id (unique on the page), its title and whether its values are đồng.</summary>
internal sealed record TrendView(string Id, string Title, TrendChart Chart, bool Money, bool Compact = false)
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
