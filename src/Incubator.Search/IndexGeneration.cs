using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Incubator.Search.Analysis;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Incubator.Search;

/// <summary>
/// One complete index: its directory, the writer kept open for its whole life, and the searchers refreshed after each
/// commit. The live index answers from one generation; a rebuild writes the next one beside it.
/// </summary>
internal sealed class IndexGeneration : IDisposable
{
    private const string CheckpointTxKey = "checkpoint.tx";
    private const string CheckpointIdKey = "checkpoint.id";
    private const string AnalyzersKey = "analyzers";
    private const string SchemaKey = "schema";
    private const string BuiltKey = "built";

    private readonly Dictionary<string, string> _data;
    private bool _disposed;

    private IndexGeneration(string? name, LuceneDirectory directory, IndexWriter writer, IDictionary<string, string> data)
    {
        Name = name;
        Directory = directory;
        Writer = writer;
        _data = new Dictionary<string, string>(data, StringComparer.Ordinal);
        Searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>The generation's folder name; null for the empty in-memory index that answers while there is none.</summary>
    public string? Name { get; }

    public LuceneDirectory Directory { get; }

    public IndexWriter Writer { get; }

    public SearcherManager Searchers { get; }

    public IndexCheckpoint Checkpoint => new(Long(CheckpointTxKey), Long(CheckpointIdKey));

    public DateTime? BuiltUtc => _data.TryGetValue(BuiltKey, out var built) && long.TryParse(built, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and <= 3155378975999999999
        ? new DateTime(ticks, DateTimeKind.Utc)
        : null;

    /// <summary>Whether the generation was written by this version of the analyzers and of the schema.</summary>
    public bool IsCurrentVersion =>
        _data.GetValueOrDefault(AnalyzersKey) == SearchAnalyzers.Version.ToString(CultureInfo.InvariantCulture)
        && _data.GetValueOrDefault(SchemaKey) == IndexSchema.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the commit holds what every completed build writes into it.</summary>
    public bool HasCommitData => _data.ContainsKey(CheckpointTxKey) && _data.ContainsKey(CheckpointIdKey) && _data.ContainsKey(AnalyzersKey) && _data.ContainsKey(SchemaKey);

    /// <summary>An empty index in memory: it answers (with nothing, or with what Apply gives it) and never persists.</summary>
    public static IndexGeneration InMemory(Analyzer analyzer) => Create(null, new RAMDirectory(), analyzer, OpenMode.CREATE, ramBufferMb: 16);

    /// <summary>A new, empty generation on disk for a rebuild, with a large buffer: it takes every document at once.</summary>
    public static IndexGeneration CreateOnDisk(string name, string path, Analyzer analyzer) =>
        Create(name, FSDirectory.Open(path), analyzer, OpenMode.CREATE, ramBufferMb: 64);

    /// <summary>Opens an existing generation; throws whatever Lucene throws for an unreadable one.</summary>
    public static IndexGeneration OpenOnDisk(string name, string path, Analyzer analyzer)
    {
        var directory = FSDirectory.Open(path);
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                throw new CorruptIndexException($"No index in generation {name}.");
            }

            return Create(name, directory, analyzer, OpenMode.APPEND, ramBufferMb: 16);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static IndexGeneration Create(string? name, LuceneDirectory directory, Analyzer analyzer, OpenMode mode, double ramBufferMb)
    {
        var config = new IndexWriterConfig(SearchAnalyzers.Lucene, analyzer)
        {
            OpenMode = mode,
            RAMBufferSizeMB = ramBufferMb,
            Similarity = new BM25Similarity(),
        };
        var writer = new IndexWriter(directory, config);
        try
        {
            // Opening the searchers reads every segment: an unreadable one fails here, not at the first search.
            return new IndexGeneration(name, directory, writer, writer.CommitData ?? new Dictionary<string, string>());
        }
        catch
        {
            writer.Rollback();
            throw;
        }
    }

    /// <summary>Commits what the writer holds with <paramref name="checkpoint"/>, and makes it visible to searches.</summary>
    public void Commit(IndexCheckpoint checkpoint)
    {
        _data[CheckpointTxKey] = checkpoint.TxId.ToString(CultureInfo.InvariantCulture);
        _data[CheckpointIdKey] = checkpoint.Id.ToString(CultureInfo.InvariantCulture);
        Writer.SetCommitData(new Dictionary<string, string>(_data, StringComparer.Ordinal));
        Writer.Commit();
        Searchers.MaybeRefreshBlocking();
    }

    /// <summary>Marks a rebuilt generation with the versions that wrote it and when its build started.</summary>
    public void Stamp(DateTime startedUtc)
    {
        _data[AnalyzersKey] = SearchAnalyzers.Version.ToString(CultureInfo.InvariantCulture);
        _data[SchemaKey] = IndexSchema.Version.ToString(CultureInfo.InvariantCulture);
        _data[BuiltKey] = startedUtc.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Closes without committing: an abandoned build leaves nothing a reader would take for an index.</summary>
    public void Abandon() => Dispose();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Searchers.Dispose();

        // Every change was committed by Apply (and an abandoned build's are not wanted); closing must not commit
        // again (nor wait for merges a shutdown does not need), so the writer is rolled back to the last commit.
        Writer.Rollback();
        Directory.Dispose();
    }

    private long Long(string key) =>
        _data.TryGetValue(key, out var value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0;

    /// <summary>Searchers that rank with BM25 (Lucene 4.8's default is TF-IDF).</summary>
    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
