using System.Text.Json.Nodes;
using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// Recipe step "WorkflowTypes": <c>{ "types": [ { "key", "name", "version", "enabled", "startEvent", "activities", "transitions" } ] }</c>.
/// A new key or a higher version is stored; the same version with the same definition changes nothing (only
/// "enabled" may change on it); the same version with another definition, or an older version, is refused.
/// </summary>
internal sealed class WorkflowTypesStep(IncubatorDbContext db, TimeProvider clock) : IRecipeStep, IRecipeExport
{
    public string Name => "WorkflowTypes";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    public int ExportOrder => 40;

    /// <summary>Every stored version, oldest first, so the step installs them in the order the site did.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var types = await db.WorkflowTypes.AsNoTracking().ToListAsync(cancellationToken);
        return types.Count == 0 ? null : new JsonObject
        {
            ["types"] = new JsonArray([.. types.OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Version)
                .Select(t => JsonNode.Parse(WorkflowJson.Serialize(t.ToWorkflowType())))]),
        };
    }

    public void Validate(RecipeStep step) => _ = Read(step);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (type, index) in Read(step).Select((t, i) => (t, i)))
        {
            var definition = WorkflowTypeRecord.DefinitionOf(type);
            var stored = await db.WorkflowTypes.Where(t => t.Key == type.Key).ToListAsync(cancellationToken);
            var same = stored.FirstOrDefault(t => t.Version == type.Version);
            if (same is not null)
            {
                if (same.Definition != definition)
                {
                    throw step.Fail($"$.types[{index}].version", "version {0} of '{1}' is already installed with another definition; give the change a new version", type.Version, type.Key);
                }

                if (same.Enabled != type.Enabled)
                {
                    same.Enabled = type.Enabled;
                    changed++;
                }

                continue;
            }

            if (stored.Count > 0 && stored.Max(t => t.Version) > type.Version)
            {
                throw step.Fail($"$.types[{index}].version", "version {0} of '{1}' is older than the installed version {2}", type.Version, type.Key, stored.Max(t => t.Version));
            }

            db.WorkflowTypes.Add(new WorkflowTypeRecord
            {
                Key = type.Key,
                Version = type.Version,
                // The list column keeps one text (the Vietnamese name when there are two); pages read both from the definition.
                Name = type.Name.AnyText() ?? type.Key,
                StartEvent = type.StartEvent,
                Enabled = type.Enabled,
                Definition = definition,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
            changed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private static List<WorkflowType> Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var types = step.ReadArray("types", "is required (an array of workflow types)", e => WorkflowJson.Parse(e));
        var result = new List<WorkflowType>();
        foreach (var (type, index) in types.Select((t, i) => (t, i)))
        {
            if (WorkflowTypeValidator.Validate(type) is [var first, ..])
            {
                throw step.Fail($"$.types[{index}]", first.ToString());
            }

            if (result.Exists(t => t.Key == type.Key && t.Version == type.Version))
            {
                throw step.Fail($"$.types[{index}].version", "'{0}' version {1} appears twice", type.Key, type.Version);
            }

            result.Add(type);
        }

        return result;
    }
}
