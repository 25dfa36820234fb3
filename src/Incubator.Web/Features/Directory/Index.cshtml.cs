using Incubator.Web.Features.Content;
using Incubator.Web.Features.Taxonomies;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Incubator.Web.Features.Directory;

[OutputCache(PolicyName = PublicPageCache.Policy)]
internal sealed class IndexModel(DirectoryQueries directory, TaxonomyService taxonomies) : PageModel
{
    public ContentTypeDefinition Type { get; private set; } = DirectoryContentTypes.Startup;

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Locality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    /// <summary>"newest" lists the most recently published first; anything else lists by name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DirectoryPage Result { get; private set; } = new(0, [], 1, DirectoryFilter.DefaultPageSize);
    public IReadOnlyList<TaxonomyTerm> Sectors { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> Localities { get; private set; } = [];
    public IReadOnlyList<TaxonomyTerm> Stages { get; private set; } = [];

    /// <summary>Term names by code, for the cards.</summary>
    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken cancellationToken)
    {
        if (directory.TypeAt(type) is not { } definition)
        {
            return NotFound();
        }

        Type = definition;
        Sectors = await taxonomies.TermsAsync(TaxonomyTerm.Sectors, cancellationToken);
        Localities = await taxonomies.TermsAsync(TaxonomyTerm.Localities, cancellationToken);
        Stages = await taxonomies.TermsAsync(TaxonomyTerm.Stages, cancellationToken);
        foreach (var term in Sectors.Concat(Localities))
        {
            Names[term.Code] = term.Name(TaxonomyService.English);
        }

        Sector = string.IsNullOrWhiteSpace(Sector) ? null : Sector;
        Locality = string.IsNullOrWhiteSpace(Locality) ? null : Locality;
        Stage = string.IsNullOrWhiteSpace(Stage) ? null : Stage;
        Sort = string.Equals(Sort, "newest", StringComparison.Ordinal) ? Sort : null;
        PageNumber = Math.Max(1, PageNumber);
        var filter = new DirectoryFilter(Sector, Locality, Stage, PageNumber, Sort: Sort is null ? DirectorySort.Name : DirectorySort.Newest);
        Result = await directory.ListAsync(definition, filter, withCounts: true, cancellationToken);
        return Page();
    }
}
