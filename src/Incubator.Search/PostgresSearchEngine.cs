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
public sealed class PostgresSearchEngine : SearchEngine
{
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerWord = 256;

    private const string UpsertSql = """
        INSERT INTO "SearchDocuments" ("Key", "Type", "ItemId", "Slug", "Title", "Url", "Summary", "Body", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc", "IndexedUtc", "Folded", "Exact")
        VALUES (@key, @type, @itemId, @slug, @title, @url, @summary, @body, @public, @sectors, @locality, @stage, @updated, @indexed, @folded::tsvector, @exact::tsvector)
        ON CONFLICT ("Key") DO UPDATE SET "Slug" = excluded."Slug", "Title" = excluded."Title", "Url" = excluded."Url",
            "Summary" = excluded."Summary", "Body" = excluded."Body", "Public" = excluded."Public", "Sectors" = excluded."Sectors",
            "Locality" = excluded."Locality", "Stage" = excluded."Stage", "UpdatedUtc" = excluded."UpdatedUtc", "IndexedUtc" = excluded."IndexedUtc",
            "Folded" = excluded."Folded", "Exact" = excluded."Exact";
        """;

    public override Task UpsertAsync(DbContext db, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var upsert = Command(connection, transaction, UpsertSql);
            string[] names = ["@key", "@type", "@itemId", "@slug", "@title", "@url", "@summary", "@body", "@public", "@sectors", "@locality", "@stage", "@updated", "@indexed", "@folded", "@exact"];
            var p = names.Select(n => Parameter(upsert, n, null)).ToArray();
            var now = DateTime.UtcNow;
            foreach (var d in documents)
            {
                var title = SearchText.Words(d.Title);
                var body = SearchText.Words($"{d.Summary}\n{d.Body}\n{d.Keywords}");
                object?[] values =
                [
                    d.Key, d.Type, d.ItemId, d.Slug, d.Title, d.Url, d.Summary, d.Body, d.Public, SectorsJson(d.Sectors), d.Locality, d.Stage,
                    DateTime.SpecifyKind(d.UpdatedUtc, DateTimeKind.Utc), now, Vector(title, body, fold: true), Vector(title, body, fold: false),
                ];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = values[i] ?? DBNull.Value;
                }

                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            return 0;
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

        if (filters.Locality is not null)
        {
            where.Add("(d.\"Locality\" = @locality OR starts_with(d.\"Locality\", @localityPrefix))");
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
        var facetsSql = $"""
            WITH r AS MATERIALIZED (SELECT d."Type", d."Locality", d."Stage", d."Sectors" FROM "SearchDocuments" d WHERE {condition})
            SELECT 't', "Type", count(*)::int FROM r GROUP BY "Type"
            UNION ALL SELECT 'l', "Locality", count(*)::int FROM r WHERE "Locality" IS NOT NULL GROUP BY "Locality"
            UNION ALL SELECT 's', "Stage", count(*)::int FROM r WHERE "Stage" IS NOT NULL GROUP BY "Stage"
            UNION ALL SELECT 'c', s.value, count(*)::int FROM r, jsonb_array_elements_text(r."Sectors"::jsonb) s(value) GROUP BY s.value
            """;
        var pageSql = query.HasRequired
            ? $"""
               SELECT d."Id", d."Exact" @@ @x::tsquery AS exact FROM "SearchDocuments" d WHERE {condition}
               ORDER BY exact DESC, ts_rank(d."Folded", @m::tsquery) DESC, d."Id" DESC LIMIT @take OFFSET @skip
               """
            : $"""
               SELECT d."Id", FALSE FROM "SearchDocuments" d WHERE {condition}
               ORDER BY d."UpdatedUtc" DESC, d."Id" DESC LIMIT @take OFFSET @skip
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
                    ranked.Add((reader.GetInt64(0), reader.GetBoolean(1)));
                }
            }

            return new SearchResults(total, await HitsAsync(db, ranked, query, cancellationToken), facets);
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

        if (query.HasRequired)
        {
            Parameter(command, "@x", TsQuery(query.Required, [], folded: false));
        }

        if (!request.Scope.AllPrivate && request.Scope.PrivateKeys.Count > 0)
        {
            Parameter(command, "@keys", request.Scope.PrivateKeys.ToArray());
        }

        AddIfSet(command, "@type", request.Filters.Type);
        AddIfSet(command, "@locality", request.Filters.Locality);
        AddIfSet(command, "@localityPrefix", request.Filters.Locality is { } locality ? locality + "." : null);
        AddIfSet(command, "@stage", request.Filters.Stage);
        AddIfSet(command, "@sector", request.Filters.Sector);
    }
}
