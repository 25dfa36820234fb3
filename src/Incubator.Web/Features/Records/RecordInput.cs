using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Records;

/// <summary>
/// The values of one record as a form or a recipe gave them, parsed field by field: every problem is kept by field,
/// and nothing reaches the entity unless there is none.
/// </summary>
internal sealed class RecordInput
{
    private RecordInput()
    {
    }

    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RecordError> Errors { get; } = new(StringComparer.Ordinal);
    public bool IsValid => Errors.Count == 0;

    /// <summary>Parses every field of <paramref name="kind"/> from <paramref name="raw"/> (null when absent), then the checks between fields.</summary>
    public static RecordInput Read(RecordKind kind, Func<string, string?> raw, RecordSource source, RecordLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(raw);
        var input = new RecordInput();
        foreach (var field in kind.Fields)
        {
            var (value, error) = field.Parse(raw(field.Key), source, lookups);
            if (error is not null)
            {
                input.Errors[field.Key] = error;
            }
            else
            {
                input.Values[field.Key] = value;
            }
        }

        if (input.IsValid)
        {
            foreach (var (field, error) in kind.Check(input.Values))
            {
                input.Errors.TryAdd(field, error);
            }
        }

        return input;
    }

    /// <summary>Writes the values into the record; returns whether any differed, so an unchanged save changes nothing.</summary>
    public bool ApplyTo(RecordKind kind, RecordBase record)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(record);
        if (!IsValid)
        {
            throw new InvalidOperationException("An input with errors is never applied.");
        }

        var changed = false;
        foreach (var field in kind.Fields)
        {
            var value = Values.GetValueOrDefault(field.Key);
            if (!string.Equals(RecordField.Format(value), field.Raw(record), StringComparison.Ordinal))
            {
                field.Write(record, value);
                changed = true;
            }
        }

        return changed;
    }
}

/// <summary>Loads what the fields check against: the localities taxonomy and the directory's organisations.</summary>
internal static class RecordLookupsLoader
{
    public static async Task<RecordLookups> LoadAsync(IncubatorDbContext db, TaxonomyService taxonomies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taxonomies);
        var exists = await taxonomies.ExistsAsync(cancellationToken);
        var organisations = (await db.Organisations.AsNoTracking().Where(o => o.Latest && o.DeletedUtc == null).Select(o => o.ContentItemId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return new RecordLookups(code => exists(TaxonomyTerm.Localities, code), organisations.Contains);
    }
}
