using System.Text.Json;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Reads the whole public directory for a filter, page after page, as a visitor or an API client would.</summary>
public static class DirectoryReader
{
    /// <summary>Every item the API lists for <paramref name="query"/> (e.g. "sector=biotech"), walking all pages.</summary>
    public static async Task<(int Total, List<JsonElement> Items)> ApiAsync(HttpClient client, string type, string query = "")
    {
        var items = new List<JsonElement>();
        var total = 0;
        for (var page = 1; page <= 100; page++)
        {
            var json = await Json.GetAsync(client, $"/api/directory/{type}?{query}&page={page}&pageSize=100");
            total = json.GetProperty("total").GetInt32();
            var batch = json.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(batch);
            if (batch.Count == 0 || items.Count >= total)
            {
                break;
            }
        }

        return (total, items);
    }

    /// <summary>The profile links of every page of /directory/{type}?{query}, following the "next" links.</summary>
    public static async Task<List<(string Href, string Title)>> PagesAsync(HttpClient client, string type, string query = "")
    {
        var result = new List<(string, string)>();
        string? url = $"/directory/{type}?{query}";
        for (var guard = 0; url is not null && guard < 200; guard++)
        {
            var page = await Forms.GetAsync(client, url);
            result.AddRange(page.QuerySelectorAll("ul.cards > li.card h2 a").Select(a => (a.GetAttribute("href") ?? string.Empty, a.TextContent.Trim())));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        return result;
    }

    /// <summary>The address of the list page (following "next" links) that links to <paramref name="href"/>.</summary>
    public static async Task<string> FindListPageAsync(HttpClient client, string type, string href, string query = "")
    {
        string? url = $"/directory/{type}?{query}";
        for (var guard = 0; url is not null && guard < 200; guard++)
        {
            var page = await Forms.GetAsync(client, url);
            if (page.QuerySelector($"ul.cards > li.card h2 a[href='{href}']") is not null)
            {
                return url;
            }

            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        throw new InvalidOperationException($"No page of /directory/{type} links to {href}.");
    }
}
