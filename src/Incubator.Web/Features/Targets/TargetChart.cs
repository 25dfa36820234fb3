using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Incubator.Core.Text;

namespace Incubator.Web.Features.Targets;

/// <summary>
/// A target drawn as a server-rendered SVG bar, readable without JavaScript and in print: the scale from 0, the
/// target (a band for a range), the value expected by now (a dashed mark) and the current value (the bar, green on
/// track, amber behind), with the numbers written beside them and in the image's accessible name.
/// </summary>
internal static class TargetChart
{
    private const int Width = 480;
    private const int Height = 56;
    private const int Left = 8;
    private const int Right = 8;
    private const int BarTop = 14;
    private const int BarHeight = 18;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Svg(TargetStatus status, string label)
    {
        ArgumentNullException.ThrowIfNull(status);
        var target = status.Target;
        var actual = status.Actual ?? 0;
        var top = Math.Max(Math.Max(target.Max, actual), Math.Max(status.Expected, target.Baseline));
        top = top <= 0 ? 1 : top * 1.1m;
        double X(decimal value) => Left + ((double)(Math.Max(0, value) / top) * (Width - Left - Right));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="target-chart" viewBox="0 0 {Width} {Height}" width="100%" role="img" aria-label="{Html.Encode(label)}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(label)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect class="track" x="{Left}" y="{BarTop}" width="{Width - Left - Right}" height="{BarHeight}" fill="#eef1f4" stroke="#c9d1d9"/>""");
        var (bandFrom, bandTo) = (X(target.Min), X(target.Max));
        svg.Append(CultureInfo.InvariantCulture, $"""<rect class="target" x="{bandFrom:0.#}" y="{BarTop - 6}" width="{Math.Max(2, bandTo - bandFrom):0.#}" height="{BarHeight + 12}" fill="#1f6feb" fill-opacity="0.18" stroke="#1f6feb"/>""");
        if (status.Actual is not null)
        {
            var colour = status.OnTrack == true ? "#2da44e" : "#d4a72c";
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="actual" x="{Left}" y="{BarTop + 3}" width="{Math.Max(0, X(actual) - Left):0.#}" height="{BarHeight - 6}" fill="{colour}"/>""");
        }

        var expected = X(status.Expected);
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="expected" x1="{expected:0.#}" x2="{expected:0.#}" y1="{BarTop - 8}" y2="{BarTop + BarHeight + 8}" stroke="#24292f" stroke-width="2" stroke-dasharray="3 2"/>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A figure as the reader's language writes it (1.234,5 in Vietnamese), with at most one decimal.</summary>
    public static string Number(decimal? value) => Numbers.Format(value, decimals: 1);
}
