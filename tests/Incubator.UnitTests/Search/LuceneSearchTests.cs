using Incubator.Search;
using static Incubator.UnitTests.Search.IndexFolder;

namespace Incubator.UnitTests.Search;

public sealed class LuceneSearchTests
{
    private static readonly DateTime Old = new(2012, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Recent = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Should_rank_an_old_document_whose_title_is_the_query_first_among_thousands_of_newer_matches()
    {
        using var folder = new IndexFolder();
        var newer = Enumerable.Range(1, 3000).Select(i => Doc(
            $"n{i}",
            i % 3 == 0 ? $"Chuyển đổi số nông nghiệp tỉnh {i}" : $"Tin tức số {i}",
            body: $"Hội thảo về chuyển đổi số trong nông nghiệp và doanh nghiệp, lần thứ {i}. Chuyển đổi số nông nghiệp.",
            updated: Recent.AddMinutes(-i)));
        var old = Doc("old", "Chuyển đổi số nông nghiệp", type: "programme", body: "Chương trình của tỉnh.", updated: Old);
        using var index = folder.Built(newer.Append(old));

        var results = index.Search(Request("chuyển đổi số nông nghiệp"));
        var unaccented = index.Search(Request("chuyen doi so nong nghiep"));
        var lastPage = index.Search(Request("chuyển đổi số nông nghiệp", page: 151, pageSize: 20));

        Assert.Equal(3001, results.Total);
        Assert.False(results.TotalIsEstimate);
        Assert.Equal("old", results.Items[0].ItemId);
        Assert.Equal("old", unaccented.Items[0].ItemId);
        Assert.Equal(1, results.Facets.Type["programme"]);
        Assert.Equal(3000, results.Facets.Type["news"]);
        Assert.Single(lastPage.Items);
        Assert.Equal(3001, lastPage.Total);
    }

    [Fact]
    public void Should_rank_a_phrase_above_the_same_words_scattered()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(
        [
            Doc("scattered", "Bản tin", body: "Doanh nghiệp được hỗ trợ vốn; trợ giúp kỹ thuật cho nhà nông; hỗ trợ doanh số.", updated: Recent),
            Doc("phrase", "Bản tin", body: "Chính sách hỗ trợ doanh nghiệp nhỏ và vừa trong tỉnh năm nay.", updated: Old),
        ]);

        var words = index.Search(Request("hỗ trợ doanh nghiệp"));
        var quoted = index.Search(Request("\"hỗ trợ doanh nghiệp\""));

        Assert.Equal(["phrase", "scattered"], words.Items.Select(h => h.ItemId));
        Assert.Equal("phrase", Assert.Single(quoted.Items).ItemId);
        Assert.Contains("<mark>hỗ</mark> <mark>trợ</mark> <mark>doanh</mark> <mark>nghiệp</mark>", quoted.Items[0].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_rank_the_exact_accents_first_and_say_which_hits_matched_them()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(
        [
            Doc("nguyen-a", "Ông Nguyên phát biểu", updated: Recent),
            Doc("nguyen-b", "Ông Nguyễn phát biểu", updated: Old),
            Doc("nguyen-c", "Ông Nguyến phát biểu", updated: Recent.AddDays(-1)),
        ]);

        var tilde = index.Search(Request("Nguyễn"));
        var circumflex = index.Search(Request("nguyên"));
        var bare = index.Search(Request("nguyen"));

        Assert.Equal(3, tilde.Total);
        Assert.Equal("nguyen-b", tilde.Items[0].ItemId);
        Assert.True(tilde.Items[0].ExactMatch);
        Assert.All(tilde.Items.Skip(1), h => Assert.False(h.ExactMatch));
        Assert.Equal("nguyen-a", circumflex.Items[0].ItemId);
        Assert.Equal(3, bare.Total);
    }

    [Fact]
    public void Should_count_facets_that_equal_the_totals_of_each_filter()
    {
        using var folder = new IndexFolder();
        var documents = Enumerable.Range(1, 120).Select(i => Doc(
            $"{i}",
            $"Dự án công nghệ {i}",
            type: (i % 3) switch { 0 => "startup", 1 => "news", _ => "programme" },
            sectors: i % 4 == 0 ? ["agri", "it"] : i % 4 == 1 ? ["it"] : [],
            locality: i % 5 == 0 ? "hue" : "phu-vang",
            stage: i % 2 == 0 ? "seed" : null,
            isPublic: i % 7 != 0)).ToList();
        using var index = folder.Built(documents);

        var all = index.Search(Request("công nghệ"));

        Assert.Equal(documents.Count(d => d.Public), all.Total);
        Assert.Equal(all.Total, all.Facets.Type.Values.Sum());
        foreach (var (type, count) in all.Facets.Type)
        {
            Assert.Equal(count, index.Search(Request("công nghệ", new SearchFilters(Type: type))).Total);
        }

        foreach (var (sector, count) in all.Facets.Sector)
        {
            Assert.Equal(count, index.Search(Request("công nghệ", new SearchFilters(Sector: sector))).Total);
        }

        foreach (var (locality, count) in all.Facets.Locality)
        {
            Assert.Equal(count, index.Search(Request("công nghệ", new SearchFilters(Localities: [locality]))).Total);
        }

        foreach (var (stage, count) in all.Facets.Stage)
        {
            Assert.Equal(count, index.Search(Request("công nghệ", new SearchFilters(Stage: stage))).Total);
        }

        Assert.Equal(["agri", "it"], all.Facets.Sector.Keys.Order());
        Assert.Equal(all.Facets.Type.Values.OrderDescending(), all.Facets.Type.Values);
    }

    [Fact]
    public void Should_show_private_documents_only_to_whom_the_scope_admits()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(
        [
            Doc("1", "Hồ sơ dược liệu", type: "application", isPublic: false),
            Doc("2", "Hồ sơ dược liệu", type: "application", isPublic: false),
            Doc("3", "Tin dược liệu", isPublic: true),
        ]);

        // Thousands of keys, as for an officer with many applications: no clause limit applies.
        var manyKeys = Enumerable.Range(10, 5000).Select(i => SearchDocument.KeyOf("application", $"{i}")).Append("application/2").ToList();

        Assert.Equal(["3"], Ids(index.Search(Request("duoc lieu"))));
        Assert.Equal(["2", "3"], Ids(index.Search(Request("duoc lieu", scope: new SearchScope(false, manyKeys)))).Order());
        Assert.Equal(["1", "2", "3"], Ids(index.Search(Request("duoc lieu", scope: SearchScope.Everything))).Order());
        Assert.Equal(["3"], Ids(index.Search(Request(null))));
        Assert.Equal(1, index.Search(Request(null)).Facets.Type.Values.Sum());
        Assert.Equal(["3"], index.Suggest("dược", SearchScope.Public).Select(h => h.ItemId));
        Assert.Equal(3, index.Suggest("dược", SearchScope.Everything).Count);
    }

    [Fact]
    public void Should_filter_by_type_sector_localities_stage_and_year()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(
        [
            Doc("1", "Nông sản", type: "startup", sectors: ["agri"], locality: "hue-1", stage: "seed", year: 2020),
            Doc("2", "Nông sản", type: "startup", sectors: ["agri", "it"], locality: "hue-2", stage: "growth", year: 2021),
            Doc("3", "Nông sản", type: "news", locality: "danang", year: 2020),
            Doc("4", "Nông sản", type: "startup", sectors: ["it"]),
        ]);

        Assert.Equal(["1", "2", "4"], Ids(index.Search(Request("nong san", new SearchFilters(Type: "startup")))).Order());
        Assert.Equal(["2", "4"], Ids(index.Search(Request("nong san", new SearchFilters(Sector: "it")))).Order());
        Assert.Equal(["1", "2"], Ids(index.Search(Request("nong san", new SearchFilters(Localities: ["hue", "hue-1", "hue-2"])))).Order());
        Assert.Empty(index.Search(Request("nong san", new SearchFilters(Localities: []))).Items);
        Assert.Equal(["2"], Ids(index.Search(Request("nong san", new SearchFilters(Stage: "growth")))));
        Assert.Equal(["1", "3"], Ids(index.Search(Request(null, new SearchFilters(Year: 2020)))).Order());
        Assert.Equal(["1"], Ids(index.Search(Request(null, new SearchFilters(Type: "startup", Year: 2020, Localities: ["hue-1", "danang"])))));
    }

    [Fact]
    public void Should_sort_by_newest_or_name_and_list_the_newest_first_for_an_empty_query()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(
        [
            Doc("b", "Bưởi Phúc Trạch", updated: Old),
            Doc("a", "Ánh Dương", updated: Recent.AddDays(-2)),
            Doc("c", "Cà phê sạch", updated: Recent),
            Doc("d", "Đặc sản Huế", updated: Recent.AddDays(-1)),
        ]);

        Assert.Equal(["c", "d", "a", "b"], Ids(index.Search(Request(null))));
        Assert.Equal(["c", "d", "a", "b"], Ids(index.Search(Request(string.Empty, sort: SearchSort.Newest))));
        Assert.Equal(["a", "b", "c", "d"], Ids(index.Search(Request(null, sort: SearchSort.Name))));
        Assert.Equal(["d", "a"], Ids(index.Search(Request(null, page: 2, pageSize: 1, sort: SearchSort.Newest)).Items.Take(1).Concat(index.Search(Request(null, page: 3, pageSize: 1)).Items)));
        Assert.Empty(index.Search(Request(null, page: int.MaxValue, pageSize: 100)).Items);
        Assert.Equal(4, index.Search(Request(null, page: int.MaxValue, pageSize: 100)).Total);
    }

    [Fact]
    public void Should_match_prefixes_exclusions_and_list_everything_when_no_word_survives()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(
        [
            Doc("1", "Khởi nghiệp đổi mới sáng tạo", updated: Recent),
            Doc("2", "Khởi công nhà máy", updated: Old),
            Doc("3", "Nông nghiệp sạch", updated: Recent.AddDays(-1)),
        ]);

        Assert.Equal(["1"], Ids(index.Search(new SearchRequest(SearchQuery.Parse("khởi ngh"), SearchFilters.None, SearchScope.Public))));
        Assert.Equal(["1", "2"], Ids(index.Search(new SearchRequest(SearchQuery.Parse("kho"), SearchFilters.None, SearchScope.Public))).Order());
        Assert.Equal(["2"], Ids(index.Search(Request("khởi -nghiệp"))));
        Assert.Equal(["2", "3"], Ids(index.Search(Request("-\"đổi mới\""))).Order());
        Assert.Equal(3, index.Search(Request("\u0301")).Total);
        Assert.Equal(["1", "2"], index.Suggest("khở", SearchScope.Public).Select(h => h.ItemId).Order());
        Assert.Equal(["1"], index.Suggest("khởi nghiệp đổi mớ", SearchScope.Public).Select(h => h.ItemId));
    }

    [Fact]
    public void Should_never_throw_for_hostile_input()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built(Enumerable.Range(1, 30).Select(i => Doc($"{i}", $"Tiêu đề {i} title x and", body: "nội dung * ? ~ \\ AND OR NOT")));
        string[] hostile =
        [
            "title:x AND (", "*", "?", "~", "\\", "\"", "\"\"", "\"unclosed phrase", "-", "--", "- -x", "-\"\"", "()", "[1 TO 5]", "{a TO b}",
            "a^10", "x~2", "title:\"x\"~3", "+a -b", "AND", "OR NOT", "&&", "||", "!", ":", "/regex/", "te?t", "te*", "*:*",
            "\u0301", "\u0300\u0301\u0303", "a\u0000b", "\u0001\u0002\u0003", "\t\r\n", "\uFEFF", "\uD800", "\uDFFF x",
            new string('a', 10_000), new string('đ', 10_000), new string('a', 999) + "😀", string.Join(' ', Enumerable.Repeat("ab", 5_000)),
            "😀 🚀 khởi nghiệp 👍🏽", "مرحبا بالعالم", "שלום", "\u202Eevil\u202C", "'; DROP TABLE items; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "%00", "${jndi:ldap://x}", "null", "NaN", "1e309", "ǅ ꙮ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ｔｉｔｌｅ：ｘ",
        ];

        foreach (var text in hostile)
        {
            foreach (var prefix in new[] { true, false })
            {
                var results = index.Search(new SearchRequest(SearchQuery.Parse(text, prefix), SearchFilters.None, SearchScope.Everything));
                Assert.True(results.Total >= 0);
                Assert.All(results.Items, h => Assert.DoesNotContain("<script", h.SnippetHtml, StringComparison.OrdinalIgnoreCase));
            }

            Assert.NotNull(index.Suggest(text, SearchScope.Public));
        }

        Assert.Equal(30, index.Search(Request("title:x AND (")).Total);
    }

    [Fact]
    public void Should_answer_a_repeated_request_with_what_the_last_change_left()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built([Doc("1", "Cà phê", type: "a", sectors: ["b"], stage: "c")]);
        var request = Request("ca phe");

        Assert.Equal(1, index.Search(request).Total);
        index.Apply([Doc("2", "Cà phê sạch")], [], new IndexCheckpoint(0, 2));
        Assert.Equal(2, index.Search(request).Total);
        index.Apply([], ["news/1", "news/2"], new IndexCheckpoint(0, 3));
        Assert.Equal(1, index.Search(request).Total);

        // Filter values are free text: two different requests must never share an answer.
        Assert.Equal(1, index.Search(Request(null, new SearchFilters(Type: "a", Sector: "b", Stage: "c"))).Total);
        Assert.Equal(0, index.Search(Request(null, new SearchFilters(Type: "a|b", Sector: "c"))).Total);
        Assert.Equal(0, index.Search(Request(null, new SearchFilters(Type: "a", Sector: "b|c"))).Total);
        Assert.Equal(1, index.Search(Request(null, new SearchFilters(Type: "a", Sector: "b", Stage: "c"))).Total);
    }

    [Fact]
    public void Should_answer_the_same_pages_totals_and_facets_when_a_search_is_cut_into_slices_scored_at_once()
    {
        using var folder = new IndexFolder();
        string[] sectors = ["agri", "it", "health"];
        string[] places = ["p1", "p2", "p3", "p4"];
        var documents = Enumerable.Range(1, 900).Select(i => Doc(
            $"{i}",
            i % 7 == 0 ? $"Khởi nghiệp nông nghiệp {i}" : $"Tin {i} về doanh nghiệp",
            body: i % 2 == 0 ? "Khởi nghiệp đổi mới sáng tạo trong nông nghiệp." : $"Doanh nghiệp số {i % 13} hỗ trợ khởi nghiệp.",
            type: i % 5 == 0 ? "startup" : "news",
            sectors: [sectors[i % 3]],
            locality: places[i % 4],
            // Many documents share a date, so ties in the sort by newest must break the same way both ways.
            updated: Recent.AddDays(-(i % 40)))).ToList();
        using var index = folder.Built(documents);
        var requests = new[]
        {
            Request("khởi nghiệp"),
            Request("nong nghiep", page: 3, pageSize: 15),
            Request("doanh nghiệp", sort: SearchSort.Newest, page: 2),
            Request(null, sort: SearchSort.Name, page: 4),
            Request(null, new SearchFilters(Type: "startup"), sort: SearchSort.Newest),
        };

        index.CacheResults = false;
        var whole = requests.Select(index.Search).ToList();
        index.MinSliceDocuments = 100;
        var sliced = requests.Select(index.Search).ToList();

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(whole[i].Total > 0);
            Assert.Equal(whole[i].Total, sliced[i].Total);
            Assert.Equal(Ids(whole[i]), Ids(sliced[i]));
            Assert.Equal(whole[i].Facets.Type, sliced[i].Facets.Type);
            Assert.Equal(whole[i].Facets.Sector, sliced[i].Facets.Sector);
            Assert.Equal(whole[i].Facets.Locality, sliced[i].Facets.Locality);
        }
    }

    [Fact]
    public void Should_keep_answering_and_ask_for_a_rebuild_when_the_writer_closed_after_a_failure()
    {
        using var folder = new IndexFolder();
        using var index = folder.Built([Doc("1", "Cà phê sạch")]);

        index.CurrentWriter.Dispose();

        Assert.Throws<SearchIndexWriterFailedException>(() => index.Apply([Doc("2", "Cà phê rang")], [], new IndexCheckpoint(0, 2)));
        Assert.True(index.WriterFailed);
        Assert.Equal(["1"], Ids(index.Search(Request("cà phê"))));

        using (var build = index.BeginRebuild(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            build.Add([Doc("1", "Cà phê sạch"), Doc("2", "Cà phê rang")]);
            build.Complete(new IndexCheckpoint(0, 2));
        }

        Assert.False(index.WriterFailed);
        index.Apply([Doc("3", "Cà phê phin")], [], new IndexCheckpoint(0, 3));
        Assert.Equal(["1", "2", "3"], Ids(index.Search(Request("cà phê"))).Order());
    }

    private static List<string> Ids(SearchResults results) => [.. results.Items.Select(h => h.ItemId)];

    private static List<string> Ids(IEnumerable<SearchHit> hits) => [.. hits.Select(h => h.ItemId)];
}
