using System.Globalization;
using System.Net;
using System.Text;
using Incubator.Workflows;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// Draws a workflow type as an SVG diagram on the server, readable without JavaScript and in print. Activities
/// are laid out in rows by their distance from the start; a transition back to an earlier row (a loop) is drawn
/// as a curve on the right. Boxes and the outcomes of tasks and checks carry their names in the reader's language
/// (<see cref="WorkflowNames"/>); ids stay in data attributes only. Every text is HTML-encoded.
/// </summary>
internal static class WorkflowDiagram
{
    private const int BoxWidth = 180;
    private const int BoxHeight = 58;
    private const int LineLength = 25;
    private const int ColumnGap = 40;
    private const int RowGap = 64;
    private const int Margin = 24;

    public static string Render(WorkflowType type, WorkflowNames names, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(names);
        var rows = Layers(type);
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var widest = rows.Count == 0 ? 1 : rows.Max(r => r.Count);
        var width = (Margin * 2) + (widest * BoxWidth) + ((widest - 1) * ColumnGap) + 120;
        for (var r = 0; r < rows.Count; r++)
        {
            var rowWidth = (rows[r].Count * BoxWidth) + ((rows[r].Count - 1) * ColumnGap);
            var left = Margin + ((width - 120 - (Margin * 2) - rowWidth) / 2.0);
            for (var c = 0; c < rows[r].Count; c++)
            {
                position[rows[r][c]] = (left + (c * (BoxWidth + ColumnGap)), Margin + (r * (BoxHeight + RowGap)));
            }
        }

        var height = (Margin * 2) + (rows.Count * BoxHeight) + (Math.Max(0, rows.Count - 1) * RowGap);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"workflow-diagram\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Encode(names.TypeName())}\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        var layerOf = rows.SelectMany((row, r) => row.Select(id => (id, r))).ToDictionary(x => x.id, x => x.r, StringComparer.Ordinal);
        var loop = 0;
        foreach (var transition in type.Transitions)
        {
            if (!position.TryGetValue(transition.From, out var from) || !position.TryGetValue(transition.To, out var to))
            {
                continue;
            }

            var forward = layerOf[transition.To] > layerOf[transition.From];
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"edge\" data-from=\"{Encode(transition.From)}\" data-to=\"{Encode(transition.To)}\">");
            double labelX, labelY;
            if (forward)
            {
                var (x1, y1, x2, y2) = (from.X + (BoxWidth / 2.0), from.Y + BoxHeight, to.X + (BoxWidth / 2.0), to.Y);
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>");
                (labelX, labelY) = ((x1 + x2) / 2, (y1 + y2) / 2);
            }
            else
            {
                loop++;
                var bend = Math.Max(from.X, to.X) + BoxWidth + 30 + (loop % 4 * 14);
                var (x1, y1, x2, y2) = (from.X + BoxWidth, from.Y + (BoxHeight / 2.0), to.X + BoxWidth, to.Y + (BoxHeight / 2.0));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x1:0.#},{y1:0.#} C{bend:0.#},{y1:0.#} {bend:0.#},{y2:0.#} {x2:0.#},{y2:0.#}\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"5 3\" marker-end=\"url(#arrow)\"/>");
                (labelX, labelY) = (bend - 4, (y1 + y2) / 2);
            }

            // A person's choice and a check's answer say which way it goes; other steps leave one way, or (a fork) every
            // way at once, and the box each arrow reaches names it.
            if (type.FindActivity(transition.From) is UserTaskActivity or ConditionActivity)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelX:0.#}\" y=\"{labelY:0.#}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">{Encode(Shorten(names.Outcome(transition.From, transition.Outcome), LineLength))}</text>");
            }

            svg.Append("</g>");
        }

        foreach (var activity in type.Activities)
        {
            var (x, y) = position[activity.Id];
            var (fill, radius) = activity switch
            {
                StartActivity or EndActivity => ("#e7f3ee", BoxHeight / 2),
                UserTaskActivity => ("#dbeafe", 6),
                EventActivity => ("#e0f2fe", BoxHeight / 2),
                ConditionActivity => ("#fef3c7", 6),
                TimerActivity => ("#fde2e1", 6),
                ForkActivity or JoinActivity => ("#ede9fe", 6),
                _ => ("#f3f4f6", 6),
            };
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"activity\" data-activity=\"{Encode(activity.Id)}\" data-kind=\"{Encode(activity.KindName)}\">");
            var name = names.Activity(activity.Id);
            var kind = WorkflowLabels.Kind(localizer, activity.KindName);
            var lines = Lines(name);
            var centre = x + (BoxWidth / 2.0);
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(name)} ({Encode(kind)})</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"{radius}\" fill=\"{fill}\" stroke=\"#555\"/>");
            var top = lines.Count == 1 ? y + 24 : y + 17;
            foreach (var (line, index) in lines.Select((l, i) => (l, i)))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{centre:0.#}\" y=\"{top + (index * 14):0.#}\" font-size=\"12\" font-weight=\"600\" text-anchor=\"middle\">{Encode(line)}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{centre:0.#}\" y=\"{y + 50:0.#}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{Encode(kind)}</text>");
            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Rows of activity ids: breadth-first distance from the start; unreachable activities go last.</summary>
    internal static List<List<string>> Layers(WorkflowType type)
    {
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var start in type.Activities.OfType<StartActivity>())
        {
            layer[start.Id] = 0;
            queue.Enqueue(start.Id);
        }

        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var next in type.Transitions.Where(t => t.From == id).Select(t => t.To))
            {
                if (!layer.ContainsKey(next) && type.FindActivity(next) is not null)
                {
                    layer[next] = layer[id] + 1;
                    queue.Enqueue(next);
                }
            }
        }

        var last = layer.Count == 0 ? 0 : layer.Values.Max() + 1;
        foreach (var activity in type.Activities.Where(a => !layer.ContainsKey(a.Id)))
        {
            layer[activity.Id] = last;
        }

        return [.. type.Activities.GroupBy(a => layer[a.Id]).OrderBy(g => g.Key).Select(g => g.Select(a => a.Id).ToList())];
    }

    /// <summary>A name on at most two lines of a box, broken between words; what does not fit ends in "…".</summary>
    internal static List<string> Lines(string name)
    {
        if (name.Length <= LineLength)
        {
            return [name];
        }

        var cut = name.LastIndexOf(' ', LineLength);
        if (cut <= 0)
        {
            return [Shorten(name, LineLength)];
        }

        return [name[..cut], Shorten(name[(cut + 1)..], LineLength)];
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
