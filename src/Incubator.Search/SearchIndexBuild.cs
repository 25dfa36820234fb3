using Lucene.Net.Analysis;

namespace Incubator.Search;

/// <summary>
/// A new generation of the index being written beside the live one, which keeps answering until
/// <see cref="Complete"/> swaps this one into place. Disposing a build that was not completed abandons it: its folder
/// holds no commit and the next build or start removes it.
/// </summary>
public sealed class SearchIndexBuild : IDisposable
{
    private readonly LuceneSearchIndex _index;
    private readonly IndexGeneration _generation;
    private readonly Analyzer _folded;
    private readonly Lock _gate = new();
    private bool _finished;

    internal SearchIndexBuild(LuceneSearchIndex index, IndexGeneration generation, Analyzer folded)
    {
        _index = index;
        _generation = generation;
        _folded = folded;
    }

    /// <summary>How many documents the build holds so far.</summary>
    public int DocumentCount => _generation.Writer.NumDocs;

    /// <summary>Adds documents; each key is expected once per build (the host reads every item once).</summary>
    public void Add(IReadOnlyList<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            foreach (var document in documents)
            {
                _generation.Writer.AddDocument(IndexSchema.ToDocument(document, _folded));
            }
        }
    }

    /// <summary>
    /// Commits with <paramref name="checkpoint"/> (the outbox position read before the build read its items, so that
    /// changes made meanwhile are applied again afterwards), then swaps the build into place atomically: the pointer
    /// file is replaced by rename and the old generation's folder removed.
    /// </summary>
    public void Complete(IndexCheckpoint checkpoint)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            _generation.Commit(checkpoint);
            _index.Swap(_generation);
            _finished = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _finished = true;
                _generation.Abandon();
            }
        }
    }
}
