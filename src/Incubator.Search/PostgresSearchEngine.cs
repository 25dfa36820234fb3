using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Search;

/// <summary>
/// PostgreSQL full-text search. Each document row carries two tsvectors built here from our own words, never by a
/// text-search parser (whose idea of a letter depends on the server's locale): "Folded", with a GIN index, which
/// queries match, the title's words weighted A; and "Exact", the accented words, which only decides whether the
/// query's accented form matched too. Queries are tsquery values built from words, cast from a parameter.
/// </summary>
public sealed class PostgresSearchEngine(int exactUpTo = SearchEngine.DefaultExactUpTo) : SearchEngine(exactUpTo)
{
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerWord = 256;

    // One statement per batch: the rows travel as arrays and unnest into the upsert, instead of a round trip each.
    private const string UpsertSql = """
        INSERT INTO "SearchDocuments" ("Key", "Type", "ItemId", "Slug", "Title", "Url", "Summary", "Body", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc", "IndexedUtc", "Folded", "Exact")
        SELECT v.k, v.t, v.i, v.s, v.ti, v.u, v.su, v.b, v.p, v.se, v.l, v.st, v.up, @indexed, v.f::tsvector, v.x::tsvector
        FROM unnest(@keys, @types, @itemIds, @slugs, @titles, @urls, @summaries, @bodies, @publics, @sectors, @localities, @stages, @updated, @folded, @exact)
            AS v(k, t, i, s, ti, u, su, b, p, se, l, st, up, f, x)
        ON CONFLICT ("Key") DO UPDATE SET "Slug" = excluded."Slug", "Title" = excluded."Title", "Url" = excluded."Url",
            "Summary" = excluded."Summary", "Body" = excluded."Body", "Public" = excluded."Public", "Sectors" = excluded."Sectors",
            "Locality" = excluded."Locality", "Stage" = excluded."Stage", "UpdatedUtc" = excluded."UpdatedUtc", "IndexedUtc" = excluded."IndexedUtc",
            "Folded" = excluded."Folded", "Exact" = excluded."Exact";
        """;

    public override Task UpsertAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);

        // A statement may not update one row twice: the last document of a key wins, as it would row by row.
        var batch = documents.GroupBy(d => d.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Splitting and folding is most of a rebuild's CPU and needs no database: it runs on every core.
        var vectors = batch.AsParallel().AsOrdered().Select(d =>
        {
            var title = SearchText.Words(d.Title);
            var body = SearchText.Words($"{d.Summary}\n{d.Body}\n{d.Keywords}");
            return (Folded: Vector(title, body, fold: true), Exact: Vector(title, body, fold: false));
        }).ToList();
        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var upsert = Command(connection, transaction, UpsertSql);
            Parameter(upsert, "@indexed", DateTime.UtcNow);
            Parameter(upsert, "@keys", batch.Select(d => d.Key).ToArray());
            Parameter(upsert, "@types", batch.Select(d => d.Type).ToArray());
            Parameter(upsert, "@itemIds", batch.Select(d => d.ItemId).ToArray());
            Parameter(upsert, "@slugs", batch.Select(d => d.Slug).ToArray());
            Parameter(upsert, "@titles", batch.Select(d => d.Title).ToArray());
            Parameter(upsert, "@urls", batch.Select(d => d.Url).ToArray());
            Parameter(upsert, "@summaries", batch.Select(d => d.Summary).ToArray());
            Parameter(upsert, "@bodies", batch.Select(d => d.Body).ToArray());
            Parameter(upsert, "@publics", batch.Select(d => d.Public).ToArray());
            Parameter(upsert, "@sectors", batch.Select(d => SectorsJson(d.Sectors)).ToArray());
            Parameter(upsert, "@localities", batch.Select(d => d.Locality).ToArray());
            Parameter(upsert, "@stages", batch.Select(d => d.Stage).ToArray());
            Parameter(upsert, "@updated", batch.Select(d => DateTime.SpecifyKind(d.UpdatedUtc, DateTimeKind.Utc)).ToArray());
            Parameter(upsert, "@folded", vectors.Select(v => v.Folded).ToArray());
            Parameter(upsert, "@exact", vectors.Select(v => v.Exact).ToArray());
            return await upsert.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public override Task DeleteAsync(DbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """DELETE FROM "SearchDocuments" WHERE "Key" = ANY(@keys)""");
            Parameter(command, "@keys", keys.ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public override Task<long> SettledTxIdAsync(DbContext db, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        });

    public override Task<bool> TryLockStateAsync(DbContext db, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """SELECT 1 FROM "SearchState" WHERE "Name" = 'index' FOR UPDATE SKIP LOCKED""");
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        });

    public override Task<SearchResults> SearchAsync(DbContext db, SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var where = new List<string>();
        if (!query.IsEmpty)
        {
            where.Add("d.\"Folded\" @@ @m::tsquery");
        }

        if (!request.Scope.AllPrivate)
        {
            where.Add(request.Scope.PrivateKeys.Count > 0 ? "(d.\"Public\" OR d.\"Key\" = ANY(@keys))" : "d.\"Public\"");
        }

        var filters = request.Filters;
        if (filters.Type is not null)
        {
            where.Add("d.\"Type\" = @type");
        }

        if (filters.Localities is not null)
        {
            where.Add("d.\"Locality\" = ANY(@localityCodes)");
        }

        if (filters.Stage is not null)
        {
            where.Add("d.\"Stage\" = @stage");
        }

        if (filters.Sector is not null)
        {
            where.Add("jsonb_exists(d.\"Sectors\"::jsonb, @sector)");
        }

        var condition = where.Count == 0 ? "TRUE" : string.Join(" AND ", where);
        const string Columns = "d.\"Id\", d.\"Type\", d.\"Locality\", d.\"Stage\", d.\"Sectors\"";
        var candidatesSql = query.HasRequired
            ? $"""SELECT {Columns} FROM "SearchDocuments" d WHERE {condition} ORDER BY d."Id" DESC LIMIT @limit OFFSET @offset"""
            : $"""SELECT {Columns} FROM "SearchDocuments" d WHERE {condition} ORDER BY d."UpdatedUtc" DESC, d."Id" DESC LIMIT @limit OFFSET @offset""";
        const string RankSql = """
            SELECT d."Id", d."Exact" @@ @x::tsquery, ts_rank(d."Folded", @m::tsquery) FROM "SearchDocuments" d WHERE d."Id" = ANY(@ids)
            """;
        const string FlagsSql = """
            SELECT d."Id", d."Exact" @@ @x::tsquery, d."Title" FROM "SearchDocuments" d WHERE d."Id" = ANY(@ids)
            """;

        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            // Search statements are short: JIT compilation would cost more than it saves.
            var own = transaction is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var tx = transaction ?? own;
            try
            {
                await using (var settings = Command(connection, tx, "SET LOCAL jit = off"))
                {
                    await settings.ExecuteNonQueryAsync(cancellationToken);
                }

                Task<List<Candidate>> CandidatesPageAsync(int limit, int offset) =>
                    CandidatesAsync(connection, tx, candidatesSql, command => Bind(command, request), limit, offset, cancellationToken);

                async Task<Dictionary<long, (bool, double)>> RankAsync(IReadOnlyList<long> ids)
                {
                    await using var command = Command(connection, tx, RankSql);
                    Parameter(command, "@x", TsQuery(query.Required, [], folded: false));
                    Parameter(command, "@m", TsQuery(query.Required, query.Excluded, folded: true));
                    Parameter(command, "@ids", ids.ToArray());
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    var ranks = new Dictionary<long, (bool, double)>();
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ranks[reader.GetInt64(0)] = (reader.GetBoolean(1), reader.GetFloat(2));
                    }

                    return ranks;
                }

                async Task<Dictionary<long, (bool, bool)>> FlagsAsync(IReadOnlyList<long> ids)
                {
                    await using var command = Command(connection, tx, FlagsSql);
                    Parameter(command, "@x", TsQuery(query.Required, [], folded: false));
                    Parameter(command, "@ids", ids.Distinct().ToArray());
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    var flags = new Dictionary<long, (bool, bool)>();
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        // The title is a short column beside the row: matching it here spares de-TOASTing "Folded".
                        flags[reader.GetInt64(0)] = (reader.GetBoolean(1), TitleHasAll(reader.GetString(2), query.Required));
                    }

                    return flags;
                }

                var results = await SearchCappedAsync(db, request, CandidatesPageAsync, RankAsync, FlagsAsync, cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }

                return results;
            }
            finally
            {
                if (own is not null)
                {
                    await own.DisposeAsync();
                }
            }
        });
    }

    /// <summary>A tsquery in text form: every word a quoted lexeme, so no input is ever syntax.</summary>
    internal static string TsQuery(IReadOnlyList<QueryTerm> required, IReadOnlyList<QueryTerm> excluded, bool folded)
    {
        var parts = required.Select(t => Phrase(t, folded)).ToList();
        if (excluded.Count > 0)
        {
            parts.Add("!(" + string.Join(" | ", excluded.Select(t => Phrase(t, folded))) + ")");
        }

        return string.Join(" & ", parts);
    }

    /// <summary>A tsvector in text form with positions: the title's words first (weight A), then the body's.</summary>
    internal static string Vector(IReadOnlyList<string> title, IReadOnlyList<string> body, bool fold)
    {
        var positions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string word, int position, bool weighted)
        {
            var lexeme = fold ? SearchText.Fold(word) : word;
            if (!positions.TryGetValue(lexeme, out var list))
            {
                positions[lexeme] = list = [];
            }

            if (list.Count < MaxPositionsPerWord)
            {
                var p = Math.Min(position, MaxPosition).ToString(CultureInfo.InvariantCulture);
                list.Add(weighted ? p + "A" : p);
            }
        }

        for (var i = 0; i < title.Count; i++)
        {
            Add(title[i], i + 1, weighted: true);
        }

        for (var i = 0; i < body.Count; i++)
        {
            Add(body[i], title.Count + 2 + i, weighted: false);
        }

        var text = new StringBuilder();
        foreach (var (lexeme, list) in positions)
        {
            text.Append(Lexeme(lexeme)).Append(':').AppendJoin(',', list).Append(' ');
        }

        return text.ToString();
    }

    private static string Phrase(QueryTerm term, bool folded)
    {
        var words = folded ? term.FoldedWords : term.Words;
        var lexemes = words.Select(Lexeme).ToList();
        if (term.Prefix)
        {
            lexemes[^1] += ":*";
        }

        return lexemes.Count == 1 ? lexemes[0] : "(" + string.Join(" <-> ", lexemes) + ")";
    }

    private static string Lexeme(string word) =>
        "'" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Bind(DbCommand command, SearchRequest request)
    {
        var query = request.Query;
        if (!query.IsEmpty)
        {
            Parameter(command, "@m", TsQuery(query.Required, query.Excluded, folded: true));
        }

        if (!request.Scope.AllPrivate && request.Scope.PrivateKeys.Count > 0)
        {
            Parameter(command, "@keys", request.Scope.PrivateKeys.ToArray());
        }

        AddIfSet(command, "@type", request.Filters.Type);
        if (request.Filters.Localities is { } localities)
        {
            Parameter(command, "@localityCodes", localities.ToArray());
        }

        AddIfSet(command, "@stage", request.Filters.Stage);
        AddIfSet(command, "@sector", request.Filters.Sector);
    }
}
