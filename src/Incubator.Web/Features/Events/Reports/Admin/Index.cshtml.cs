using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Reports.Admin;

/// <summary>
/// The events of a period (this year by default): how many of each kind, their participants, the organisations they
/// reached, and each event's figures; the same as CSV. A date that does not read is refused beside its field.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(EventReports reports, TimeProvider clock, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public string From { get; private set; } = string.Empty;
    public string To { get; private set; } = string.Empty;
    public PeriodFigures? Figures { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        if (await ReadAsync(from, to, cancellationToken) is { } figures)
        {
            Figures = figures;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        if (await ReadAsync(from, to, cancellationToken) is not { } figures)
        {
            return Page();
        }

        Figures = figures;
        return File(ReportCsv.Period(figures, localizer), "text/csv; charset=utf-8", $"events-{From}-{To}.csv");
    }

    private async Task<PeriodFigures?> ReadAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        From = string.IsNullOrWhiteSpace(from) ? VietnamTime.FormatIsoDate(new DateOnly(today.Year, 1, 1)) : from.Trim();
        To = string.IsNullOrWhiteSpace(to) ? VietnamTime.FormatIsoDate(new DateOnly(today.Year, 12, 31)) : to.Trim();
        var fromOk = VietnamTime.TryParseIsoDate(From, out var fromDate);
        var toOk = VietnamTime.TryParseIsoDate(To, out var toDate);
        if (!fromOk)
        {
            ModelState.AddModelError("from", localizer["Give the date as YYYY-MM-DD."]);
        }

        if (!toOk)
        {
            ModelState.AddModelError("to", localizer["Give the date as YYYY-MM-DD."]);
        }
        else if (fromOk && toDate < fromDate)
        {
            ModelState.AddModelError("to", localizer["The end of the period must not be before its start."]);
        }
        else if (fromOk && toDate.DayNumber - fromDate.DayNumber > 366 * 10)
        {
            ModelState.AddModelError("to", localizer["A period is at most ten years."]);
        }

        return ModelState.IsValid ? await reports.ForPeriodAsync(fromDate, toDate, cancellationToken) : null;
    }
}
