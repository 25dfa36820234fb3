using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Shared;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Records.Admin;

/// <summary>
/// A kind's records under the list's filters as CSV: every field, amounts as plain numbers so a spreadsheet adds them
/// up, the locality's code beside its name so the file can be matched back, every cell defused against formulas.
/// </summary>
internal sealed class ExportModel(IncubatorDbContext db, TaxonomyService taxonomies, TimeProvider clock, IStringLocalizer<ExportModel> localizer) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromRoute] string kind, string? locality, string? year, string? choice, CancellationToken cancellationToken)
    {
        if (RecordKinds.BySlug(kind) is not { } found)
        {
            return NotFound();
        }

        var display = await RecordDisplay.LoadAsync(db, taxonomies, localizer, cancellationToken);
        var filter = await ListModel.ReadFilterAsync(taxonomies, found, locality, year, choice, cancellationToken);
        var records = await found.AllAsync(db, filter, cancellationToken);

        var header = new List<string?> { localizer["Key"] };
        header.AddRange(found.Fields.Select(display.Label));
        header.AddRange([localizer["Locality code"], localizer["Created"], localizer["Last changed"], localizer["Changed by"]]);
        var rows = new List<IEnumerable<string?>> { header };
        foreach (var record in records)
        {
            var row = new List<string?> { record.Key };
            row.AddRange(found.Fields.Select(f => display.Text(f, record, plainMoney: true)));
            row.AddRange([record.Locality, VietnamTime.FormatDateTime(record.CreatedUtc), VietnamTime.FormatDateTime(record.UpdatedUtc), record.UpdatedBy]);
            rows.Add(row);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"records-{found.Slug}-{VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime):yyyyMMdd-HHmm}.csv");
        return File(Csv.Write(rows), "text/csv; charset=utf-8", name);
    }
}
