using Microsoft.EntityFrameworkCore;

namespace Incubator.Search;

/// <summary>
/// What a feature contributes to the index: the documents of its items (Orchard's full-text aspect), built from the
/// feature's own data. Runs on the same DbContext as the indexer that calls it.
/// </summary>
public interface ISearchSource
{
    /// <summary>The document types this source builds, e.g. "startup", "mentor".</summary>
    IReadOnlyList<string> Types { get; }

    /// <summary>The documents of the given items as they are now; an item that should not be found is left out.</summary>
    Task<IReadOnlyList<SearchDocument>> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    /// <summary>Every item of the type that may have a document, for a full rebuild.</summary>
    Task<IReadOnlyList<string>> ItemIdsAsync(string type, CancellationToken cancellationToken);
}

/// <summary>
/// Feeds one instance's index from the database: applies the outbox past the index's own checkpoint (kept in the
/// index's commits, so each instance reads the shared outbox at its own pace and none deletes from it), and fills a
/// full rebuild from the sources. The documents are read afresh, so applying a row twice changes nothing.
/// </summary>
public sealed class SearchIndexer(DbContext db, LuceneSearchIndex index, IEnumerable<ISearchSource> sources)
{
    private readonly Dictionary<string, ISearchSource> _sources = sources.SelectMany(s => s.Types.Select(t => (t, s))).ToDictionary(p => p.t, p => p.s, StringComparer.Ordinal);

    /// <summary>Applies up to <paramref name="batchSize"/> settled outbox rows past the index's checkpoint; returns how many (0: nothing to do).</summary>
    public async Task<int> ApplyOutboxAsync(int batchSize = 500, CancellationToken cancellationToken = default)
    {
        var settled = await SearchOutboxReader.SettledTxIdAsync(db, cancellationToken);
        var rows = await SearchOutboxReader.ReadAsync(db, index.Checkpoint, settled, batchSize, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var upserts = new List<SearchDocument>();
        var deletes = new List<string>();
        foreach (var group in rows.GroupBy(r => r.Type, StringComparer.Ordinal))
        {
            var (found, gone) = await LoadAsync(group.Key, [.. group.Select(r => r.ItemId).Distinct(StringComparer.Ordinal)], cancellationToken);
            upserts.AddRange(found);
            deletes.AddRange(gone);
        }

        db.ChangeTracker.Clear();
        index.Apply(upserts, deletes, rows[^1].Position);
        return rows.Count;
    }

    /// <summary>
    /// Adds every item's document to <paramref name="build"/>, type by type in batches of <paramref name="batchSize"/>,
    /// reporting (done, total) after each batch. The caller read the outbox position before and completes the build.
    /// </summary>
    public async Task FillAsync(SearchIndexBuild build, int batchSize, Action<int, int> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(progress);
        var plan = new List<(string Type, ISearchSource Source, IReadOnlyList<string> Ids)>();
        foreach (var (type, source) in _sources)
        {
            plan.Add((type, source, await source.ItemIdsAsync(type, cancellationToken)));
        }

        var total = plan.Sum(p => p.Ids.Count);
        var done = 0;
        progress(done, total);
        foreach (var (type, source, ids) in plan)
        {
            foreach (var chunk in ids.Chunk(batchSize))
            {
                build.Add(await source.LoadAsync(type, chunk, cancellationToken));
                db.ChangeTracker.Clear();
                done += chunk.Length;
                progress(done, total);
            }
        }
    }

    private async Task<(IReadOnlyList<SearchDocument> Found, List<string> Gone)> LoadAsync(string type, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var documents = _sources.TryGetValue(type, out var source)
            ? await source.LoadAsync(type, itemIds, cancellationToken)
            : [];
        var found = documents.Select(d => d.ItemId).ToHashSet(StringComparer.Ordinal);
        return (documents, itemIds.Where(id => !found.Contains(id)).Select(id => SearchDocument.KeyOf(type, id)).ToList());
    }
}
