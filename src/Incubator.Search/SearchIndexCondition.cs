namespace Incubator.Search;

/// <summary>What <see cref="LuceneSearchIndex.Open"/> found; anything but <see cref="Ready"/> asks the host for a rebuild.</summary>
public enum SearchIndexCondition
{
    /// <summary>A complete index built by this version of the analyzers and the schema.</summary>
    Ready,

    /// <summary>No index yet: an empty one answers until the first rebuild completes.</summary>
    Missing,

    /// <summary>The index could not be read: an empty one answers, and the rebuild replaces the damaged one.</summary>
    Corrupt,

    /// <summary>Built by another version of the analyzers or the schema: it keeps answering until the rebuild completes.</summary>
    Outdated,
}
