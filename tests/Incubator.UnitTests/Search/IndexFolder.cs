using Incubator.Search;

namespace Incubator.UnitTests.Search;

/// <summary>A temporary folder for a real on-disk index, removed with the test.</summary>
public sealed class IndexFolder : IDisposable
{
    public IndexFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "incubator-index-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public LuceneSearchIndex Open() => LuceneSearchIndex.Open(Path, TimeProvider.System);

    /// <summary>An index at this folder built once from <paramref name="documents"/>, ready to search.</summary>
    public LuceneSearchIndex Built(IEnumerable<SearchDocument> documents, IndexCheckpoint? checkpoint = null)
    {
        var index = Open();
        using (var build = index.BeginRebuild(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            build.Add([.. documents]);
            build.Complete(checkpoint ?? new IndexCheckpoint(0, 1));
        }

        return index;
    }

    public static SearchDocument Doc(
        string id,
        string title,
        string body = "",
        string type = "news",
        bool isPublic = true,
        DateTime? updated = null,
        string summary = "",
        IReadOnlyList<string>? sectors = null,
        string? locality = null,
        string? stage = null,
        int? year = null) => new()
        {
            Type = type,
            ItemId = id,
            Slug = "s-" + id,
            Title = title,
            Url = $"/{type}/{id}",
            Summary = summary,
            Body = body,
            Public = isPublic,
            Sectors = sectors ?? [],
            Locality = locality,
            Stage = stage,
            Year = year,
            UpdatedUtc = updated ?? new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };

    public static SearchRequest Request(string? text, SearchFilters? filters = null, SearchScope? scope = null, int page = 1, int pageSize = 20, SearchSort sort = SearchSort.Relevance) =>
        new(SearchQuery.Parse(text, prefixLastWord: false), filters ?? SearchFilters.None, scope ?? SearchScope.Public, page, pageSize, sort);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
