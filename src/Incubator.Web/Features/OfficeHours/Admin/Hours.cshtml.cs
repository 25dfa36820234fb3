using System.Globalization;
using System.Text;
using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Incubator.Web.Features.OfficeHours.Admin;

/// <summary>
/// Staff's mentoring hours: held sessions' hours and satisfaction per mentor, per startup and per cohort, each summed in
/// the database, and the same as CSV (UTF-8 with a byte-order mark, cells defused against formulas).
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class HoursModel(OfficeHoursReports reports, TimeProvider clock, IStringLocalizer<HoursModel> localizer) : PageModel
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public IReadOnlyList<HoursLine> PerMentor { get; private set; } = [];
    public IReadOnlyList<HoursLine> PerStartup { get; private set; } = [];
    public IReadOnlyList<HoursLine> PerCohort { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PerMentor = await reports.PerMentorAsync(null, cancellationToken);
        PerStartup = await reports.PerStartupAsync(null, cancellationToken);
        PerCohort = await reports.PerCohortAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"mentoring-hours-{VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
        await using var writer = new StreamWriter(Response.Body, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await WriteRowAsync(writer, [localizer["Group"], localizer["Name"], localizer["Sessions"], localizer["Hours"], localizer["Ratings"], localizer["Mean rating"]]);
        foreach (var (group, lines) in new[]
                 {
                     (localizer["Mentor"].Value, await reports.PerMentorAsync(null, cancellationToken)),
                     (localizer["Startup"].Value, await reports.PerStartupAsync(null, cancellationToken)),
                     (localizer["Cohort"].Value, await reports.PerCohortAsync(null, cancellationToken)),
                 })
        {
            foreach (var line in lines)
            {
                await WriteRowAsync(writer, [
                    group, line.Name, line.Sessions.ToString(CultureInfo.InvariantCulture), line.Hours.ToString(CultureInfo.InvariantCulture),
                    line.Ratings.ToString(CultureInfo.InvariantCulture), line.MeanStars?.ToString("0.00", CultureInfo.InvariantCulture)]);
            }
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    private static async Task WriteRowAsync(StreamWriter writer, IEnumerable<string?> cells)
    {
        await writer.WriteAsync(string.Join(',', cells.Select(Csv.Cell)));
        await writer.WriteAsync("\r\n");
    }
}
