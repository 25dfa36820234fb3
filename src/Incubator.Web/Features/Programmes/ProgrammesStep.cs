using System.Text.Json;
using System.Text.Json.Nodes;
using Incubator.Core.Results;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Programmes;

/// <summary>
/// Recipe step "Programmes": <c>{ "programmes": [ { "key": "cb-startup-2026", ... } ] }</c>, each in the shape of
/// the programme API. A programme is created or, when its definition changed, updated and published; an unchanged
/// one is left alone, so the step can run again. Terms and workflow types may come from earlier steps, so the
/// definitions are checked against them when the step runs.
/// </summary>
internal sealed class ProgrammesStep(ProgrammeService programmes, IncubatorDbContext db) : IRecipeStep, IRecipeExport
{
    public string Name => "Programmes";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    // After taxonomies (support types, localities) and workflow types, which a programme names.
    public int ExportOrder => 50;

    /// <summary>The published version of every programme that is not deleted, in the programme API's shape.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var published = await db.Programmes.AsNoTracking().Where(p => p.Published && p.DeletedUtc == null).ToListAsync(cancellationToken);
        return published.Count == 0 ? null : new JsonObject
        {
            ["programmes"] = new JsonArray([.. published.OrderBy(p => p.Slug, StringComparer.Ordinal)
                .Select(p => JsonSerializer.SerializeToNode(ProgrammeDefinition.From(p), ProgrammeJson.Options))]),
        };
    }

    public void Validate(RecipeStep step) => _ = Read(step);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (definition, index) in Read(step).Select((d, i) => (d, i)))
        {
            var result = await programmes.SaveAsync(definition, id: null, userId: null, publish: true, cancellationToken);
            if (!result.Succeeded)
            {
                var (field, message) = result.Errors.First();
                throw FormattedMessage.TryParse(message, out var reason, out var values)
                    ? step.Fail($"$.programmes[{index}].{field}", reason, values)
                    : step.Fail($"$.programmes[{index}].{field}", message);
            }

            changed += result.Changed ? 1 : 0;
        }

        return changed;
    }

    private static List<ProgrammeDefinition> Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.ReadArray("programmes", "give a list of programmes", e => ProgrammeDefinition.Parse(e.GetRawText()));
    }
}
