using System.Diagnostics;
using System.Text.Json;
using Incubator.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Reads /api/search and waits for the background indexer where a change has just been made.</summary>
public static class SearchReader
{
    /// <summary>How long a test waits for a change to become searchable; the indexer polls every 250 ms.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        Json.GetAsync(client, "/api/search?" + query);

    public static Task<JsonElement> SearchTextAsync(HttpClient client, string q, string extra = "") =>
        SearchAsync(client, "q=" + Uri.EscapeDataString(q) + extra);

    public static IReadOnlyList<string> Ids(JsonElement results) =>
        [.. results.GetProperty("items").EnumerateArray().Select(i => i.Text("id"))];

    /// <summary>Searches until <paramref name="done"/> holds (the indexer has caught up) or <see cref="Patience"/> runs out.</summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, string q, Func<JsonElement, bool> done, string extra = "")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var results = await SearchTextAsync(client, q, extra);
            if (done(results) || clock.Elapsed > Patience)
            {
                return results;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Applies the indexing outbox until it is empty, as the background indexer would, so that a test may then assert
    /// that something is absent from the index without waiting and hoping.
    /// </summary>
    public static async Task DrainAsync(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var clock = Stopwatch.StartNew();
        while (await site.QueryAsync(db => db.SearchOutbox.AnyAsync()))
        {
            using (var scope = site.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ApplyOutboxAsync();
            }

            Assert.True(clock.Elapsed < Patience, "the indexing outbox did not empty");
        }
    }

    public static Task<JsonElement> UntilFoundAsync(HttpClient client, string q, string id, string extra = "") =>
        UntilAsync(client, q, r => Ids(r).Contains(id), extra);

    public static Task<JsonElement> UntilGoneAsync(HttpClient client, string q, string id, string extra = "") =>
        UntilAsync(client, q, r => !Ids(r).Contains(id), extra);
}
