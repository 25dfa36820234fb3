using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Pipeline;

/// <summary>
/// Recipe step "Pipeline": <c>{ "organisations": [ { "type": "startup", "slug", "stage", "note"? } ] }</c> puts directory
/// entries at a stage of the pipeline, through the same move as staff make (the history says no one moved them). An
/// entry already at its stage is left alone, so a second run changes nothing.
/// </summary>
internal sealed class PipelineStep(IncubatorDbContext db, ContentTypeRegistry types, MoveOrganisation move) : IRecipeStep
{
    public string Name => "Pipeline";

    public sealed record Data(List<Item> Organisations);

    public sealed record Item(string Type, string Slug, string Stage, string? Note);

    public void Validate(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        if (data.Organisations is null)
        {
            throw step.Fail("$.organisations", "is required");
        }

        for (var i = 0; i < data.Organisations.Count; i++)
        {
            var item = data.Organisations[i];
            if (types.Find(item.Type) is not { IsDirectory: true })
            {
                throw step.Fail($"$.organisations[{i}].type", "'{0}' is not a directory type", item.Type);
            }

            if (string.IsNullOrWhiteSpace(item.Slug))
            {
                throw step.Fail($"$.organisations[{i}].slug", "is required");
            }

            if (string.IsNullOrWhiteSpace(item.Stage))
            {
                throw step.Fail($"$.organisations[{i}].stage", "is required");
            }
        }
    }

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        var changed = 0;
        for (var i = 0; i < data.Organisations.Count; i++)
        {
            var item = data.Organisations[i];
            var id = await types.ByName(item.Type).Query(db).OfType<DirectoryProfile>()
                .Where(x => x.Latest && x.DeletedUtc == null && x.Slug == item.Slug).Select(x => x.ContentItemId).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                throw step.Fail($"$.organisations[{i}].slug", "there is no {0} with the slug '{1}'", item.Type, item.Slug);
            }

            if (await db.Set<OrganisationStage>().AnyAsync(s => s.OrganisationId == id && s.Stage == item.Stage, cancellationToken))
            {
                continue;
            }

            var result = await move.MoveAsync(new MoveOrganisationRequest(id, item.Stage, item.Note), userId: null, cancellationToken);
            if (!result.Succeeded)
            {
                throw step.Fail($"$.organisations[{i}].stage", "'{0}' is not a stage of the pipeline taxonomy", item.Stage);
            }

            changed++;
        }

        return changed;
    }
}
