using System.Text.Json.Nodes;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Taxonomies;

/// <summary>
/// Recipe step "Taxonomies": <c>{ "taxonomies": [ { "name": "sectors", "terms": [ { "code", "vi", "en", "parent"? } ] } ] }</c>.
/// Adds missing terms and updates changed names; a term already as described is left alone.
/// </summary>
internal sealed class TaxonomiesStep(IncubatorDbContext db) : IRecipeStep, IRecipeExport
{
    public string Name => "Taxonomies";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 20;

    /// <summary>Every taxonomy's terms in their order, which lists a parent before its children as the step requires.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        if (terms.Count == 0)
        {
            return null;
        }

        var taxonomies = new JsonArray();
        foreach (var name in TaxonomyTerm.Names.Where(n => terms.Exists(t => t.Taxonomy == n)))
        {
            var list = new JsonArray();
            foreach (var term in Ordered(terms.Where(t => t.Taxonomy == name).ToList()))
            {
                var item = new JsonObject { ["code"] = term.Code, ["vi"] = term.NameVi, ["en"] = term.NameEn };
                if (term.ParentCode is not null)
                {
                    item["parent"] = term.ParentCode;
                }

                list.Add(item);
            }

            taxonomies.Add(new JsonObject { ["name"] = name, ["terms"] = list });
        }

        return new JsonObject { ["taxonomies"] = taxonomies };
    }

    /// <summary>By order, then code; a term whose parent is not listed yet waits until it is, so the export always reads back.</summary>
    private static List<TaxonomyTerm> Ordered(List<TaxonomyTerm> terms)
    {
        var pending = terms.OrderBy(t => t.Order).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<TaxonomyTerm>();
        while (pending.Count > 0)
        {
            var next = pending.Find(t => t.ParentCode is null || written.Contains(t.ParentCode) || !terms.Exists(p => p.Code == t.ParentCode))
                ?? pending[0];
            pending.Remove(next);
            written.Add(next.Code);
            result.Add(next);
        }

        return result;
    }

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
                throw step.Fail($"$.taxonomies[{t}].name", "'{0}' is not a taxonomy; use one of {1}", taxonomy.Name, string.Join(", ", TaxonomyTerm.Names));
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
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].code", "'{0}' appears twice", term.Code);
                }

                if (string.IsNullOrWhiteSpace(term.Vi))
                {
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].vi", "the Vietnamese name is required");
                }

                if (term.Parent is not null && !codes.Contains(term.Parent))
                {
                    throw step.Fail($"$.taxonomies[{t}].terms[{i}].parent", "'{0}' must be a term listed before this one", term.Parent);
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
