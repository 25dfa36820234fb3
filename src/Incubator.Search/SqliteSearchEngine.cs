using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Search;

/// <summary>
/// SQLite's FTS5. The contentless table "SearchFts" (rowid = the document's id) indexes each document's title and
/// text twice, as words joined by spaces: folded (title_f, body_f), which queries match, and exact (title_x, body_x),
/// which only decides whether the accented form matched too. Its tokenizer keeps diacritics: folding is ours, so đ
/// folds. Filters, rights and facets read the narrow "SearchFacets" (one row per document, kept by triggers).
/// </summary>
public sealed class SqliteSearchEngine(int exactUpTo = SearchEngine.DefaultExactUpTo) : SearchEngine(exactUpTo)
{
    private const string UpsertSql = """
        INSERT INTO "SearchDocuments" ("Key", "Type", "ItemId", "Slug", "Title", "Url", "Summary", "Body", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc", "IndexedUtc")
        VALUES (@key, @type, @itemId, @slug, @title, @url, @summary, @body, @public, @sectors, @locality, @stage, @updated, @indexed)
        ON CONFLICT ("Key") DO UPDATE SET "Slug" = excluded."Slug", "Title" = excluded."Title", "Url" = excluded."Url",
            "Summary" = excluded."Summary", "Body" = excluded."Body", "Public" = excluded."Public", "Sectors" = excluded."Sectors",
            "Locality" = excluded."Locality", "Stage" = excluded."Stage", "UpdatedUtc" = excluded."UpdatedUtc", "IndexedUtc" = excluded."IndexedUtc"
        RETURNING "Id";
        """;

    private static readonly string[] FtsParameters = ["@id", "@tf", "@bf", "@tx", "@bx"];

    private const string FtsSql = """
        INSERT INTO "SearchFts" (rowid, title_f, body_f, title_x, body_x) VALUES (@id, @tf, @bf, @tx, @bx);
        """;

    // Only a document indexed before has words to remove; a rebuild's new documents skip the delete.
    private const string FtsDeleteSql = """DELETE FROM "SearchFts" WHERE rowid = @id""";

    private const string ExistingSql = """
        SELECT "Key" FROM "SearchDocuments" WHERE "Key" IN (SELECT value FROM json_each(@keys))
        """;

    public override Task UpsertAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);

        // Splitting and folding is most of a rebuild's CPU and needs no database: it runs on every core first.
        var lines = documents.AsParallel().AsOrdered().Select(d =>
        {
            var title = SearchText.Words(d.Title);
            var body = SearchText.Words($"{d.Summary}\n{d.Body}\n{d.Keywords}");
            return (TitleF: SearchText.FoldedLine(title), BodyF: SearchText.FoldedLine(body), TitleX: SearchText.ExactLine(title), BodyX: SearchText.ExactLine(body));
        }).ToList();
        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var upsert = Command(connection, transaction, UpsertSql);
            string[] names = ["@key", "@type", "@itemId", "@slug", "@title", "@url", "@summary", "@body", "@public", "@sectors", "@locality", "@stage", "@updated", "@indexed"];
            var p = names.Select(n => Parameter(upsert, n, null)).ToArray();
            var existing = new HashSet<string>(StringComparer.Ordinal);
            await using (var read = Command(connection, transaction, ExistingSql))
            {
                Parameter(read, "@keys", JsonSerializer.Serialize(documents.Select(d => d.Key)));
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    existing.Add(reader.GetString(0));
                }
            }

            await using var fts = Command(connection, transaction, FtsSql);
            var f = FtsParameters.Select(n => Parameter(fts, n, null)).ToArray();
            await using var ftsDelete = Command(connection, transaction, FtsDeleteSql);
            var deleteId = Parameter(ftsDelete, "@id", null);
            var now = DateTime.UtcNow;

            // Documents first, then the FTS5 rows in one run: every other write statement makes FTS5 flush its
            // pending words to a new segment (its savepoint handling), so interleaving them cost a segment, and the
            // merges that follow, per document.
            var ids = new long[documents.Count];
            for (var n = 0; n < documents.Count; n++)
            {
                var d = documents[n];
                object?[] values = [d.Key, d.Type, d.ItemId, d.Slug, d.Title, d.Url, d.Summary, d.Body, d.Public, SectorsJson(d.Sectors), d.Locality, d.Stage, d.UpdatedUtc, now];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = values[i] ?? DBNull.Value;
                }

                ids[n] = Convert.ToInt64(await upsert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            // A key given twice keeps its last document, as the upsert did.
            var last = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var n = 0; n < documents.Count; n++)
            {
                last[documents[n].Key] = n;
            }

            foreach (var (key, n) in last)
            {
                if (existing.Contains(key))
                {
                    deleteId.Value = ids[n];
                    await ftsDelete.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            foreach (var n in last.Values.Order())
            {
                f[0].Value = ids[n];
                (f[1].Value, f[2].Value, f[3].Value, f[4].Value) = lines[n];
                await fts.ExecuteNonQueryAsync(cancellationToken);
            }

            return 0;
        });
    }

    public override Task DeleteAsync(DbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """
                DELETE FROM "SearchFts" WHERE rowid IN (SELECT "Id" FROM "SearchDocuments" WHERE "Key" IN (SELECT value FROM json_each(@keys)));
                DELETE FROM "SearchDocuments" WHERE "Key" IN (SELECT value FROM json_each(@keys));
                """);
            Parameter(command, "@keys", JsonSerializer.Serialize(keys));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public override Task<long> SettledTxIdAsync(DbContext db, CancellationToken cancellationToken = default) => Task.FromResult(long.MaxValue);

    public override async Task<bool> TryLockStateAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // A write takes SQLite's one write lock now rather than at the first index change, so the outbox read that
        // follows sees everything committed before it and nothing can commit in between.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "SearchState" SET "Name" = "Name" WHERE "Name" = 'index'""", cancellationToken);
        return true;
    }

    public override Task<SearchResults> SearchAsync(DbContext db, SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;

        // Filters and rights read the narrow "SearchFacets" (kept by triggers), never the documents' wide rows; FTS5
        // drives the join and yields its matches newest (highest rowid) first, so a LIMIT stops it early.
        var where = new List<string>();
        if (query.HasRequired)
        {
            where.Add("\"SearchFts\" MATCH @m");
        }

        if (query.Excluded.Count > 0 && !query.HasRequired)
        {
            where.Add("f.\"Id\" NOT IN (SELECT rowid FROM \"SearchFts\" WHERE \"SearchFts\" MATCH @n)");
        }

        AddScopeAndFilters(request, where);
        var condition = where.Count == 0 ? "1" : string.Join(" AND ", where);
        const string Columns = "f.\"Id\", f.\"Type\", f.\"Locality\", f.\"Stage\", f.\"Sectors\"";
        var candidatesSql = query.HasRequired
            ? $"""
               SELECT {Columns} FROM "SearchFts" CROSS JOIN "SearchFacets" f ON f."Id" = "SearchFts".rowid
               WHERE {condition} ORDER BY "SearchFts".rowid DESC LIMIT @limit OFFSET @offset
               """
            : $"""
               SELECT {Columns} FROM "SearchFacets" f WHERE {condition}
               ORDER BY f."UpdatedUtc" DESC, f."Id" DESC LIMIT @limit OFFSET @offset
               """;
        var rankSql = $"""
            SELECT "SearchFts".rowid, bm25("SearchFts", 10.0, 1.0, 0.0, 0.0)
            FROM "SearchFts" CROSS JOIN "SearchFacets" f ON f."Id" = "SearchFts".rowid
            WHERE {condition} AND "SearchFts".rowid >= @lo
            """;
        const string RowidsSql = """SELECT rowid FROM "SearchFts" WHERE "SearchFts" MATCH @q AND rowid >= @lo""";

        return WithConnectionAsync(db, (connection, transaction) =>
        {
            Task<List<Candidate>> CandidatesPageAsync(int limit, int offset) =>
                CandidatesAsync(connection, transaction, candidatesSql, command => Bind(command, request), limit, offset, cancellationToken);

            // Matches at or above the lowest candidate's rowid: FTS5 seeks there, so only about the candidates are read.
            async Task<HashSet<long>> RowidsAsync(string match, long lo)
            {
                await using var command = Command(connection, transaction, RowidsSql);
                Parameter(command, "@q", match);
                Parameter(command, "@lo", lo);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rowids = new HashSet<long>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rowids.Add(reader.GetInt64(0));
                }

                return rowids;
            }

            async Task<Dictionary<long, (bool, double)>> RankAsync(IReadOnlyList<long> ids)
            {
                var lo = ids.Min();
                var exact = await RowidsAsync(Match(query.Required, [], folded: false), lo);
                await using var command = Command(connection, transaction, rankSql);
                Bind(command, request);
                Parameter(command, "@lo", lo);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var ranks = new Dictionary<long, (bool, double)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    ranks[id] = (exact.Contains(id), -reader.GetDouble(1)); // bm25: lower is better
                }

                return ranks;
            }

            async Task<Dictionary<long, (bool, bool)>> FlagsAsync(IReadOnlyList<long> ids)
            {
                var lo = ids.Min();
                var exact = await RowidsAsync(Match(query.Required, [], folded: false), lo);
                var title = await RowidsAsync(Match(query.Required, [], folded: true, titleOnly: true), lo);
                return ids.Distinct().ToDictionary(id => id, id => (exact.Contains(id), title.Contains(id)));
            }

            return SearchCappedAsync(db, request, CandidatesPageAsync, RankAsync, FlagsAsync, cancellationToken);
        });
    }

    /// <summary>An FTS5 expression over the given columns; every word is a quoted string, so nothing is syntax.</summary>
    internal static string Match(IReadOnlyList<QueryTerm> required, IReadOnlyList<QueryTerm> excluded, bool folded, bool titleOnly = false)
    {
        var columns = (folded, titleOnly) switch
        {
            (true, true) => "{title_f}",
            (true, false) => "{title_f body_f}",
            (false, true) => "{title_x}",
            _ => "{title_x body_x}",
        };
        var expression = new StringBuilder();
        expression.Append(columns).Append(" : (");
        if (required.Count > 0)
        {
            expression.Append(string.Join(" AND ", required.Select(t => Phrase(t, folded))));
            if (excluded.Count > 0)
            {
                expression.Append(" NOT (").Append(string.Join(" OR ", excluded.Select(t => Phrase(t, folded)))).Append(')');
            }
        }
        else
        {
            expression.Append(string.Join(" OR ", excluded.Select(t => Phrase(t, folded))));
        }

        return expression.Append(')').ToString();
    }

    private static string Phrase(QueryTerm term, bool folded)
    {
        var words = folded ? term.FoldedWords : term.Words;
        var quoted = "\"" + string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return term.Prefix ? quoted + "*" : quoted;
    }

    private static void AddScopeAndFilters(SearchRequest request, List<string> where)
    {
        if (!request.Scope.AllPrivate)
        {
            where.Add(request.Scope.PrivateKeys.Count > 0
                ? "(f.\"Public\" OR f.\"Id\" IN (SELECT \"Id\" FROM \"SearchDocuments\" WHERE \"Key\" IN (SELECT value FROM json_each(@keys))))"
                : "f.\"Public\"");
        }

        var filters = request.Filters;
        if (filters.Type is not null)
        {
            where.Add("f.\"Type\" = @type");
        }

        if (filters.Localities is not null)
        {
            where.Add("f.\"Locality\" IN (SELECT value FROM json_each(@localities))");
        }

        if (filters.Stage is not null)
        {
            where.Add("f.\"Stage\" = @stage");
        }

        if (filters.Sector is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM json_each(f.\"Sectors\") s WHERE s.value = @sector)");
        }
    }

    private static void Bind(DbCommand command, SearchRequest request)
    {
        var query = request.Query;
        if (query.HasRequired)
        {
            Parameter(command, "@m", Match(query.Required, query.Excluded, folded: true));
        }

        if (query.Excluded.Count > 0 && !query.HasRequired)
        {
            Parameter(command, "@n", Match([], query.Excluded, folded: true));
        }

        if (!request.Scope.AllPrivate && request.Scope.PrivateKeys.Count > 0)
        {
            Parameter(command, "@keys", JsonSerializer.Serialize(request.Scope.PrivateKeys));
        }

        AddIfSet(command, "@type", request.Filters.Type);
        if (request.Filters.Localities is { } localities)
        {
            Parameter(command, "@localities", JsonSerializer.Serialize(localities));
        }

        AddIfSet(command, "@stage", request.Filters.Stage);
        AddIfSet(command, "@sector", request.Filters.Sector);
    }
}
