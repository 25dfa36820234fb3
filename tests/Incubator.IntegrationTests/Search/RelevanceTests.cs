using System.Text;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Search;

/// <summary>
/// Judged queries over the fixed corpus (<see cref="RelevanceCorpus"/>), through the site's public contract alone —
/// /api/search and the /search page — so that they judge any engine: the best document first whatever its age, a
/// startup among hundreds of newer news items, a phrase above its words apart, the exact accents above other tones,
/// and totals and facets that count every match.
/// </summary>
public sealed class RelevanceTests(RelevanceSites sites) : IClassFixture<RelevanceSites>
{
    private static Task<JsonElement> SearchAsync(HttpClient client, string q, string extra = "") => SearchReader.SearchTextAsync(client, q, extra);

    private static List<string> Ids(JsonElement results) => [.. SearchReader.Ids(results)];

    private static string? First(JsonElement results) => Ids(results) is [var first, ..] ? first : null;

    private static int Total(JsonElement results) => results.GetProperty("total").GetInt32();

    private static bool Estimated(JsonElement results) => results.GetProperty("totalIsEstimate").GetBoolean();

    private static Dictionary<string, int> TypeFacet(JsonElement results) =>
        results.GetProperty("facets").GetProperty("type").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);

    /// <summary>The first titles of a result, for a failure to show what came instead.</summary>
    private static string Top(JsonElement results, int count = 5) =>
        string.Join(" | ", results.GetProperty("items").EnumerateArray().Take(count).Select(i => i.Text("title")));

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_an_old_item_first_when_its_title_is_the_query_and_hundreds_of_newer_items_mention_its_words(DatabaseProvider provider)
    {
        var (site, corpus) = await sites.GetAsync(provider);
        using var client = site.CreateClient();

        // Every query is judged before the test fails, so that a failure lists all that went wrong.
        var wrong = new List<string>();
        foreach (var (q, expected) in new[]
                 {
                     ("chuyển đổi số nông nghiệp", corpus.DigitalFarming), ("chuyen doi so nong nghiep", corpus.DigitalFarming),
                     ("Hỗ trợ doanh nghiệp", corpus.BusinessSupport), ("ho tro doanh nghiep", corpus.BusinessSupport),
                 })
        {
            // The judged item is one of hundreds that hold every word, so neither age nor luck can put it first.
            Assert.True(corpus.Matching(q).Count > RelevanceCorpus.NewsCount / 2, $"the corpus has too few matches for '{q}'");
            var results = await SearchAsync(client, q);
            if (First(results) != expected)
            {
                wrong.Add($"'{q}' ranked first: {Top(results)}");
            }

            // The same words decomposed (NFD), as some keyboards send them, rank the same.
            var decomposed = await SearchAsync(client, q.Normalize(NormalizationForm.FormD));
            if (First(decomposed) != expected)
            {
                wrong.Add($"'{q}' in NFD ranked first: {Top(decomposed)}");
            }

            var page = await Forms.GetAsync(client, "/search?q=" + Uri.EscapeDataString(q));
            var shown = page.QuerySelector("main li.result")?.GetAttribute("data-id");
            if (shown != expected)
            {
                wrong.Add($"/search?q={q} showed first: {corpus.Documents.FirstOrDefault(d => d.Id == shown)?.Title}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_startups_named_for_a_common_word_on_the_first_page_when_hundreds_of_newer_news_items_use_it(DatabaseProvider provider)
    {
        var (site, corpus) = await sites.GetAsync(provider);
        using var client = site.CreateClient();
        const string q = "khởi nghiệp";
        var startups = corpus.Matching(q, "startup");
        Assert.True(corpus.Matching(q, "news").Count >= RelevanceCorpus.NewsCount, "the corpus's news should all use the word");

        var first = await SearchAsync(client, q);
        var missing = corpus.StartupsNamedForTheWord.Where(id => !Ids(first).Contains(id)).Select(id => corpus.Documents.Single(d => d.Id == id).Title).ToList();
        Assert.True(missing.Count == 0, $"not on the first page: {string.Join(", ", missing)}; there: {Top(first, 20)}");

        // The type facet counts every startup that matches, not those among a sample of the newest matches.
        Assert.Equal(startups.Count, TypeFacet(first).GetValueOrDefault("startup"));

        var onlyStartups = await SearchAsync(client, q, "&type=startup&pageSize=100");
        Assert.Equal(startups.Count, Total(onlyStartups));
        Assert.Equal(startups.Count, TypeFacet(onlyStartups).GetValueOrDefault("startup"));
        Assert.Equal(startups.Select(d => d.Id).Order(StringComparer.Ordinal), SearchReader.Ids(onlyStartups).Order(StringComparer.Ordinal));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_an_item_holding_a_phrase_above_items_holding_its_words_apart_when_the_phrase_is_quoted(DatabaseProvider provider)
    {
        var (site, corpus) = await sites.GetAsync(provider);
        using var client = site.CreateClient();

        // Unquoted, the words are found wherever they are: the items that hold them apart are matches for them.
        var words = SearchReader.Ids(await SearchAsync(client, "đổi mới sáng tạo ", "&pageSize=100"));
        Assert.All(corpus.ScatteredWords.Append(corpus.Phrase), id => Assert.Contains(id, words));

        // Quoted, the phrase comes first although its item is older and holds the words once, in its body alone; an
        // item with the words apart may follow, never precede it.
        var phrase = await SearchAsync(client, "\"đổi mới sáng tạo\"", "&pageSize=100");
        var ids = Ids(phrase);
        Assert.True(First(phrase) == corpus.Phrase, $"the quoted phrase ranked first: {Top(phrase)}");
        Assert.All(corpus.ScatteredWords, id => Assert.True(!ids.Contains(id) || ids.IndexOf(id) > ids.IndexOf(corpus.Phrase)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_the_exact_accents_above_other_tones_and_find_them_all_when_a_name_is_searched(DatabaseProvider provider)
    {
        var (site, corpus) = await sites.GetAsync(provider);
        using var client = site.CreateClient();
        IReadOnlyList<string> all = [.. corpus.Nguyen, .. corpus.NguyenFlat, .. corpus.NguyenPlain];
        foreach (var (q, exact) in new[] { ("Nguyễn", corpus.Nguyen), ("Nguyên", corpus.NguyenFlat) })
        {
            var results = await SearchAsync(client, q, "&pageSize=100");
            var ids = Ids(results);
            Assert.Equal(all.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));

            // Every item spelt as asked comes before every other spelling, though one of each is the oldest of its set.
            var lastExact = exact.Max(id => ids.IndexOf(id));
            var firstOther = all.Except(exact).Min(id => ids.IndexOf(id));
            Assert.True(lastExact < firstOther, $"'{q}' ranked: {Top(results, all.Count)}");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_every_match_exactly_and_equal_each_type_facet_to_that_type_s_total_when_many_items_match(DatabaseProvider provider)
    {
        var (site, corpus) = await sites.GetAsync(provider);
        using var client = site.CreateClient();

        // An empty query lists everything in scope: the corpus, as the recipe's items were deleted.
        var wrong = new List<string>();
        foreach (var q in new[] { "", "khởi nghiệp", "chuyển đổi số", "hỗ trợ doanh nghiệp", "nguyễn", "đổi mới sáng tạo" })
        {
            var expected = corpus.Matching(q);

            // Whether the engine takes the last word as a prefix or not, the corpus's answer is the same.
            Assert.Equal(expected.Count, corpus.Matching(q, prefix: false).Count);
            var results = await SearchAsync(client, q, "&pageSize=1");
            if (Estimated(results) || Total(results) != expected.Count)
            {
                wrong.Add($"'{q}' counted {Total(results)}{(Estimated(results) ? " (an estimate)" : string.Empty)}, not {expected.Count}");
            }

            var facet = TypeFacet(results);
            var byType = expected.GroupBy(d => d.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var type in byType.Keys.Union(facet.Keys))
            {
                var narrowed = await SearchAsync(client, q, $"&type={type}&pageSize=1");
                var (count, faceted, total) = (byType.GetValueOrDefault(type), facet.GetValueOrDefault(type), Total(narrowed));
                if (faceted != count || total != count || Estimated(narrowed))
                {
                    wrong.Add($"'{q}' of type {type}: {count} match, the facet says {faceted}, the filter counts {total}{(Estimated(narrowed) ? " (an estimate)" : string.Empty)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        var page = await Forms.GetAsync(client, "/search?q=" + Uri.EscapeDataString("khởi nghiệp"));
        Assert.Equal(Texts.Vi("{0} results", corpus.Matching("khởi nghiệp").Count), page.QuerySelector("#search-total")?.TextContent.Trim());
    }
}
