using System.Text.Json;
using Incubator.Core.Text;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Content;

/// <summary>
/// Recipe step "Content": <c>{ "items": [ { "type": "page", "slug": "gioi-thieu", "published": true, "fields": { "Title": "...", "Body": "..." } } ] }</c>.
/// Field names are the content type's fields, its own or custom ones (a custom field may come from an earlier
/// "ContentFields" step of the same recipe, so it is checked when the step runs). An item whose slug already exists
/// is left as staff may have edited it since; so running a recipe again changes nothing.
/// </summary>
internal sealed class ContentStep(IncubatorDbContext db, ContentManager content, ContentFieldsService contentFields) : IRecipeStep
{
    public string Name => "Content";

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
        foreach (var type in ContentTypes.All)
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
    private static IEnumerable<(ContentTypeDefinition Type, Core.Content.ContentItem Item, bool Published)> Build(
        RecipeStep step, Func<string, string, bool> termExists, Dictionary<string, IReadOnlyList<ContentField>>? fields)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        for (var i = 0; i < (data.Items?.Count ?? 0); i++)
        {
            var entry = data.Items![i];
            var type = ContentTypes.All.FirstOrDefault(t => t.GenericEditor && t.Name == entry.Type)
                ?? throw step.Fail($"$.items[{i}].type", $"'{entry.Type}' is not a content type this step sets; use {string.Join(", ", ContentTypes.All.Where(t => t.GenericEditor).Select(t => t.Name))}");
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
                    ?? throw step.Fail($"$.items[{i}].fields.{name}", $"'{name}' is not a field of {type.Name}");
                IReadOnlyList<string> values = value.ValueKind == JsonValueKind.Array
                    ? [.. value.EnumerateArray().Select(v => v.ToString())]
                    : [value.ToString()];
                if (field.Apply(item, values, termExists) is { } error)
                {
                    throw step.Fail($"$.items[{i}].fields.{name}", string.Format(System.Globalization.CultureInfo.InvariantCulture, error.Message, error.Arguments));
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
