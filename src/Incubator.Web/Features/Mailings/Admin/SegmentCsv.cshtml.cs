using System.Globalization;
using System.Text;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Incubator.Web.Features.Mailings.Admin;

/// <summary>
/// A segment's members as CSV for a spreadsheet (UTF-8 with a byte-order mark, cells defused against formulas by
/// <see cref="Csv.Cell"/>), written to the response a chunk of members at a time rather than built whole in memory.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class SegmentCsvModel(IncubatorDbContext db, SegmentMembers members, TimeProvider clock, IStringLocalizer<SegmentCsvModel> localizer) : PageModel
{
    public const int Chunk = 1000;

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } segment)
        {
            return NotFound();
        }

        var filter = SegmentFilter.FromJson(segment.FilterJson);
        var name = string.Create(CultureInfo.InvariantCulture, $"segment-{VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
        await using var writer = new StreamWriter(Response.Body, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        await WriteRowAsync(writer, [localizer["Name"], localizer["E-mail"], localizer["Organisation"], localizer["Newsletter consent"]]);
        for (var page = 1; ; page++)
        {
            var (rows, total) = await members.PageAsync(filter, page, Chunk, cancellationToken);
            var consents = await SegmentConsents.ReadAsync(db, [.. rows.Select(r => r.PersonId)], cancellationToken);
            foreach (var row in rows)
            {
                var consent = consents.TryGetValue(row.PersonId, out var given) ? localizer[given ? "Consented" : "Withdrawn"] : localizer["Not asked"];
                await WriteRowAsync(writer, [row.Name, row.Email, row.Organisation, consent]);
            }

            await writer.FlushAsync(cancellationToken);
            if (rows.Count < Chunk || page * Chunk >= total)
            {
                break;
            }
        }

        return new EmptyResult();
    }

    private static async Task WriteRowAsync(StreamWriter writer, IEnumerable<string?> cells)
    {
        await writer.WriteAsync(string.Join(',', cells.Select(Csv.Cell)));
        await writer.WriteAsync("\r\n");
    }
}
