using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Lucene.Net.Search;

namespace Incubator.Search;

/// <summary>
/// Results of the requests answered by the current searcher. A searcher sees a fixed point in time, so the same
/// request gets the same answer until the next commit opens a new searcher, which starts an empty cache: the home
/// page's counts, a directory's first page and a popular query cost one search per change instead of one per visit.
/// Requests naming private keys are not cached (their key would be as large as the list).
/// </summary>
internal sealed class SearchResultCache
{
    /// <summary>The most requests kept per searcher; beyond it results are computed but not kept.</summary>
    public const int MaxEntries = 1024;

    private Entries _entries = new(null);

    public bool TryGet(IndexSearcher searcher, string key, out SearchResults results)
    {
        var entries = Volatile.Read(ref _entries);
        if (ReferenceEquals(entries.Searcher, searcher) && entries.Results.TryGetValue(key, out var found))
        {
            results = found;
            return true;
        }

        results = null!;
        return false;
    }

    public void Add(IndexSearcher searcher, string key, SearchResults results)
    {
        var entries = Volatile.Read(ref _entries);
        if (!ReferenceEquals(entries.Searcher, searcher))
        {
            var fresh = new Entries(searcher);
            var seen = Interlocked.CompareExchange(ref _entries, fresh, entries);
            entries = ReferenceEquals(seen, entries) ? fresh : seen;
            if (!ReferenceEquals(entries.Searcher, searcher))
            {
                return; // another searcher took the cache meanwhile: this result is older than it
            }
        }

        if (entries.Results.Count < MaxEntries)
        {
            entries.Results.TryAdd(key, results);
        }
    }

    /// <summary>What identifies a request's answer, or null when it is not worth caching.</summary>
    public static string? KeyOf(SearchRequest request)
    {
        if (!request.Scope.AllPrivate && request.Scope.PrivateKeys.Count > 0)
        {
            return null;
        }

        var key = new StringBuilder(128);
        key.Append(request.Scope.AllPrivate ? 'A' : 'P').Append('|')
            .Append(request.Page.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(request.Take.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append((int)request.Sort).Append('|');
        Terms(key, request.Query.Required);
        key.Append('|');
        Terms(key, request.Query.Excluded);
        var filters = request.Filters;
        key.Append('|');
        Value(key, filters.Type);
        Value(key, filters.Sector);
        Value(key, filters.Stage);
        Value(key, filters.Year?.ToString(CultureInfo.InvariantCulture));
        if (filters.Localities is { } localities)
        {
            if (localities.Count > 64)
            {
                return null;
            }

            key.Append('L');
            foreach (var code in localities)
            {
                Value(key, code);
            }
        }

        return key.ToString();
    }

    private static void Terms(StringBuilder key, IReadOnlyList<QueryTerm> terms)
    {
        foreach (var term in terms)
        {
            key.Append(term.Prefix ? '*' : '.').Append(term.Words.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var word in term.Words)
            {
                Value(key, word);
            }
        }
    }

    // Values come from the request (a filter may hold any text), so each is written with its length: no value can
    // imitate a separator and make two different requests share one key.
    private static void Value(StringBuilder key, string? value)
    {
        if (value is null)
        {
            key.Append('-');
            return;
        }

        key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }

    private sealed class Entries(IndexSearcher? searcher)
    {
        public IndexSearcher? Searcher { get; } = searcher;

        public ConcurrentDictionary<string, SearchResults> Results { get; } = new(StringComparer.Ordinal);
    }
}
