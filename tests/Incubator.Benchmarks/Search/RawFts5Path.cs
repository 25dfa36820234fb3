using System.Diagnostics;
using System.Text;
using Incubator.Search;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Search;

/// <summary>
/// The comparison the issue asks for: the same documents in a plain SQLite FTS5 table of their own (title, summary,
/// body, keywords; folded words, so accents match as in the site), asked for what the site's index answers: the
/// first 20 by BM25 with the same field weights, a snippet of each, and the exact total and the count per type over
/// every match. It runs in the benchmark's process on its own file, so it measures FTS5, not the site.
/// </summary>
internal sealed class RawFts5Path : ISearchPath, IDisposable
{
    private const int LoadBatch = 1000;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private RawFts5Path(SqliteConnection connection, TimeSpan built, int documents)
    {
        _connection = connection;
        Built = built;
        Documents = documents;
    }

    public string Name => "raw FTS5";

    /// <summary>How long loading the documents and filling the table took.</summary>
    public TimeSpan Built { get; }

    public int Documents { get; }

    /// <summary>Fills a new FTS5 file in <paramref name="folder"/> from the site's own search sources (every public document).</summary>
    public static async Task<RawFts5Path> BuildAsync(IServiceProvider services, string folder, TextWriter log)
    {
        var file = Path.Combine(folder, "raw-fts5.db");
        File.Delete(file);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await ExecuteAsync(connection, "CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, keywords, type UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')");

        var started = Stopwatch.StartNew();
        var documents = 0;
        using (var scope = services.CreateScope())
        {
            foreach (var source in scope.ServiceProvider.GetServices<ISearchSource>())
            {
                foreach (var type in source.Types)
                {
                    var ids = await source.ItemIdsAsync(type, CancellationToken.None);
                    for (var start = 0; start < ids.Count; start += LoadBatch)
                    {
                        var batch = await source.LoadAsync(type, [.. ids.Skip(start).Take(LoadBatch)], CancellationToken.None);
                        documents += await InsertAsync(connection, batch);
                    }
                }
            }
        }

        await ExecuteAsync(connection, "INSERT INTO docs(docs) VALUES ('optimize')");
        started.Stop();
        log.WriteLine($"  raw FTS5: {documents} documents in {started.Elapsed.TotalSeconds:F1} s");
        return new RawFts5Path(connection, started.Elapsed, documents);
    }

    public async Task<int> RunAsync(string text, CancellationToken cancellationToken)
    {
        var match = Match(SearchQuery.Parse(text, prefixLastWord: true));
        if (match is null)
        {
            return 0;
        }

        // One connection, one query at a time, as a site with one SQLite connection per request would see it under load.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            using (var facets = _connection.CreateCommand())
            {
                facets.CommandText = "SELECT type, count(*) FROM docs WHERE docs MATCH $q GROUP BY type";
                facets.Parameters.AddWithValue("$q", match);
                using var reader = await facets.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    total += reader.GetInt32(1);
                }
            }

            using (var top = _connection.CreateCommand())
            {
                top.CommandText = """
                    SELECT rowid, title, snippet(docs, 2, '<mark>', '</mark>', '…', 16)
                    FROM docs WHERE docs MATCH $q ORDER BY bm25(docs, 4.0, 2.0, 1.0, 1.0) LIMIT 20
                    """;
                top.Parameters.AddWithValue("$q", match);
                using var reader = await top.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    _ = reader.GetString(2);
                }
            }

            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <summary>The parsed query as an FTS5 expression: each word or phrase quoted (so nothing is syntax), all required.</summary>
    private static string? Match(SearchQuery query)
    {
        var parts = query.Required
            .Select(t => "\"" + string.Join(' ', t.FoldedWords) + "\"" + (t.Prefix ? "*" : string.Empty))
            .ToList();
        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    private static async Task<int> InsertAsync(SqliteConnection connection, IReadOnlyList<SearchDocument> documents)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO docs(title, summary, body, keywords, type) VALUES ($t, $s, $b, $k, $y)";
        var title = command.Parameters.Add("$t", SqliteType.Text);
        var summary = command.Parameters.Add("$s", SqliteType.Text);
        var body = command.Parameters.Add("$b", SqliteType.Text);
        var keywords = command.Parameters.Add("$k", SqliteType.Text);
        var type = command.Parameters.Add("$y", SqliteType.Text);
        var count = 0;
        foreach (var document in documents.Where(d => d.Public))
        {
            title.Value = Folded(document.Title);
            summary.Value = Folded(document.Summary);
            body.Value = Folded(document.Body);
            keywords.Value = Folded(document.Keywords);
            type.Value = document.Type;
            await command.ExecuteNonQueryAsync();
            count++;
        }

        await transaction.CommitAsync();
        return count;
    }

    private static string Folded(string text)
    {
        var words = SearchText.Words(text);
        var folded = new StringBuilder(text.Length);
        foreach (var word in words)
        {
            folded.Append(SearchText.Fold(word)).Append(' ');
        }

        return folded.ToString();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Fixed statements of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
