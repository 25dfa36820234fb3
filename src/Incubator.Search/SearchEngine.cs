using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Incubator.Search;

/// <summary>
/// A full-text engine over the host's database: it keeps the documents and answers queries with the database's own
/// full-text search. Stateless; every call works on the DbContext (and its transaction, if one is open) it is given.
/// </summary>
/// <param name="exactUpTo">
/// The most matches ranked and counted exactly. Above it a query ranks only the newest this many matches (exact accents
/// first, then those whose title holds every word, then the newest) and reports "more than this many".
/// </param>
public abstract class SearchEngine(int exactUpTo)
{
    /// <summary>The default of <c>exactUpTo</c>: the most matches ranked and counted exactly.</summary>
    public const int DefaultExactUpTo = 1000;

    /// <summary>The most matches ranked and counted exactly; a larger match is sampled.</summary>
    public int ExactUpTo { get; } = exactUpTo >= 1 ? exactUpTo : throw new ArgumentOutOfRangeException(nameof(exactUpTo), "At least one match must be ranked exactly.");

    /// <summary>Adds or replaces documents, by key.</summary>
    public abstract Task UpsertAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>Removes documents by key; unknown keys are ignored.</summary>
    public abstract Task DeleteAsync(DbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Ranked, highlighted, faceted results within the request's scope.</summary>
    public abstract Task<SearchResults> SearchAsync(DbContext db, SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The transaction id below which every outbox row is final (committed or never to appear): PostgreSQL's oldest
    /// running transaction; on SQLite, whose writers commit in order, everything.
    /// </summary>
    public abstract Task<long> SettledTxIdAsync(DbContext db, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inside an open transaction, takes the index's state row for this indexer alone; false when another instance
    /// holds it (that instance is indexing: this one skips its turn instead of applying the same rows twice).
    /// </summary>
    public abstract Task<bool> TryLockStateAsync(DbContext db, CancellationToken cancellationToken = default);

    /// <summary>Every key of the given type in the index.</summary>
    public static async Task<HashSet<string>> KeysAsync(DbContext db, string type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.Set<SearchDocumentRecord>().AsNoTracking().Where(d => d.Type == type).Select(d => d.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
    }

    protected static async Task<T> WithConnectionAsync<T>(DbContext db, Func<DbConnection, DbTransaction?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync();
        try
        {
            return await work(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is composed from constant fragments only; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    /// <summary>
    /// Reads a page of candidates (id, type, locality, stage, sectors) with the engine's candidate query, whose
    /// filters <paramref name="bind"/> sets and whose window is @limit and @offset.
    /// </summary>
    private protected static async Task<List<Candidate>> CandidatesAsync(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        bind(command);
        Parameter(command, "@limit", limit);
        Parameter(command, "@offset", offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Candidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Candidate(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }

    protected static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected static void AddIfSet(DbCommand command, string name, string? value)
    {
        if (value is not null)
        {
            Parameter(command, name, value);
        }
    }

    protected static string SectorsJson(IReadOnlyList<string> sectors) => JsonSerializer.Serialize(sectors);

    /// <summary>Turns the facet rows ('t'|'c'|'l'|'s', value, count) into the result's facets.</summary>
    protected static SearchFacets Facets(IEnumerable<(string Facet, string Value, int Count)> rows)
    {
        var type = new Dictionary<string, int>(StringComparer.Ordinal);
        var sector = new Dictionary<string, int>(StringComparer.Ordinal);
        var locality = new Dictionary<string, int>(StringComparer.Ordinal);
        var stage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (facet, value, count) in rows)
        {
            var target = facet switch { "t" => type, "c" => sector, "l" => locality, _ => stage };
            target[value] = target.GetValueOrDefault(value) + count;
        }

        return new SearchFacets(Sorted(type), Sorted(sector), Sorted(locality), Sorted(stage));
    }

    /// <summary>
    /// The engine-neutral search: reads at most <see cref="ExactUpTo"/> + 1 candidates in their natural order (newest
    /// first); at most the cap, every match is ranked and counted; above it, only the newest cap are, and the pages
    /// past them follow in the natural order.
    /// </summary>
    /// <param name="candidates">Matches in their natural order: (limit, offset) → rows.</param>
    /// <param name="rank">Exact ranking of all matches: id → (exact accents matched, score, higher is better).</param>
    /// <param name="flags">Cheap ranking of a sample: id → (exact accents matched, the title holds every word).</param>
    private protected async Task<SearchResults> SearchCappedAsync(
        DbContext db,
        SearchRequest request,
        Func<int, int, Task<List<Candidate>>> candidates,
        Func<IReadOnlyList<long>, Task<Dictionary<long, (bool Exact, double Score)>>> rank,
        Func<IReadOnlyList<long>, Task<Dictionary<long, (bool Exact, bool Title)>>> flags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var found = await candidates(ExactUpTo + 1, 0);
        var estimate = found.Count > ExactUpTo;
        var sample = estimate ? found.GetRange(0, ExactUpTo) : found;
        var facets = Facets(FacetRows(sample));
        var (skip, take) = (request.Skip, request.Take);
        var ids = sample.ConvertAll(c => c.Id);
        var tail = new List<long>();
        if (estimate && skip + take > ExactUpTo)
        {
            var from = Math.Max(skip, ExactUpTo);
            tail = (await candidates(skip + take - from, from)).ConvertAll(c => c.Id);
        }

        var exact = new HashSet<long>();
        IEnumerable<long> order = ids;
        if (query.HasRequired && !estimate && ids.Count > 0)
        {
            var ranks = await rank(ids);
            exact.UnionWith(ranks.Where(r => r.Value.Exact).Select(r => r.Key));
            order = ids.OrderByDescending(id => exact.Contains(id))
                .ThenByDescending(id => ranks.TryGetValue(id, out var r) ? r.Score : double.MinValue)
                .ThenByDescending(id => id);
        }
        else if (query.HasRequired && ids.Count > 0)
        {
            var marks = await flags([.. ids, .. tail]);
            exact.UnionWith(marks.Where(r => r.Value.Exact).Select(r => r.Key));
            order = ids.OrderByDescending(id => exact.Contains(id))
                .ThenByDescending(id => marks.TryGetValue(id, out var r) && r.Title)
                .ThenByDescending(id => id);
        }

        var page = order.Skip(skip).Take(take).Concat(tail).Select(id => (id, exact.Contains(id))).ToList();
        var total = estimate ? ExactUpTo : found.Count;
        return new SearchResults(total, await HitsAsync(db, page, query, cancellationToken), facets, estimate);
    }

    /// <summary>Whether a title holds every term, as the index would match it: folded, phrases in order, a prefix as typed.</summary>
    internal static bool TitleHasAll(string title, IReadOnlyList<QueryTerm> terms)
    {
        var words = SearchText.Words(title).ConvertAll(SearchText.Fold);
        return terms.All(term => Holds(words, term));

        static bool Holds(List<string> words, QueryTerm term)
        {
            var wanted = term.FoldedWords;
            for (var i = 0; i + wanted.Count <= words.Count; i++)
            {
                var all = true;
                for (var j = 0; j < wanted.Count && all; j++)
                {
                    all = term.Prefix && j == wanted.Count - 1
                        ? words[i + j].StartsWith(wanted[j], StringComparison.Ordinal)
                        : string.Equals(words[i + j], wanted[j], StringComparison.Ordinal);
                }

                if (all)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A match before ranking: its id and the columns facets are counted from.</summary>
    private protected readonly record struct Candidate(long Id, string Type, string? Locality, string? Stage, string Sectors);

    private static IEnumerable<(string Facet, string Value, int Count)> FacetRows(List<Candidate> candidates)
    {
        foreach (var c in candidates)
        {
            yield return ("t", c.Type, 1);
            if (c.Locality is not null)
            {
                yield return ("l", c.Locality, 1);
            }

            if (c.Stage is not null)
            {
                yield return ("s", c.Stage, 1);
            }

            if (c.Sectors.Length > 2)
            {
                foreach (var sector in JsonSerializer.Deserialize<string[]>(c.Sectors) ?? [])
                {
                    yield return ("c", sector, 1);
                }
            }
        }
    }

    /// <summary>Fetches the page's documents and cuts their snippets, keeping the ranking's order.</summary>
    protected static async Task<List<SearchHit>> HitsAsync(DbContext db, IReadOnlyList<(long Id, bool Exact)> ranked, SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ranked.Count == 0)
        {
            return [];
        }

        var ids = ranked.Select(r => r.Id).ToList();
        var rows = await db.Set<SearchDocumentRecord>().AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Type, d.ItemId, d.Slug, d.Title, d.Url, d.Summary, d.Body })
            .ToDictionaryAsync(d => d.Id, cancellationToken);
        var hits = new List<SearchHit>(ranked.Count);
        foreach (var (id, exact) in ranked)
        {
            if (!rows.TryGetValue(id, out var d))
            {
                continue; // removed between the two reads
            }

            var snippet = query.HasRequired ? Snippets.Build($"{d.Summary}\n{d.Body}", query) : string.Empty;
            if (snippet.Length == 0 || !snippet.Contains("<mark>", StringComparison.Ordinal))
            {
                var summary = Snippets.Build(d.Summary.Length > 0 ? d.Summary : d.Body, query);
                snippet = summary.Length > 0 ? summary : snippet;
            }

            hits.Add(new SearchHit(d.Type, d.ItemId, d.Slug, d.Title, d.Url, snippet, exact));
        }

        return hits;
    }

    private static Dictionary<string, int> Sorted(Dictionary<string, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
