using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Text;

namespace Incubator.Web.Features.Targets;

/// <summary>
/// A target drawn as a server-rendered SVG bar, readable without JavaScript and in print: an axis from 0 with its
/// figures, the target band (a band for a range), the value expected by now (a dashed mark) and the current value (the
/// bar, coloured by the target's state), each labelled on a line of its own so that no two labels overlap, and the
/// whole sentence in the image's accessible name.
/// </summary>
internal static class TargetChart
{
    // The drawing's own units: about one pixel each on a phone, where the chart takes the screen's width.
    private const int Width = 360;
    private const int Height = 96;
    private const int Left = 6;
    private const int Right = 6;
    private const int TargetLabelY = 11;
    private const int BarTop = 20;
    private const int BarHeight = 20;
    private const int ActualLabelY = 55;
    private const int ExpectedLabelY = 69;
    private const int AxisY = 76;
    private const int TickLabelY = 90;
    private const double CharWidth = 6.2;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The words written on the chart, in the reader's language.</summary>
    public sealed record Words(string Target, string Now, string ExpectedByNow);

    public static string Svg(TargetStatus status, string label, Words words)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(words);
        var target = status.Target;
        var whole = target.Countable;
        var actual = status.Actual ?? 0;
        var top = Math.Max(Math.Max(target.Max, actual), Math.Max(status.ExpectedMax, target.Baseline));
        top = top <= 0 ? 1 : top * 1.1m;
        double X(decimal value) => Left + ((double)(Math.Max(0, Math.Min(value, top)) / top) * (Width - Left - Right));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="target-chart state-{status.StateName}" viewBox="0 0 {Width} {Height}" width="100%" role="img" aria-label="{Html.Encode(label)}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(label)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect class="track" x="{Left}" y="{BarTop + 2}" width="{Width - Left - Right}" height="{BarHeight - 4}" fill="#eef1f4" stroke="#c9d1d9"/>""");

        // The target band, with its figures above it.
        var (bandFrom, bandTo) = (X(target.Min), X(target.Max));
        svg.Append(CultureInfo.InvariantCulture, $"""<rect class="target" x="{bandFrom:0.#}" y="{BarTop - 4}" width="{Math.Max(2, bandTo - bandFrom):0.#}" height="{BarHeight + 8}" fill="#57606a" fill-opacity="0.16" stroke="#57606a"/>""");
        var range = target.Min == target.Max ? Number(target.Min, whole) : $"{Number(target.Min, whole)}–{Number(target.Max, whole)}";
        Label(svg, "target-label", $"{words.Target} {(target.AboveMin ? "> " : string.Empty)}{range}", (bandFrom + bandTo) / 2, TargetLabelY, "#24292f");

        // The current value: the bar, in the state's colour, and its figure below it.
        if (status.Actual is not null)
        {
            var end = X(actual);
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="actual" x="{Left}" y="{BarTop + 5}" width="{Math.Max(0, end - Left):0.#}" height="{BarHeight - 10}" fill="{Colour(status.State)}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{end:0.#}" x2="{end:0.#}" y1="{BarTop + BarHeight - 5}" y2="{ActualLabelY - 10}" stroke="{Colour(status.State)}" stroke-width="2"/>""");
            Label(svg, "actual-label", $"{words.Now} {Number(actual, whole)}", end, ActualLabelY, "#24292f", bold: true);
        }

        // The value expected by now: a dashed mark through the bar down to its figure.
        var expected = X(status.Expected);
        var expectedText = status.ExpectedMax == status.Expected ? Number(status.Expected, whole) : $"{Number(status.Expected, whole)}–{Number(status.ExpectedMax, whole)}";
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="expected" x1="{expected:0.#}" x2="{expected:0.#}" y1="{BarTop - 6}" y2="{ExpectedLabelY - 10}" stroke="#24292f" stroke-width="2" stroke-dasharray="3 2"/>""");
        Label(svg, "expected-label", $"{words.ExpectedByNow} {expectedText}", expected, ExpectedLabelY, "#24292f");

        // The axis: evenly spaced figures from 0, leaving out a figure that would touch the one before it.
        svg.Append(CultureInfo.InvariantCulture, $"""<g class="axis"><line x1="{Left}" x2="{Width - Right}" y1="{AxisY}" y2="{AxisY}" stroke="#57606a"/>""");
        var step = Step(top, whole);
        var lastEnd = double.NegativeInfinity;
        for (var tick = 0m; tick <= top; tick += step)
        {
            var x = X(tick);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x:0.#}" x2="{x:0.#}" y1="{AxisY}" y2="{AxisY + 4}" stroke="#57606a"/>""");
            var text = Number(tick, whole);
            var (from, to) = Extent(text, x, 10);
            if (from > lastEnd + 4)
            {
                Text(svg, null, text, x, TickLabelY, "#57606a", 10);
                lastEnd = to;
            }
        }

        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>The colour of the bar and of the status badge: green met, blue on track, orange behind.</summary>
    public static string Colour(TargetState state) => state switch
    {
        TargetState.Met => "#1a7f37",
        TargetState.OnTrack => "#0969da",
        TargetState.Behind => "#bc4c00",
        _ => "#57606a",
    };

    /// <summary>A figure as the reader's language writes it (1.234,5 in Vietnamese), with at most one decimal.</summary>
    public static string Number(decimal? value) => Numbers.Format(value, decimals: 1);

    /// <summary>A figure of a target: whole when the target counts things (6 enterprises, not 6,2), else with one decimal.</summary>
    public static string Number(decimal? value, bool whole) =>
        whole && value is { } v ? Numbers.Format(Math.Round(v, 0, MidpointRounding.AwayFromZero), decimals: 0) : Number(value);

    /// <summary>About four steps of 1, 2 or 5 times a power of ten; whole steps for counts.</summary>
    private static decimal Step(decimal top, bool whole)
    {
        var rough = (double)top / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var residual = rough / magnitude;
        var step = (decimal)((residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude);
        return whole ? Math.Max(1, Math.Round(step)) : step;
    }

    private static void Label(StringBuilder svg, string css, string text, double x, int y, string colour, bool bold = false) =>
        Text(svg, css, text, x, y, colour, 12, bold);

    /// <summary>A text centred on <paramref name="x"/>, moved inwards where it would leave the drawing.</summary>
    private static void Text(StringBuilder svg, string? css, string text, double x, int y, string colour, int size, bool bold = false)
    {
        var (from, _) = Extent(text, x, size);
        var cssAttribute = css is null ? string.Empty : $" class=\"{css}\"";
        var weight = bold ? " font-weight=\"700\"" : string.Empty;
        svg.Append(CultureInfo.InvariantCulture, $"""<text{cssAttribute} x="{from:0.#}" y="{y}" font-size="{size}"{weight} fill="{colour}">{Html.Encode(text)}</text>""");
    }

    /// <summary>Where a text centred on <paramref name="x"/> starts and ends once kept inside the drawing (widths estimated).</summary>
    private static (double From, double To) Extent(string text, double x, int size)
    {
        var width = text.Length * CharWidth * size / 10;
        var from = Math.Clamp(x - (width / 2), 0, Math.Max(0, Width - width));
        return (from, from + width);
    }
}
