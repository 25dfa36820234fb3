using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Support;

/// <summary>
/// The support the province approved: programme, organisation and its locality, amount and decision, for everyone to
/// see, with the total of what is listed and a filter by year and programme.
/// </summary>
internal sealed class ApprovedModel(IncubatorDbContext db, TaxonomyService taxonomies) : PageModel
{
    public List<FundingApi.ApprovedSupport> Approved { get; private set; } = [];

    /// <summary>The years and programmes that have approved support, newest year first, for the filter's choices.</summary>
    public List<int> Years { get; private set; } = [];

    public List<(string Id, string Name)> Programmes { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Programme { get; set; }

    public long Total => Approved.Sum(a => a.Amount);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await FundingApi.ApprovedSupportAsync(db, taxonomies, cancellationToken: cancellationToken);
        Years = [.. all.Select(a => a.Year).Where(y => y > 0).Distinct().OrderDescending()];
        Programmes = [.. all.GroupBy(a => a.ProgrammeId, StringComparer.Ordinal).Select(g => (g.Key, g.First().Programme)).OrderBy(p => p.Item2, StringComparer.CurrentCulture)];

        // An unknown year or programme in the address lists nothing rather than everything: the filter says what it shows.
        Programme = string.IsNullOrWhiteSpace(Programme) ? null : Programme.Trim();
        Approved = [.. all.Where(a => (Year is null || a.Year == Year) && (Programme is null || a.ProgrammeId == Programme))];
    }
}
