using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Search;

/// <summary>
/// Taxonomy terms as search keywords: a profile in sector "nông nghiệp" is found by "nong nghiep" and by
/// "agriculture", one in a commune also by its province's name. Read once per indexing scope.
/// </summary>
internal sealed class SearchTerms(IncubatorDbContext db)
{
    private Dictionary<(string, string), TaxonomyTerm>? _terms;

    public async Task<string> KeywordsAsync(IEnumerable<string> sectors, string? locality, string? stage, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var sector in sectors)
        {
            await AddAsync(names, TaxonomyTerm.Sectors, sector, cancellationToken);
        }

        var place = locality;
        for (var depth = 0; place is not null && depth < 4; depth++)
        {
            place = await AddAsync(names, TaxonomyTerm.Localities, place, cancellationToken);
        }

        await AddAsync(names, TaxonomyTerm.Stages, stage, cancellationToken);
        return string.Join('\n', names);
    }

    public async Task<string> NameAsync(string taxonomy, string? code, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await AddAsync(names, taxonomy, code, cancellationToken);
        return string.Join('\n', names);
    }

    /// <summary>Adds the term's names in both languages; returns its parent's code.</summary>
    private async Task<string?> AddAsync(List<string> names, string taxonomy, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        _terms ??= (await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(t => (t.Taxonomy, t.Code));
        if (!_terms.TryGetValue((taxonomy, code), out var term))
        {
            return null;
        }

        names.Add(term.NameVi);
        names.Add(term.NameEn);
        return term.ParentCode;
    }
}
