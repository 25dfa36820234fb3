using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Incubator.Web.Features.Timeline;

/// <summary>
/// Draws a subject's timeline for a reader: the buttons features offer, a filter by kind (a GET form, so it works
/// without script), the entries newest first and a link to older ones. Pages invoke it with
/// <c>Component.InvokeAsync("Timeline", new { subject, viewer })</c>. A view component must be public to be found and
/// the timeline's types are internal, so it takes them as objects and its services from the request.
/// </summary>
public sealed class TimelineViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(object subject, object viewer)
    {
        var who = (TimelineSubject)subject;
        var reader = (TimelineViewer)viewer;
        var timeline = HttpContext.RequestServices.GetRequiredService<TimelineReader>();
        var kinds = timeline.Kinds;
        var known = kinds.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);

        // A page's address may carry a stale or mistyped kind or time: the page still draws, with what it could read.
        var selected = TimelineQuery.Kinds(Request.Query["kind"]);
        selected.IntersectWith(known);
        var (window, _) = TimelineQuery.Parse(new([.. selected]), Request.Query["before"], null, known);
        window ??= new TimelineWindow(selected, null, TimelineReader.DefaultLimit);
        var entries = await timeline.ReadAsync(who, reader, window, HttpContext.RequestAborted);

        string? older = null;
        if (entries.Count == window.Limit)
        {
            var query = new QueryBuilder(selected.Order(StringComparer.Ordinal).Select(k => KeyValuePair.Create("kind", k)))
            {
                { "before", TimelineQuery.Format(entries[^1].AtUtc) },
            };
            older = Request.Path + query.ToQueryString().Value + "#timeline";
        }

        var model = new TimelineView(
            entries, kinds, selected, timeline.Actions(who, reader), Request.Path, older, window.BeforeUtc is not null);
        return View("/Features/Timeline/_Timeline.cshtml", model);
    }
}

/// <summary>What the timeline's view draws.</summary>
internal sealed record TimelineView(
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<TimelineKind> Kinds,
    IReadOnlySet<string> Selected,
    IReadOnlyList<TimelineLink> Actions,
    string FilterAction,
    string? OlderUrl,
    bool IsOlderPage)
{
    public string LabelOf(string kind) => Kinds.FirstOrDefault(k => k.Code == kind)?.Label ?? kind;
}
