using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// Records the SQL statements a request runs: a request that carries the <see cref="Header"/> has every command
/// executed on its behalf kept under the header's value (background work, which has no request, is not counted).
/// </summary>
public sealed class StatementCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Statements";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _plans = new(StringComparer.Ordinal);

    /// <summary>Adds the counter to a site's services (as a DbContext interceptor).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<StatementCounter>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<StatementCounter>());
    }

    /// <summary>The statements run by the requests sent with <paramref name="tag"/>.</summary>
    public IReadOnlyList<string> Of(string tag) => _statements.TryGetValue(tag, out var list) ? [.. list] : [];

    /// <summary>On SQLite, SQLite's query plan of each statement recorded, one line per step ("SEARCH s USING INDEX ...").</summary>
    public IReadOnlyList<string> PlansOf(string tag) => _plans.TryGetValue(tag, out var list) ? [.. list] : [];

    /// <summary>The tag of the last <see cref="MeasureAsync"/>.</summary>
    public string LastTag { get; private set; } = string.Empty;

    /// <summary>GETs <paramref name="url"/> with a fresh tag and returns the statements it ran.</summary>
    public async Task<IReadOnlyList<string>> MeasureAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var tag = Guid.NewGuid().ToString("N");
        LastTag = tag;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add(Header, tag);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{url} returned {(int)response.StatusCode}");
        return Of(tag);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Note(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Note(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Note(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Note(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Note(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Note(command, result));

    private T Note<T>(DbCommand command, T result)
    {
        if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } tag)
        {
            _statements.GetOrAdd(tag, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
            if (command is SqliteCommand sqlite && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                var plans = _plans.GetOrAdd(tag, _ => new ConcurrentQueue<string>());
                foreach (var step in Plan(sqlite))
                {
                    plans.Enqueue(step);
                }
            }
        }

        return result;
    }

    /// <summary>The statement's plan, asked on its own connection with its own parameters.</summary>
    private static List<string> Plan(SqliteCommand command)
    {
        using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (SqliteParameter parameter in command.Parameters)
        {
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value ?? DBNull.Value);
        }

        var steps = new List<string>();
        using var reader = explain.ExecuteReader();
        while (reader.Read())
        {
            steps.Add(reader.GetString(reader.FieldCount - 1));
        }

        return steps;
    }
}
