using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Taxonomies;

/// <summary>Reads taxonomy terms and names them in the visitor's language.</summary>
/// <remarks>
/// The terms are read once per request from the <see cref="DataCache"/>, which a saved term clears; without a cache
/// (a recipe step's own instance) once per instance.
/// </remarks>
internal sealed class TaxonomyService(IncubatorDbContext db, DataCache? shared = null)
{
    private Dictionary<string, List<TaxonomyTerm>>? _cache;

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IReadOnlyList<TaxonomyTerm>> TermsAsync(string taxonomy, CancellationToken cancellationToken = default)
    {
        _cache ??= shared is null ? await ReadAsync(cancellationToken) : await shared.GetAsync("taxonomies", [typeof(TaxonomyTerm)], ReadAsync, cancellationToken);
        return _cache.TryGetValue(taxonomy, out var terms) ? terms : [];
    }

    private async Task<Dictionary<string, List<TaxonomyTerm>>> ReadAsync(CancellationToken cancellationToken) =>
        (await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.Taxonomy).ThenBy(t => t.Order).ThenBy(t => t.Code).ToListAsync(cancellationToken))
            .GroupBy(t => t.Taxonomy, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>The localities as a tree: the one place that says which codes a locality filter takes.</summary>
    public async Task<LocalityScope> LocalitiesAsync(CancellationToken cancellationToken = default) =>
        new(await TermsAsync(TaxonomyTerm.Localities, cancellationToken));

    /// <summary>Whether a code is a term of a taxonomy (used to validate what users and recipes send).</summary>
    public async Task<Func<string, string, bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        await TermsAsync(TaxonomyTerm.Sectors, cancellationToken);
        var all = _cache!.SelectMany(g => g.Value.Select(t => (g.Key, t.Code))).ToHashSet();
        return (taxonomy, code) => all.Contains((taxonomy, code));
    }

    /// <summary>The display name of a code, or the code itself when unknown.</summary>
    public async Task<string> NameAsync(string taxonomy, string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(code))
        {
            return string.Empty;
        }

        var term = (await TermsAsync(taxonomy, cancellationToken)).FirstOrDefault(t => t.Code == code);
        return term?.Name(English) ?? code;
    }

    public async Task<IReadOnlyList<string>> NamesAsync(string taxonomy, IEnumerable<string> codes, CancellationToken cancellationToken = default)
    {
        var terms = await TermsAsync(taxonomy, cancellationToken);
        return [.. codes.Select(c => terms.FirstOrDefault(t => t.Code == c)?.Name(English) ?? c)];
    }
}

internal static class TaxonomyApi
{
    public sealed record TermResponse(string Code, string Name, string? Parent);

    public static void MapTaxonomyApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/taxonomies/{name}", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<List<TermResponse>>, Microsoft.AspNetCore.Http.HttpResults.NotFound>> (string name, TaxonomyService taxonomies, CancellationToken cancellationToken) =>
        {
            if (!TaxonomyTerm.Names.Contains(name))
            {
                return TypedResults.NotFound();
            }

            var terms = await taxonomies.TermsAsync(name, cancellationToken);
            return TypedResults.Ok(terms.Select(t => new TermResponse(t.Code, t.Name(TaxonomyService.English), t.ParentCode)).ToList());
        }).WithTags("Taxonomies");
}
