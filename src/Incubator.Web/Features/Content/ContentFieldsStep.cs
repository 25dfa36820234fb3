using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Incubator.Core.Text;
using Incubator.Recipes;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Content;

/// <summary>
/// Recipe step "ContentFields": custom fields on the directory's content types, e.g.
/// <c>{ "fields": [ { "type": "startup", "name": "OcopStars", "label": { "vi": "Hạng OCOP", "en": "OCOP rating" }, "kind": "choice",
/// "options": [ "3 sao", "4 sao", "5 sao" ], "public": true, "searchable": true } ] }</c>.
/// A field is keyed by type and name: a second run updates its label, options and flags in place. Its kind cannot
/// change once values may exist (add a field under another name instead), and a field the recipe does not list is
/// kept, with its values.
/// </summary>
internal sealed partial class ContentFieldsStep(IncubatorDbContext db, ContentFieldsService contentFields, ContentTypeRegistry types) : IRecipeStep, IRecipeExport
{
    public const int MaxOptions = 100;

    public string Name => "ContentFields";

    public RecipeExportKind ExportKind => RecipeExportKind.Configuration;

    // Before the Content step, whose items may fill these fields.
    public int ExportOrder => 25;

    /// <summary>Every custom field in its form order, in the step's own shape.</summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var stored = await db.CustomFields.AsNoTracking().ToListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            return null;
        }

        var fields = new JsonArray();
        foreach (var f in stored.OrderBy(f => f.Position).ThenBy(f => f.ContentType, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            var label = new JsonObject { ["vi"] = f.LabelVi };
            if (f.LabelEn is not null)
            {
                label["en"] = f.LabelEn;
            }

            var field = new JsonObject
            {
                ["type"] = f.ContentType, ["name"] = f.Name, ["label"] = label, ["kind"] = Kind(f.Kind),
                ["required"] = f.Required, ["public"] = f.Public, ["searchable"] = f.Searchable,
            };
            if (f.Kind == FieldKind.Choice)
            {
                field["options"] = JsonNode.Parse(f.OptionsJson);
            }

            fields.Add(field);
        }

        return new JsonObject { ["fields"] = fields };
    }

    public sealed record Label(string? Vi, string? En);

    public sealed record FieldData(string? Type, string? Name, Label? Label, string? Kind, bool Required, bool Public, bool Searchable, List<string>? Options);

    public sealed record Data(List<FieldData>? Fields);

    public void Validate(RecipeStep step) => _ = Read(step);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        var wanted = Read(step);
        var stored = await db.CustomFields.ToListAsync(cancellationToken);
        var changed = 0;
        for (var i = 0; i < wanted.Count; i++)
        {
            var field = wanted[i];
            var row = stored.Find(f => f.ContentType == field.ContentType && f.Name == field.Name);
            if (row is null)
            {
                db.CustomFields.Add(field);
                changed++;
                continue;
            }

            if (row.Kind != field.Kind)
            {
                throw step.Fail($"$.fields[{i}].kind", "'{0}' of {1} is already a {2} field; a kind cannot change once values may exist, so add a field under another name", field.Name, field.ContentType, Kind(row.Kind));
            }

            if ((row.LabelVi, row.LabelEn, row.Required, row.Public, row.Searchable, row.OptionsJson, row.Position)
                != (field.LabelVi, field.LabelEn, field.Required, field.Public, field.Searchable, field.OptionsJson, field.Position))
            {
                (row.LabelVi, row.LabelEn, row.Required, row.Public, row.Searchable, row.OptionsJson, row.Position)
                    = (field.LabelVi, field.LabelEn, field.Required, field.Public, field.Searchable, field.OptionsJson, field.Position);
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        contentFields.Reset();
        return changed;
    }

    private static string Kind(FieldKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private List<CustomFieldDefinition> Read(RecipeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var data = step.Read<Data>();
        var fields = data.Fields ?? throw step.Fail("$.fields", "is required (an array of fields)");
        var result = new List<CustomFieldDefinition>();
        for (var i = 0; i < fields.Count; i++)
        {
            var at = $"$.fields[{i}]";
            var f = fields[i] ?? throw step.Fail(at, "must be an object");
            var type = types.Directory.FirstOrDefault(t => t.Name == f.Type)
                ?? throw step.Fail($"{at}.type", "'{0}' cannot take custom fields; use {1}", f.Type, string.Join(", ", types.Directory.Select(t => t.Name)));
            if (f.Name is null || !FieldName().IsMatch(f.Name))
            {
                throw step.Fail($"{at}.name", "must start with a capital letter and hold only ASCII letters and digits (at most 64), e.g. OcopStars");
            }

            if (type.Fields.Any(b => string.Equals(b.Name, f.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw step.Fail($"{at}.name", "'{0}' is already a field of {1}", f.Name, type.Name);
            }

            if (result.Exists(r => r.ContentType == type.Name && r.Name == f.Name))
            {
                throw step.Fail($"{at}.name", "'{0}' is listed twice for {1}", f.Name, type.Name);
            }

            var kind = CustomFieldDefinition.Kinds.FirstOrDefault(k => Kind(k) == f.Kind);
            if (f.Kind is null || Kind(kind) != f.Kind)
            {
                throw step.Fail($"{at}.kind", "'{0}' is not a kind of field; use {1}", f.Kind, string.Join(", ", CustomFieldDefinition.Kinds.Select(Kind)));
            }

            var labelVi = VietnameseText.ToNfc(f.Label?.Vi?.Trim() ?? string.Empty);
            var labelEn = f.Label?.En?.Trim();
            if (labelVi.Length is 0 or > CustomFieldDefinition.LabelMaxLength)
            {
                throw step.Fail($"{at}.label.vi", "is required, at most {0} characters", CustomFieldDefinition.LabelMaxLength);
            }

            if (labelEn?.Length > CustomFieldDefinition.LabelMaxLength)
            {
                throw step.Fail($"{at}.label.en", "is longer than {0} characters", CustomFieldDefinition.LabelMaxLength);
            }

            var options = (f.Options ?? []).Select(o => VietnameseText.ToNfc(o?.Trim() ?? string.Empty)).ToList();
            if (kind == FieldKind.Choice && (options.Count is 0 or > MaxOptions || options.Exists(o => o.Length is 0 or > 100) || options.Distinct(StringComparer.Ordinal).Count() != options.Count))
            {
                throw step.Fail($"{at}.options", "a choice needs from 1 to {0} different options of 1 to 100 characters", MaxOptions);
            }

            if (kind != FieldKind.Choice && options.Count > 0)
            {
                throw step.Fail($"{at}.options", "only a choice field has options");
            }

            result.Add(new CustomFieldDefinition
            {
                ContentType = type.Name,
                Name = f.Name,
                LabelVi = labelVi,
                LabelEn = string.IsNullOrEmpty(labelEn) ? null : labelEn,
                Kind = kind,
                Required = f.Required,
                Public = f.Public,
                Searchable = f.Searchable,
                OptionsJson = JsonSerializer.Serialize(options),
                Position = i,
            });
        }

        return result;
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,63}$")]
    private static partial Regex FieldName();
}
