using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incubator.Core.Text;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Incubator.Core.Time;

namespace Incubator.Web.Features.Content;

/// <summary>
/// Recipe step "Content": <c>{ "items": [ { "type": "page", "slug": "gioi-thieu", "published": true, "fields": { "Title": "...", "Body": "..." } } ] }</c>.
/// Field names are the content type's fields, its own or custom ones (a custom field may come from an earlier
/// "ContentFields" step of the same recipe, so it is checked when the step runs). An item whose slug already exists
/// is left as staff may have edited it since; so running a recipe again changes nothing.
/// </summary>
internal sealed class ContentStep(IncubatorDbContext db, ContentManager content, ContentFieldsService contentFields, ContentTypeRegistry types) : IRecipeStep, IRecipeExport
{
    public string Name => "Content";

    public RecipeExportKind ExportKind => RecipeExportKind.Content;

    public int ExportOrder => 70;

    /// <summary>
    /// Every item of the types this step sets that is not deleted: its published version when it has one, else its
    /// draft. Uploaded images are files, not recipe data, so they are left out.
    /// </summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        foreach (var type in types.All.Where(t => t.GenericEditor))
        {
            // The type's own fields and its custom ones, which the ContentFields step exports before this one.
            var known = await contentFields.ForAsync(type, cancellationToken);
            var versions = await type.Query(db).AsNoTracking().Where(x => x.DeletedUtc == null && (x.Published || x.Latest)).ToListAsync(cancellationToken);
            var chosen = versions.GroupBy(v => v.ContentItemId)
                .Select(g => g.FirstOrDefault(v => v.Published) ?? g.First())
                .OrderBy(v => v.Slug, StringComparer.Ordinal);
            foreach (var version in chosen)
            {
                var fields = new JsonObject();
                foreach (var field in known.Where(f => f.Kind != FieldKind.Image))
                {
                    if (Value(field, version) is { } value)
                    {
                        fields[field.Name] = value;
                    }
                }

                items.Add(new JsonObject { ["type"] = type.Name, ["slug"] = version.Slug, ["published"] = version.Published, ["fields"] = fields });
            }
        }

        return items.Count == 0 ? null : new JsonObject { ["items"] = items };
    }

    private static JsonNode? Value(ContentField field, Core.Content.ContentItem item) => field.Get(item) switch
    {
        null => null,
        DateOnly date => VietnamTime.FormatIsoDate(date),
        List<string> list => list.Count == 0 ? null : new JsonArray([.. list.Select(v => JsonValue.Create(v))]),
        _ => field.Display(item) is [var single] && single.Length > 0 ? single : null,
    };

    public sealed record Data(List<ItemData> Items);

    public sealed record ItemData(string Type, string Slug, bool Published, Dictionary<string, JsonElement> Fields);

    // Terms may come from an earlier step of the same recipe, so they are checked when the step runs.
    public void Validate(RecipeStep step) => _ = Build(step, (_, _) => true, null).ToList();

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var terms = (await db.TaxonomyTerms.AsNoTracking().Select(t => new { t.Taxonomy, t.Code }).ToListAsync(cancellationToken))
            .Select(t => (t.Taxonomy, t.Code)).ToHashSet();
        contentFields.Reset();
        var fields = new Dictionary<string, IReadOnlyList<ContentField>>(StringComparer.Ordinal);
        foreach (var type in types.All)
        {
            fields[type.Name] = await contentFields.ForAsync(type, cancellationToken);
        }

        var changed = 0;
        foreach (var (type, item, published) in Build(step, (taxonomy, code) => terms.Contains((taxonomy, code)), fields).ToList())
        {
            if (await type.Query(db).AnyAsync(x => x.Slug == item.Slug && x.DeletedUtc == null, cancellationToken))
            {
                continue;
            }

            await content.CreateAsync(item, userId: null, published, cancellationToken);
            changed++;
        }

        return changed;
    }

    /// <summary>The items of the step; <paramref name="fields"/> null (validation) checks only the types' own fields.</summary>
    private IEnumerable<(ContentTypeDefinition Type, Core.Content.ContentItem Item, bool Published)> Build(
        RecipeStep step, Func<string, string, bool> termExists, Dictionary<string, IReadOnlyList<ContentField>>? fields)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        for (var i = 0; i < (data.Items?.Count ?? 0); i++)
        {
            var entry = data.Items![i];
            var type = types.All.FirstOrDefault(t => t.GenericEditor && t.Name == entry.Type)
                ?? throw step.Fail($"$.items[{i}].type", "'{0}' is not a content type this step sets; use {1}", entry.Type, string.Join(", ", types.All.Where(t => t.GenericEditor).Select(t => t.Name)));
            if (!Slug.IsValid(entry.Slug))
            {
                throw step.Fail($"$.items[{i}].slug", "must be lower-case ASCII words joined by '-'");
            }

            var item = type.Create();
            item.Slug = entry.Slug;
            var known = fields?[type.Name] ?? type.Fields;
            foreach (var (name, value) in entry.Fields ?? [])
            {
                if (fields is null && type.IsDirectory && !type.Fields.Any(f => f.Name == name))
                {
                    continue; // perhaps a custom field that an earlier step adds: checked when the step runs
                }

                var field = known.FirstOrDefault(f => f.Name == name)
                    ?? throw step.Fail($"$.items[{i}].fields.{name}", "'{0}' is not a field of {1}", name, type.Name);
                IReadOnlyList<string> values = value.ValueKind == JsonValueKind.Array
                    ? [.. value.EnumerateArray().Select(v => v.ToString())]
                    : [value.ToString()];
                if (field.Apply(item, values, termExists) is { } error)
                {
                    throw step.Fail($"$.items[{i}].fields.{name}", error.Message, error.Arguments);
                }
            }

            var missing = known.FirstOrDefault(f => f.Required && f.Display(item).Count == 0);
            if (missing is not null)
            {
                throw step.Fail($"$.items[{i}].fields.{missing.Name}", "is required");
            }

            yield return (type, item, entry.Published);
        }
    }
}
