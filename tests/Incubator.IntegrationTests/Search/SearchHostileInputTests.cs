using System.Net;
using System.Text;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Search;

/// <summary>
/// What visitors may type, or send by hand, into the search box and the API: query syntax of every engine, lone
/// combining marks, control characters, broken UTF-8, very long text, emoji and right-to-left scripts. None may break
/// a search: each is answered with a page or valid JSON, never a server error.
/// </summary>
public sealed class SearchHostileInputTests(Sites sites) : IClassFixture<Sites>
{
    /// <summary>Inputs as text, sent percent-encoded as a browser would.</summary>
    private static readonly string[] Typed =
    [
        "title:x AND (", "*", "?a", "a~2", "\\\\", "\\", "\"unclosed", "-", "--", "+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /",
        "*:*", "title:[a TO z]", "a^10", "/ab.*c/", "NEAR(a b)", "a:*", "<->", "{title_f}:x", "a OR", "AND NOT",
        "\u0001\u0002\u001f", "\t\r\n", "\u007f\u0085\u2028", "a\u0000b", "\u200b\u200d\ufeff",
        "🌾🚀", "👩‍🌾 khởi nghiệp", "مرحبا بالعالم", "שלום עולם", "\u202enghiệp khởi\u202c",
        "' OR 1=1 --", "'; DROP TABLE \"News\"; --", "1; SELECT pg_sleep(5)", "<script>alert(1)</script>",
        "Nguyễn Thị Lan".Normalize(NormalizationForm.FormD), "e\u0301\u0323\u0323", string.Concat(Enumerable.Repeat("chuyển đổi số ", 400))[..5000],
    ];

    /// <summary>Query strings sent as they are: a NUL byte, broken and truncated UTF-8, an encoded lone surrogate, a stray %.</summary>
    private static readonly string[] Raw = ["%00", "a%00b", "%FF%FE", "%E1%BB", "%ED%A0%80", "%", "%%", "%2", "+", "%2B"];

    /// <summary>Combining marks with nothing to combine with: no word, so an empty query.</summary>
    private static readonly string[] LoneMarks = ["\u0301", "\u0323", "\u0301\u0323", " \u0301 \u0323 "];

    private static async Task<JsonElement> ApiAsync(HttpClient client, string encoded, string label)
    {
        using var response = await client.GetAsync(new Uri("/api/search?q=" + encoded, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/search for {label} answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        Assert.True(root.GetProperty("total").GetInt32() >= 0, label);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("items").ValueKind);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("facets").GetProperty("type").ValueKind);
        Assert.Contains(root.GetProperty("totalIsEstimate").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        return root;
    }

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string encoded, string label)
    {
        using var response = await client.GetAsync(new Uri("/search?q=" + encoded, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/search for {label} answered {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await Forms.ParseAsync(response);
    }

    private static string Label(string text) =>
        string.Concat(text.Take(30).Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:x4}" : c.ToString()));

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_with_valid_json_and_a_page_when_the_query_is_syntax_control_characters_or_broken_text(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var (encoded, label) in Typed.Select(t => (Uri.EscapeDataString(t), Label(t))).Concat(Raw.Select(r => (r, r))))
        {
            await ApiAsync(client, encoded, label);
            var page = await PageAsync(client, encoded, label);
            Assert.NotNull(page.QuerySelector("main #search-q"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_treat_a_lone_combining_mark_as_an_empty_query_when_it_is_all_there_is(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        var empty = await ApiAsync(client, string.Empty, "an empty query");
        foreach (var mark in LoneMarks)
        {
            var label = Label(mark);
            var results = await ApiAsync(client, Uri.EscapeDataString(mark), label);
            Assert.True(empty.GetProperty("total").GetInt32() == results.GetProperty("total").GetInt32(), $"{label} counted {results.GetProperty("total").GetInt32()}, an empty query {empty.GetProperty("total").GetInt32()}");
            Assert.Equal(SearchReader.Ids(empty), SearchReader.Ids(results));

            // The page invites a query, as it does for an empty box.
            var page = await PageAsync(client, Uri.EscapeDataString(mark), label);
            Assert.NotNull(page.QuerySelector("#search-prompt"));
            Assert.Null(page.QuerySelector("#search-total"));
        }
    }
}
