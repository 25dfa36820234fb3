using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Search;
using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Records;

/// <summary>
/// Records in the back office's search: one private document per record (only the back office finds it), titled by
/// its first texts and holding all its texts, linked to its edit page. Keyed by the record's stable key, which is known
/// before the row is inserted, so the outbox row is written in the same save as the record.
/// </summary>
internal sealed class RecordSearch(IncubatorDbContext db, LinkGenerator links) : ISearchSource
{
    private const string Prefix = "record-";

    public IReadOnlyList<string> Types { get; } = [.. RecordKinds.All.Select(TypeOf)];

    public static string TypeOf(RecordKind kind) => Prefix + kind.Slug;

    /// <summary>The document type of a record row, or null for a class no kind holds.</summary>
    public static string? TypeOf(RecordBase record) => RecordKinds.All.FirstOrDefault(k => k.RecordType == record.GetType()) is { } kind ? TypeOf(kind) : null;

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var kind = KindOf(type);
        var records = await kind.ByKeysAsync(db, itemIds, cancellationToken);
        return [.. records.Values.Select(r => Document(kind, r))];
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken) =>
        [.. (await KindOf(type).AllAsync(db, RecordFilter.None, cancellationToken)).Select(r => r.Key)];

    private static RecordKind KindOf(string type) =>
        RecordKinds.BySlug(type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..] : null)
            ?? throw new InvalidOperationException($"'{type}' is not a record document type.");

    private SearchDocument Document(RecordKind kind, RecordBase record)
    {
        var texts = kind.Fields.Where(f => f.Type is RecordFieldType.Text or RecordFieldType.LongText or RecordFieldType.Code)
            .Select(f => f.Raw(record)).Where(v => !string.IsNullOrWhiteSpace(v)).Cast<string>().ToList();
        return new SearchDocument
        {
            Type = TypeOf(kind),
            ItemId = record.Key,
            Title = texts.Count == 0 ? record.Key : string.Join(" — ", texts.Take(2)),
            Url = links.PathToPage("/Records/Admin/Edit", new { kind = kind.Slug, id = record.Id }),
            Body = string.Join('\n', texts.Skip(2).Append(record.Notes ?? string.Empty)).Trim(),
            Public = false,
            Locality = record.Locality,
            UpdatedUtc = record.UpdatedUtc,
        };
    }
}

internal static class RecordSearchRegistrations
{
    /// <summary>Records' search source, their re-indexing on every save, and the names of their document types.</summary>
    public static IServiceCollection AddRecordSearch(this IServiceCollection services)
    {
        services.AddSearchSource<RecordSearch>();
        services.AddSearchTracking<RecordBase>(r => RecordSearch.TypeOf(r) is { } type && r.Key.Length > 0 ? (type, r.Key) : null);
        foreach (var kind in RecordKinds.All)
        {
            services.AddSearchTypeName(RecordSearch.TypeOf(kind), kind.Singular, kind.Title);
        }

        return services;
    }
}
