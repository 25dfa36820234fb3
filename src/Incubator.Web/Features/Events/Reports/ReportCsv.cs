using System.Globalization;
using Incubator.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Reports;

/// <summary>The events' reports as CSV (UTF-8 with a byte-order mark, cells defused against formulas): one line per figure.</summary>
internal static class ReportCsv
{
    /// <summary>An event's figures: section, code, name, count.</summary>
    public static byte[] Event(EventFigures figures, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        var rows = new List<IEnumerable<string?>> { Header(localizer) };
        var totals = localizer["Participants"].Value;
        rows.Add([totals, "registered", localizer["Registered"], Number(figures.Registered)]);
        rows.Add([totals, "waitlisted", localizer["Waitlisted"], Number(figures.Waitlisted)]);
        rows.Add([totals, "pending-confirmation", localizer["Awaiting confirmation"], Number(figures.Pending)]);
        rows.Add([totals, "cancelled", localizer["Cancelled"], Number(figures.Cancelled)]);
        rows.Add([totals, "attended", localizer["Attended"], Number(figures.Attended)]);
        rows.Add([totals, "no-show", localizer["No-show"], Number(figures.NoShow)]);
        foreach (var (section, lines) in new[] { (localizer["Gender"].Value, figures.Genders), (localizer["Locality"].Value, figures.Localities), (localizer["Organisation kind"].Value, figures.OrganisationKinds) })
        {
            rows.AddRange(lines.Select(l => new[] { section, l.Key, localizer[l.Label].Value, Number(l.Count) }));
        }

        return Csv.Write(rows);
    }

    /// <summary>A period's figures, then its events one per line.</summary>
    public static byte[] Period(PeriodFigures figures, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        var rows = new List<IEnumerable<string?>> { Header(localizer) };
        var totals = localizer["Period"].Value;
        rows.Add([totals, "events", localizer["Events"], Number(figures.EventsByKind.Sum(k => k.Count))]);
        rows.Add([totals, "registered", localizer["Registered"], Number(figures.Registered)]);
        rows.Add([totals, "attended", localizer["Attended"], Number(figures.Attended)]);
        rows.Add([totals, "organisations", localizer["Organisations reached"], Number(figures.Organisations)]);
        var kinds = localizer["Events by kind"].Value;
        rows.AddRange(figures.EventsByKind.Select(k => new[] { kinds, k.Key, localizer[k.Label].Value, Number(k.Count) }));
        rows.Add([]);
        rows.Add([localizer["Event"], localizer["Address"], localizer["Kind"], localizer["Starts"], localizer["Registered"], localizer["Waitlisted"], localizer["Attended"], localizer["No-show"]]);
        rows.AddRange(figures.Events.Select(e => new[]
        {
            e.Title, e.Slug, e.Kind, EventsApi.Vietnam(e.StartsUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Number(e.Registered), Number(e.Waitlisted),
            Number(e.Attended), Number(e.NoShow),
        }));
        return Csv.Write(rows);
    }

    private static string[] Header(IStringLocalizer localizer) => [localizer["Section"], localizer["Code"], localizer["Name"], localizer["Count"]];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
