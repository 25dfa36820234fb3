using System.Globalization;
using Incubator.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using LockObtainFailedException = Lucene.Net.Store.LockObtainFailedException;

namespace Incubator.Search;

/// <summary>
/// The site's search index: Lucene.Net over a folder of generations (<c>folder/1</c>, <c>folder/2</c>, …) and a
/// pointer file naming the current one. The database stays the truth: the host feeds <see cref="Apply"/> from the
/// outbox with the checkpoint each batch reaches, and rebuilds a new generation beside the live one when
/// <see cref="Condition"/> asks for it. Searches run concurrently with both and never see a half state: a generation
/// is replaced only under a lock that waits for the searches reading it.
/// </summary>
public sealed class LuceneSearchIndex : IDisposable
{
    /// <summary>The file naming the current generation's folder; replaced by rename, so it is always whole.</summary>
    public const string PointerFile = "current";

    private readonly string _folder;
    private readonly TimeProvider _clock;
    private readonly Analyzer _folded = SearchAnalyzers.Folded();
    private readonly Analyzer _exact = SearchAnalyzers.Exact();
    private readonly Analyzer _analyzer;
    private readonly SearchResultCache _results = new();

    // Searches hold the read side while they use a generation; a swap takes the write side for the instant of the
    // exchange, so the generation it retires is no longer in use when it is closed.
    private readonly ReaderWriterLockSlim _swap = new(LockRecursionPolicy.NoRecursion);

    // One writer at a time: Apply, and the swap at the end of a rebuild.
    private readonly Lock _write = new();

    private IndexGeneration _current;
    private SearchIndexCondition _condition;
    private bool _disposed;
    private volatile bool _writerFailed;
    private long _changes;
    private int _searching;

    private LuceneSearchIndex(string folder, TimeProvider clock)
    {
        _folder = folder;
        _clock = clock;
        _analyzer = IndexSchema.CreateAnalyzer(_folded, _exact);
        (_current, _condition) = OpenCurrent();
    }

    public SearchIndexCondition Condition => _condition;

    /// <summary>The outbox position the current generation has applied, from its last commit.</summary>
    public IndexCheckpoint Checkpoint => Read(g => g.Checkpoint);

    /// <summary>When the current generation's rebuild started; null when there is none.</summary>
    public DateTime? BuiltUtc => Read(g => g.BuiltUtc);

    public int DocumentCount => Read(g => g.Writer.NumDocs);

    /// <summary>
    /// How many times what searches see has changed (a batch applied, a rebuild swapped in): a value kept from an
    /// answer of the index is still right while this has not moved.
    /// </summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>
    /// Whether <see cref="Search"/> keeps answers for the current searcher (on by default). A benchmark turns it off
    /// so that every query it times is searched, not found in the cache of its own earlier runs.
    /// </summary>
    public bool CacheResults { get; set; } = true;

    /// <summary>
    /// Below this many documents per core a search runs on one thread; above, the documents are cut into slices
    /// scored at once (see <see cref="IndexSearch"/>). A test lowers it to compare both ways on a small index.
    /// </summary>
    public int MinSliceDocuments { get; set; } = IndexSearch.DefaultMinSliceDocuments;

    /// <summary>
    /// Opens the index kept under <paramref name="folder"/> (creating the folder). It never throws for a missing,
    /// corrupt or outdated index: it opens empty (or, when outdated, with the old index answering) and
    /// <see cref="Condition"/> says why, so the host starts a rebuild. One folder serves one open index: a second
    /// one over the same folder throws <see cref="LockObtainFailedException"/>.
    /// </summary>
    public static LuceneSearchIndex Open(string folder, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(clock);
        System.IO.Directory.CreateDirectory(folder);
        return new LuceneSearchIndex(Path.GetFullPath(folder), clock);
    }

    /// <summary>
    /// Removes <paramref name="deletedKeys"/>, adds or replaces <paramref name="upserts"/> by key, and commits durably
    /// with <paramref name="checkpoint"/>; searches see the change when this returns. Applying the same rows twice
    /// gives the same index, so a host may replay from an older checkpoint.
    /// </summary>
    public void Apply(IReadOnlyList<SearchDocument> upserts, IReadOnlyCollection<string> deletedKeys, IndexCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletedKeys);
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var generation = _current;
            try
            {
                foreach (var key in deletedKeys)
                {
                    generation.Writer.DeleteDocuments(new Term(IndexSchema.Key, key));
                }

                foreach (var document in upserts)
                {
                    generation.Writer.UpdateDocument(new Term(IndexSchema.Key, document.Key), IndexSchema.ToDocument(document, _folded));
                }

                generation.Commit(checkpoint);
                Interlocked.Increment(ref _changes);
            }
            catch (ObjectDisposedException ex) when (!_disposed)
            {
                // Lucene closes a writer for good after a failure it cannot recover from (a disk that failed in the
                // middle of a commit; Lucene.Net's AlreadyClosedException is an ObjectDisposedException): this
                // generation takes no more changes. It keeps answering as it last
                // committed, and the host rebuilds a new one from the database, which holds every change.
                _writerFailed = true;
                throw new SearchIndexWriterFailedException(ex);
            }
        }
    }

    /// <summary>
    /// Whether the current generation's writer closed after a failure, so that changes can no longer be applied
    /// to it: the host must rebuild (a completed rebuild clears it).
    /// </summary>
    public bool WriterFailed => _writerFailed;

    /// <summary>The current generation's writer, for a test that closes it as a failed disk would.</summary>
    internal IndexWriter CurrentWriter => _current.Writer;

    /// <summary>
    /// Starts a new generation beside the current one, which keeps answering (and taking <see cref="Apply"/>) until
    /// the build completes. <paramref name="startedUtc"/> becomes <see cref="BuiltUtc"/>.
    /// </summary>
    public SearchIndexBuild BeginRebuild(DateTime startedUtc)
    {
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var name = NextGenerationName();
            var path = Path.Combine(_folder, name);
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true); // a build that died before its swap
            }

            System.IO.Directory.CreateDirectory(path);
            var generation = IndexGeneration.CreateOnDisk(name, path, _analyzer);
            generation.Stamp(startedUtc);
            return new SearchIndexBuild(this, generation, _folded);
        }
    }

    /// <summary>
    /// Ranked over every match (BM25), with the exact total, facets counted over all matches, rights and filters
    /// inside the query, and HTML-encoded snippets with &lt;mark&gt;. Never throws for any user text.
    /// </summary>
    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = CacheResults ? SearchResultCache.KeyOf(request) : null;
        return WithSearcher(searcher =>
        {
            if (key is not null && _results.TryGet(searcher, key, out var cached))
            {
                return cached;
            }

            // Slices use every core for one search; when another search is already running, the cores are taken, and
            // cutting this one too would only add the cost of merging slices to the wait: it runs on its own thread.
            var alone = Interlocked.Increment(ref _searching) == 1;
            SearchResults results;
            try
            {
                results = IndexSearch.Run(searcher, request, _folded, _exact, alone ? MinSliceDocuments : int.MaxValue);
            }
            finally
            {
                Interlocked.Decrement(ref _searching);
            }

            if (key is not null)
            {
                _results.Add(searcher, key, results);
            }

            return results;
        });
    }

    /// <summary>Titles for the search box: up to <paramref name="max"/> visible to <paramref name="scope"/>, by prefix of the typed words.</summary>
    public IReadOnlyList<SearchHit> Suggest(string? text, SearchScope scope, int max = 8)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (max <= 0)
        {
            return [];
        }

        var parsed = SearchQuery.Parse(text, prefixLastWord: true);
        var query = IndexQuery.Suggestion(parsed, scope, _folded);
        return query is null ? [] : WithSearcher(searcher => IndexSearch.Suggest(searcher, query, Math.Min(max, 100)));
    }

    public void Dispose()
    {
        lock (_write)
        {
            if (_disposed)
            {
                return;
            }

            _swap.EnterWriteLock();
            try
            {
                _disposed = true;
                _current.Dispose();
            }
            finally
            {
                _swap.ExitWriteLock();
            }
        }

        _swap.Dispose();
        _analyzer.Dispose();
        _folded.Dispose();
        _exact.Dispose();
    }

    /// <summary>Puts a completed build in place: the pointer file first (durable), then the live generation.</summary>
    internal void Swap(IndexGeneration built)
    {
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WritePointer(built.Name!);
            IndexGeneration retired;
            _swap.EnterWriteLock();
            try
            {
                retired = _current;
                _current = built;
                _condition = SearchIndexCondition.Ready;
                _writerFailed = false;
            }
            finally
            {
                _swap.ExitWriteLock();
            }

            Interlocked.Increment(ref _changes);

            retired.Dispose();
            RemoveGenerationsBelow(built.Name!);
        }
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> search)
    {
        _swap.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var searchers = _current.Searchers;
            var searcher = searchers.Acquire();
            try
            {
                return search(searcher);
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        finally
        {
            _swap.ExitReadLock();
        }
    }

    private T Read<T>(Func<IndexGeneration, T> read)
    {
        _swap.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return read(_current);
        }
        finally
        {
            _swap.ExitReadLock();
        }
    }

    private (IndexGeneration, SearchIndexCondition) OpenCurrent()
    {
        var pointer = Path.Combine(_folder, PointerFile);
        if (!File.Exists(pointer))
        {
            return (IndexGeneration.InMemory(_analyzer), SearchIndexCondition.Missing);
        }

        IndexGeneration? generation = null;
        try
        {
            var name = File.ReadAllText(pointer).Trim();
            var path = Path.Combine(_folder, name);
            if (!IsGenerationName(name) || !System.IO.Directory.Exists(path))
            {
                return (IndexGeneration.InMemory(_analyzer), SearchIndexCondition.Corrupt);
            }

            generation = IndexGeneration.OpenOnDisk(name, path, _analyzer);
            if (!generation.HasCommitData)
            {
                generation.Dispose();
                return (IndexGeneration.InMemory(_analyzer), SearchIndexCondition.Corrupt);
            }

            if (!generation.IsCurrentVersion)
            {
                return (generation, SearchIndexCondition.Outdated);
            }

            RemoveGenerationsBut(name);
            return (generation, SearchIndexCondition.Ready);
        }
        catch (LockObtainFailedException)
        {
            // Not damage: another index object (in this process or another) has this generation open. Treating it
            // as corrupt would start a rebuild that retires the other's generation under it.
            throw;
        }
        catch (Exception)
        {
            // Whatever garbage in the files made Lucene throw (CorruptIndexException, IOException, or worse from a
            // decoder fed nonsense), the answer is the same: an empty index answers, the rebuild replaces this one.
            try
            {
                generation?.Dispose();
            }
            catch (Exception)
            {
                // The generation is unreadable already; failing to close it changes nothing.
            }

            return (IndexGeneration.InMemory(_analyzer), SearchIndexCondition.Corrupt);
        }
    }

    private string NextGenerationName()
    {
        var highest = _current.Name is { } current ? Number(current) : 0;
        foreach (var path in System.IO.Directory.EnumerateDirectories(_folder))
        {
            var name = Path.GetFileName(path);
            if (IsGenerationName(name))
            {
                highest = Math.Max(highest, Number(name));
            }
        }

        return (highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static long Number(string name) => long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private void WritePointer(string name)
    {
        var pointer = Path.Combine(_folder, PointerFile);
        var temporary = pointer + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using var writer = new StreamWriter(file);
            writer.Write(name);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, pointer, overwrite: true);
    }

    /// <summary>Deletes the folders of every other generation (retired ones, builds that died) at start-up.</summary>
    private void RemoveGenerationsBut(string keep) => RemoveGenerations(name => name != keep);

    /// <summary>
    /// Deletes the folders of the generations older than a new one; a younger one may be a build still running.
    /// One that cannot be deleted yet is left for the next swap or start.
    /// </summary>
    private void RemoveGenerationsBelow(string keep) => RemoveGenerations(name => Number(name) < Number(keep));

    private void RemoveGenerations(Func<string, bool> remove)
    {
        foreach (var path in System.IO.Directory.EnumerateDirectories(_folder))
        {
            var name = Path.GetFileName(path);
            if (IsGenerationName(name) && remove(name))
            {
                try
                {
                    System.IO.Directory.Delete(path, recursive: true);
                }
                catch (IOException)
                {
                    // A file still open (a build running now, or a reader on a system that keeps open files):
                    // the next swap or start removes it.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static bool IsGenerationName(string name) =>
        name.Length is > 0 and <= 18 && name.All(char.IsAsciiDigit);

    internal DateTime Now => _clock.GetUtcNow().UtcDateTime;
}
