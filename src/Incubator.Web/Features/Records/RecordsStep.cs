using System.Text.Json;
using System.Text.Json.Nodes;
using Incubator.Core.Time;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.Web.Features.Records;

/// <summary>
/// Recipe step "Records": <c>{ "ipRecords": [ { "key": "...", ... } ], "technologyTransactions": [...], "intermediaries": [...],
/// "contestEntries": [...] }</c>, each item the fields of the back-office form by their keys (dates as yyyy-MM-dd, money as
/// a JSON integer of đồng, flags as true/false, choices by code). Records are matched by key, so a re-run updates rather
/// than duplicates, and an item as stored changes nothing. A record the recipe does not list is left alone: staff keep them.
/// </summary>
internal sealed class RecordsStep(IncubatorDbContext db, TimeProvider clock) : IRecipeStep, IRecipeExport
{
    public const string UpdatedBy = "recipe";

    public string Name => "Records";

    public RecipeExportKind ExportKind => RecipeExportKind.Content;

    // After the localities (taxonomies) and the directory organisations (content) that records point to.
    public int ExportOrder => 80;

    /// <summary>
    /// Every record of every kind by key, its fields as the step reads them. A link to a directory organisation is left
    /// out: it is the organisation's id on this site, which another site does not have.
    /// </summary>
    public async Task<JsonObject?> ExportAsync(CancellationToken cancellationToken)
    {
        var result = new JsonObject();
        foreach (var kind in RecordKinds.All)
        {
            var records = await kind.AllAsync(db, RecordFilter.None, cancellationToken);
            if (records.Count == 0)
            {
                continue;
            }

            var list = new JsonArray();
            foreach (var record in records.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var item = new JsonObject { ["key"] = record.Key };
                foreach (var field in kind.Fields.Where(f => f.Type != RecordFieldType.Organisation))
                {
                    if (field.Raw(record) is not { } raw)
                    {
                        continue;
                    }

                    item[field.Key] = field.Type switch
                    {
                        RecordFieldType.Money => JsonValue.Create(long.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)),
                        RecordFieldType.Boolean => JsonValue.Create(raw == "true"),
                        _ => JsonValue.Create(raw),
                    };
                }

                list.Add(item);
            }

            result[kind.RecipeProperty] = list;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Checks shapes, types and formats; localities and organisations are checked when the step runs, as an earlier step may add them.</summary>
    public void Validate(RecipeStep step) => _ = Read(step, RecordLookups.None);

    public async Task<int> ExecuteAsync(RecipeStep step, CancellationToken cancellationToken)
    {
        // A TaxonomyService of its own: the scope's may have cached the terms before this recipe's Taxonomies step ran.
        var lookups = await RecordLookupsLoader.LoadAsync(db, new TaxonomyService(db), cancellationToken);
        var items = Read(step, lookups);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var group in items.GroupBy(i => i.Kind))
        {
            var kind = group.Key;
            var stored = await kind.ByKeysAsync(db, [.. group.Select(i => i.Key)], cancellationToken);
            foreach (var item in group)
            {
                if (!stored.TryGetValue(item.Key, out var record))
                {
                    record = kind.New();
                    record.Key = item.Key;
                    record.CreatedUtc = now;
                    item.Input.ApplyTo(kind, record);
                    kind.Add(db, record);
                }
                else if (!item.Input.ApplyTo(kind, record))
                {
                    continue;
                }

                record.UpdatedUtc = now;
                record.UpdatedBy = UpdatedBy;
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private sealed record Item(RecordKind Kind, string Key, RecordInput Input);

    private static List<Item> Read(RecipeStep step, RecordLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Data.ValueKind != JsonValueKind.Object)
        {
            throw step.Fail("$", "the step must be an object");
        }

        var byProperty = RecordKinds.All.ToDictionary(k => k.RecipeProperty, StringComparer.Ordinal);
        var result = new List<Item>();
        foreach (var property in step.Data.EnumerateObject())
        {
            if (!byProperty.TryGetValue(property.Name, out var kind))
            {
                throw step.Fail($"$.{property.Name}", "unknown property; use {0}", string.Join(", ", byProperty.Keys));
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw step.Fail($"$.{property.Name}", "must be an array of records");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in property.Value.EnumerateArray())
            {
                var path = $"$.{property.Name}[{index++}]";
                var item = ReadItem(step, kind, element, path, lookups);
                if (!keys.Add(item.Key))
                {
                    throw step.Fail($"{path}.key", "'{0}' appears twice", item.Key);
                }

                result.Add(item);
            }
        }

        return result;
    }

    private static Item ReadItem(RecipeStep step, RecordKind kind, JsonElement element, string path, RecordLookups lookups)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw step.Fail(path, "must be an object");
        }

        var fields = kind.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? key = null;
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (property.Name == "key")
            {
                key = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (!RecordField.IsKey(key))
                {
                    throw step.Fail(at, "must be 1-{0} ASCII letters, digits, '-', '_' or '.'", RecordBase.KeyMaxLength);
                }

                continue;
            }

            if (!fields.TryGetValue(property.Name, out var field))
            {
                throw step.Fail(at, "unknown field; the fields of {0} are key, {1}", kind.RecipeProperty, string.Join(", ", fields.Keys));
            }

            raw[property.Name] = Text(step, field, property.Value, at);
        }

        if (key is null)
        {
            throw step.Fail($"{path}.key", "is required: a stable key, so that running the recipe again updates this record");
        }

        var input = RecordInput.Read(kind, name => raw.GetValueOrDefault(name), RecordSource.Recipe, lookups);
        if (input.Errors.Count > 0)
        {
            // In form order, so the first problem a reader meets in the item is the one reported.
            var first = kind.Fields.First(f => input.Errors.ContainsKey(f.Key));
            var error = input.Errors[first.Key];
            throw step.Fail($"{path}.{first.Key}", error.Message, error.Arguments);
        }

        return new Item(kind, key, input);
    }

    /// <summary>A JSON value as the text a field parses, refusing a value of the wrong JSON type.</summary>
    private static string? Text(RecipeStep step, RecordField field, JsonElement value, string path) => (field.Type, value.ValueKind) switch
    {
        (_, JsonValueKind.Null) => null,
        (RecordFieldType.Boolean, JsonValueKind.True) => "true",
        (RecordFieldType.Boolean, JsonValueKind.False) => "false",
        (RecordFieldType.Boolean, _) => throw step.Fail(path, "must be true or false"),
        (RecordFieldType.Money, JsonValueKind.Number) => value.GetRawText(),
        (RecordFieldType.Money, _) => throw step.Fail(path, "must be a whole number of đồng (a JSON integer)"),
        (_, JsonValueKind.String) => value.GetString(),
        _ => throw step.Fail(path, "must be a string"),
    };
}
