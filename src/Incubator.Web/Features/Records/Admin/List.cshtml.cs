using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Records.Admin;

/// <summary>One kind's records, newest first, narrowed by locality (a province with its communes), year and kind or result.</summary>
internal sealed class ListModel(IncubatorDbContext db, TaxonomyService taxonomies, IAuthorizationService authorization, IStringLocalizer<ListModel> localizer) : PageModel
{
    public const int PageSize = 50;

    public RecordKind Kind { get; private set; } = RecordKinds.Ip;
    public RecordFilter Filter { get; private set; } = RecordFilter.None;
    public List<RecordBase> Rows { get; private set; } = [];
    public RecordDisplay Display { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    [TempData]
    public string? Message { get; set; }
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync([FromRoute] string kind, string? locality, string? year, string? choice, int? p, CancellationToken cancellationToken)
    {
        if (RecordKinds.BySlug(kind) is not { } found)
        {
            return NotFound();
        }

        Kind = found;
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        Display = await RecordDisplay.LoadAsync(db, taxonomies, localizer, cancellationToken);
        Filter = await ReadFilterAsync(taxonomies, Kind, locality, year, choice, cancellationToken);
        PageNumber = Math.Max(1, p ?? 1);
        (Rows, Total) = await Kind.PageAsync(db, Filter, PageNumber, PageSize, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The filters from the query string. A value that names nothing (an unknown locality, a year that is not one, a
    /// code not of the kind) is dropped rather than refused: the list then shows what the rest of the filters ask for.
    /// </summary>
    internal static async Task<RecordFilter> ReadFilterAsync(TaxonomyService taxonomies, RecordKind kind, string? locality, string? year, string? choice, CancellationToken cancellationToken)
    {
        var scope = await taxonomies.LocalitiesAsync(cancellationToken);
        string? code = null;
        IReadOnlyList<string>? localities = null;
        if (!string.IsNullOrEmpty(locality) && scope.Exists(locality))
        {
            code = locality;
            localities = scope.Within(locality);
        }

        int? wanted = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2200 ? y : null;
        var chosen = kind.ChoiceFilter.Choices.Any(c => c.Code == choice) ? choice : null;
        return new RecordFilter(code, wanted, chosen) { Localities = localities };
    }

    public string Link(string path, int? page = null) =>
        path + QueryString.Create(new Dictionary<string, string?>
        {
            ["locality"] = Filter.Locality,
            ["year"] = Filter.Year?.ToString(CultureInfo.InvariantCulture),
            ["choice"] = Filter.Choice,
            ["p"] = page?.ToString(CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
