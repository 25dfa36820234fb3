using System.Net.Http.Json;
using Incubator.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Search;

/// <summary>One way of running a query that returns the number of matches.</summary>
internal interface ISearchPath
{
    string Name { get; }

    Task<int> RunAsync(string text, CancellationToken cancellationToken);
}

/// <summary>
/// The index on its own: what a request's handler does for an anonymous visitor, without HTTP: the site's index,
/// the query parsed as the site parses it, public scope, first page of 20.
/// </summary>
internal sealed class EnginePath(IServiceProvider services) : ISearchPath
{
    public string Name => "engine";

    public Task<int> RunAsync(string text, CancellationToken cancellationToken)
    {
        var index = services.GetRequiredService<LuceneSearchIndex>();
        var request = new SearchRequest(SearchQuery.Parse(text, prefixLastWord: true), SearchFilters.None, SearchScope.Public);
        return Task.FromResult(index.Search(request).Total);
    }
}

/// <summary>GET /api/search?q=… over a real socket to the site's Kestrel, reading the whole JSON response.</summary>
internal sealed class HttpPath(HttpClient client) : ISearchPath
{
    public string Name => "HTTP";

    public async Task<int> RunAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(text), UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Totals>(cancellationToken);
        return body?.Total ?? throw new InvalidOperationException("The search API answered without a body.");
    }

    private sealed record Totals(int Total);
}
