using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Taxonomies;

/// <summary>
/// Recipe step "Taxonomies": <c>{ "taxonomies": [ { "name": "sectors", "terms": [ { "code", "vi", "en", "parent"? } ] } ] }</c>.
/// Adds missing terms and updates changed names; a term already as described is left alone.
/// </summary>
internal sealed class TaxonomiesStep(IncubatorDbContext db) : IRecipeStep
{
    public string Name => "Taxonomies";

    public sealed record Data(List<TaxonomyData> Taxonomies);

    public sealed record TaxonomyData(string Name, List<TermData> Terms);

    public sealed record TermData(string Code, string Vi, string? En, string? Parent);

    public void Validate(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        if (data.Taxonomies is null)
        {
            throw step.Fail("$.taxonomies", "is required");
        }

        for (var t = 0; t < data.Taxonomies.Count; t++)
        {
            var taxonomy = data.Taxonomies[t];
            if (!TaxonomyTerm.Names.Contains(taxonomy.Name))
            {
                throw step.Fail($"$.taxonomies[{t}].name", $"'{taxonomy.Name}' is not a taxonomy; use one of {string.Join(", ", TaxonomyTerm.Names)}");
            }

            var codes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (taxonomy.Terms?.Count ?? 0); i++)
            {
                var term = taxonomy.Terms![i];
                if (string.IsNullOrWhiteSpace(term.Code) || term.Code.Length > 64 || term.Code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                {
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].code", "must be 1-64 ASCII letters, digits, '-', '_' or '.'");
                }

                if (!codes.Add(term.Code))
                {
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].code", $"'{term.Code}' appears twice");
                }

                if (string.IsNullOrWhiteSpace(term.Vi))
                {
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].vi", "the Vietnamese name is required");
                }

                if (term.Parent is not null && !codes.Contains(term.Parent))
                {
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].parent", $"'{term.Parent}' must be a term listed before this one");
                }
            }
        }
    }

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        var changed = 0;
        foreach (var taxonomy in data.Taxonomies)
        {
            var existing = await db.TaxonomyTerms.Where(t => t.Taxonomy == taxonomy.Name).ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, cancellationToken);
            var order = 0;
            foreach (var term in taxonomy.Terms ?? [])
            {
                order++;
                var en = string.IsNullOrWhiteSpace(term.En) ? term.Vi : term.En;
                if (!existing.TryGetValue(term.Code, out var row))
                {
                    db.TaxonomyTerms.Add(new TaxonomyTerm { Taxonomy = taxonomy.Name, Code = term.Code, NameVi = term.Vi, NameEn = en, ParentCode = term.Parent, Order = order });
                    changed++;
                }
                else if (row.NameVi != term.Vi || row.NameEn != en || row.ParentCode != term.Parent || row.Order != order)
                {
                    (row.NameVi, row.NameEn, row.ParentCode, row.Order) = (term.Vi, en, term.Parent, order);
                    changed++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
