using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Search;

/// <summary>
/// SQLite's FTS5. The table "SearchFts" (rowid = the document's id) holds each document's title and text twice, as
/// words joined by spaces: folded (title_f, body_f), which queries match, and exact (title_x, body_x), which only
/// decides whether the accented form matched too. Its tokenizer keeps diacritics: folding is ours, so đ folds.
/// </summary>
public sealed class SqliteSearchEngine : SearchEngine
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
        DELETE FROM "SearchFts" WHERE rowid = @id;
        INSERT INTO "SearchFts" (rowid, title_f, body_f, title_x, body_x) VALUES (@id, @tf, @bf, @tx, @bx);
        """;

    public override Task UpsertAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var upsert = Command(connection, transaction, UpsertSql);
            string[] names = ["@key", "@type", "@itemId", "@slug", "@title", "@url", "@summary", "@body", "@public", "@sectors", "@locality", "@stage", "@updated", "@indexed"];
            var p = names.Select(n => Parameter(upsert, n, null)).ToArray();
            await using var fts = Command(connection, transaction, FtsSql);
            var f = FtsParameters.Select(n => Parameter(fts, n, null)).ToArray();
            var now = DateTime.UtcNow;
            foreach (var d in documents)
            {
                object?[] values = [d.Key, d.Type, d.ItemId, d.Slug, d.Title, d.Url, d.Summary, d.Body, d.Public, SectorsJson(d.Sectors), d.Locality, d.Stage, d.UpdatedUtc, now];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = values[i] ?? DBNull.Value;
                }

                var id = Convert.ToInt64(await upsert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                var title = SearchText.Words(d.Title);
                var body = SearchText.Words($"{d.Summary}\n{d.Body}\n{d.Keywords}");
                f[0].Value = id;
                f[1].Value = SearchText.FoldedLine(title);
                f[2].Value = SearchText.FoldedLine(body);
                f[3].Value = SearchText.ExactLine(title);
                f[4].Value = SearchText.ExactLine(body);
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
        var from = query.HasRequired
            ? "\"SearchFts\" JOIN \"SearchDocuments\" d ON d.\"Id\" = \"SearchFts\".rowid"
            : "\"SearchDocuments\" d";
        var where = new List<string>();
        if (query.HasRequired)
        {
            where.Add("\"SearchFts\" MATCH @m");
        }

        if (query.Excluded.Count > 0 && !query.HasRequired)
        {
            where.Add("d.\"Id\" NOT IN (SELECT rowid FROM \"SearchFts\" WHERE \"SearchFts\" MATCH @n)");
        }

        AddScopeAndFilters(request, where);
        var condition = where.Count == 0 ? "1" : string.Join(" AND ", where);

        var facetsSql = $"""
            WITH r AS MATERIALIZED (SELECT d."Type", d."Locality", d."Stage", d."Sectors" FROM {from} WHERE {condition})
            SELECT 't', "Type", count(*) FROM r GROUP BY "Type"
            UNION ALL SELECT 'l', "Locality", count(*) FROM r WHERE "Locality" IS NOT NULL GROUP BY "Locality"
            UNION ALL SELECT 's', "Stage", count(*) FROM r WHERE "Stage" IS NOT NULL GROUP BY "Stage"
            UNION ALL SELECT 'c', j.value, count(*) FROM r, json_each(r."Sectors") j GROUP BY j.value;
            """;
        var pageSql = query.HasRequired
            ? $"""
               SELECT d."Id", d."Id" IN (SELECT rowid FROM "SearchFts" WHERE "SearchFts" MATCH @x) AS exact
               FROM {from} WHERE {condition}
               ORDER BY exact DESC, bm25("SearchFts", 10.0, 1.0, 0.0, 0.0), d."Id" DESC LIMIT @take OFFSET @skip;
               """
            : $"""
               SELECT d."Id", 0 FROM {from} WHERE {condition}
               ORDER BY d."UpdatedUtc" DESC, d."Id" DESC LIMIT @take OFFSET @skip;
               """;

        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            var facetRows = new List<(string, string, int)>();
            await using (var command = Command(connection, transaction, facetsSql))
            {
                Bind(command, request);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    facetRows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
                }
            }

            var facets = Facets(facetRows);
            var total = facets.Type.Values.Sum();
            var ranked = new List<(long, bool)>();
            if (total > request.Skip)
            {
                await using var command = Command(connection, transaction, pageSql);
                Bind(command, request);
                Parameter(command, "@take", request.Take);
                Parameter(command, "@skip", request.Skip);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ranked.Add((reader.GetInt64(0), reader.GetInt64(1) != 0));
                }
            }

            return new SearchResults(total, await HitsAsync(db, ranked, query, cancellationToken), facets);
        });
    }

    /// <summary>An FTS5 expression over the given columns; every word is a quoted string, so nothing is syntax.</summary>
    internal static string Match(IReadOnlyList<QueryTerm> required, IReadOnlyList<QueryTerm> excluded, bool folded)
    {
        var columns = folded ? "{title_f body_f}" : "{title_x body_x}";
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
                ? "(d.\"Public\" OR d.\"Key\" IN (SELECT value FROM json_each(@keys)))"
                : "d.\"Public\"");
        }

        var filters = request.Filters;
        if (filters.Type is not null)
        {
            where.Add("d.\"Type\" = @type");
        }

        if (filters.Locality is not null)
        {
            where.Add("(d.\"Locality\" = @locality OR substr(d.\"Locality\", 1, length(@localityPrefix)) = @localityPrefix)");
        }

        if (filters.Stage is not null)
        {
            where.Add("d.\"Stage\" = @stage");
        }

        if (filters.Sector is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM json_each(d.\"Sectors\") s WHERE s.value = @sector)");
        }
    }

    private static void Bind(DbCommand command, SearchRequest request)
    {
        var query = request.Query;
        if (query.HasRequired)
        {
            Parameter(command, "@m", Match(query.Required, query.Excluded, folded: true));
            Parameter(command, "@x", Match(query.Required, [], folded: false));
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
        AddIfSet(command, "@locality", request.Filters.Locality);
        AddIfSet(command, "@localityPrefix", request.Filters.Locality is { } locality ? locality + "." : null);
        AddIfSet(command, "@stage", request.Filters.Stage);
        AddIfSet(command, "@sector", request.Filters.Sector);
    }
}
