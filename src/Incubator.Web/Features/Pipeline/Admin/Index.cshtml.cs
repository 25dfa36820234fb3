using Incubator.Web.Features.Account;
using Incubator.Web.Features.Taxonomies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incubator.Web.Features.Pipeline.Admin;

/// <summary>
/// The pipeline board: a column per stage in the taxonomy's order with its count and first cards, the organisations not
/// in the pipeline yet, filters by sector, locality and kind, the counts by sector and by locality, and the time spent
/// in each stage. Cards move through their own small forms; with a script they can also be dragged.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(PipelineBoard board, TaxonomyService taxonomies, DirectoryEntries entries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Locality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>The column shown whole (a stage's code, or <see cref="PipelineBoard.NoStage"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Open { get; set; }

    [TempData]
    public string? PipelineMessage { get; set; }

    public PipelineBoardView Board { get; private set; } = null!;

    public IReadOnlyList<TaxonomyTerm> SectorTerms { get; private set; } = [];

    public IReadOnlyList<TaxonomyTerm> LocalityTerms { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    /// <summary>This page's address with its filters, where the cards' forms come back to.</summary>
    public string Here { get; private set; } = "/";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SectorTerms = await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken);
        LocalityTerms = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        Kinds = entries.Kinds;

        // An unknown kind lists nothing rather than everything, as a filter that matches nothing should.
        Board = await board.ReadAsync(new PipelineFilter(Sector, Locality, Kind), Open, cancellationToken);
        Here = Request.Path + Request.QueryString;
    }

    /// <summary>The board's address with these filters and one column opened.</summary>
    public string? OpenLink(string? stage) =>
        Url.Page("/Pipeline/Admin/Index", new { sector = Sector, locality = Locality, kind = Kind, open = stage ?? PipelineBoard.NoStage });
}
