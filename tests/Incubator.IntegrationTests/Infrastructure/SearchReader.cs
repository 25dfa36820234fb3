using System.Diagnostics;
using System.Text.Json;
using Incubator.Search;
using Incubator.Web.Features.Search;
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
    /// Brings the site's index up to date, as the background indexer would: finishes a rebuild that is due or running
    /// and applies the outbox until no row is past the index's checkpoint, so that a test may then assert that
    /// something is absent from the index without waiting and hoping.
    /// </summary>
    public static async Task DrainAsync(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var clock = Stopwatch.StartNew();
        var service = site.Services.GetRequiredService<SearchIndexingService>();
        var index = site.Services.GetRequiredService<LuceneSearchIndex>();
        while (true)
        {
            await service.DrainAsync();
            if (!await site.QueryAsync(db => SearchOutboxReader.Past(db, index.Checkpoint).AnyAsync()))
            {
                return;
            }

            // A row of a transaction still open (PostgreSQL) waits for it: the next pass applies it.
            Assert.True(clock.Elapsed < Patience, "the index did not catch up with the outbox");
            await Task.Delay(20);
        }
    }

    /// <summary>The rows of the outbox this instance's index has not applied yet.</summary>
    public static Task<int> BacklogAsync(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var index = site.Services.GetRequiredService<LuceneSearchIndex>();
        return site.QueryAsync(db => SearchOutboxReader.Past(db, index.Checkpoint).CountAsync());
    }

    public static Task<JsonElement> UntilFoundAsync(HttpClient client, string q, string id, string extra = "") =>
        UntilAsync(client, q, r => Ids(r).Contains(id), extra);

    public static Task<JsonElement> UntilGoneAsync(HttpClient client, string q, string id, string extra = "") =>
        UntilAsync(client, q, r => !Ids(r).Contains(id), extra);
}
