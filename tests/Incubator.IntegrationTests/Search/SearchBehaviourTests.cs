using System.Net;
using System.Net.Http.Json;
using System.Text;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Search;

/// <summary>What /api/search does with words, accents, syntax and facets, on both engines.</summary>
public sealed class SearchBehaviourTests(Sites sites) : IClassFixture<Sites>
{
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    private static Dictionary<string, string[]> Profile(string title, string summary, string? sector = null, string? locality = null, string? stage = null)
    {
        var fields = DirectoryPagesTests.Profile(title, sector, locality, stage);
        fields["Summary"] = [summary];
        return fields;
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_match_with_and_without_accents_when_the_query_or_the_text_is_decomposed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var item = await BackOffice.CreateAsync(staff, "mentors", Profile($"Chuyên gia {marker}", "Tư vấn Đổi mới sáng tạo ở Đông Khê".Normalize(NormalizationForm.FormD)), publish: true);
        using var client = site.CreateClient();
        await SearchReader.UntilFoundAsync(client, marker, item.Id);

        foreach (var q in new[] { "doi moi sang tao", "ĐỔI MỚI", "Đổi mới sáng tạo".Normalize(NormalizationForm.FormD), "dong khe", "Đông Khê", "\"dOi MoI\"" })
        {
            var results = await SearchReader.SearchTextAsync(client, $"{q} {marker} ");
            Assert.True(SearchReader.Ids(results).Contains(item.Id), $"'{q}' should find the mentor");
        }

        // đ folds to d, not to nothing: "ong khe" is not "Đông Khê".
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"ong khe {marker} ")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_the_exact_accented_form_first_when_several_fold_to_the_same_words(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();

        // All three fold to "moi truong"; the title of the first is longer, so folding alone would not rank it first.
        var environment = await BackOffice.CreateAsync(staff, "organisations", Profile($"Trung tâm quan trắc Môi trường tỉnh {marker}", $"Môi trường {marker}"), publish: true);
        var newSchool = await BackOffice.CreateAsync(staff, "organisations", Profile($"Mới trường {marker}", $"Mới trường {marker}"), publish: true);
        var plain = await BackOffice.CreateAsync(staff, "organisations", Profile($"Moi truong {marker}", $"Moi truong {marker}"), publish: true);
        using var client = site.CreateClient();
        await SearchReader.UntilAsync(client, marker, r => SearchReader.Ids(r).Count == 3);

        Assert.Equal(environment.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"môi trường {marker} "))[0]);
        Assert.Equal(newSchool.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"mới trường {marker} "))[0]);
        Assert.Equal(plain.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"moi truong {marker} "))[0]);
        Assert.Equal(3, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"mỗi trưởng {marker} ")).Count);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_honour_phrases_exclusions_and_a_typed_prefix_when_the_query_uses_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var tea = await BackOffice.CreateAsync(staff, "startups", Profile($"Chè Shan tuyết {marker}", "Sản phẩm chè hữu cơ vùng cao"), publish: true);
        var herbs = await BackOffice.CreateAsync(staff, "startups", Profile($"Dược liệu {marker}", "Cao hữu cơ từ dược liệu, không phải chè"), publish: true);
        using var client = site.CreateClient();
        await SearchReader.UntilAsync(client, marker, r => SearchReader.Ids(r).Count == 2);

        Assert.Equal([tea.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"\"huu co vung cao\" {marker} ")));
        Assert.Equal([herbs.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"\"huu co tu\" {marker} ")));
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"\"co huu\" {marker} ")));
        Assert.Equal([herbs.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"{marker} -tuyết ")));
        Assert.Equal([tea.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"{marker} -\"dược liệu\" ")));
        Assert.Equal([herbs.Id], SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"{marker} duo")));
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"{marker} duo ")));
        Assert.Equal(2, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"{marker[..8]}")).Count(id => id == tea.Id || id == herbs.Id));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_without_error_when_the_query_is_hostile_syntax(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var item = await BackOffice.CreateAsync(staff, "startups", Profile($"Title {marker}", "Một đoạn văn bản"), publish: true);
        using var client = site.CreateClient();
        await SearchReader.UntilFoundAsync(client, marker, item.Id);

        string[] hostile =
        [
            "", " ", "\"", "\"\"", "\"unclosed", "(", ")", "((a)", "a OR", "OR", "AND NOT", "NEAR(a b)", "*", "a*", "^a", "title:x", "title_f:x",
            "{title_f}:x", "-", "--", "- -", "-\"", "'", "''", "a'b", "\\", "a\\'", "!", "!a", "a & b", "a | b", "<->", "a <-> b", ":*", "a:*", "%", "_",
            "; DROP TABLE \"SearchDocuments\"; --", "\0", "\u200b", "🙂", "ﷺ", "<script>alert(1)</script>", new string('x', 10_000),
            string.Concat(Enumerable.Repeat("\"a\" -b (c) OR d* ", 700)),
        ];
        foreach (var q in hostile)
        {
            foreach (var query in new[] { q, $"{marker} {q}" })
            {
                using var response = await client.GetAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{query[..Math.Min(40, query.Length)]}' gave {(int)response.StatusCode}");
            }
        }

        Assert.Contains(item.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"title:{marker} ( -\"\" \"")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_facets_and_narrow_by_them_when_filters_are_given(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var a = await BackOffice.CreateAsync(staff, "startups", Profile($"A {marker}", "Nông nghiệp", "agri-hitech", "cao-bang.tan-giang", "mvp"), publish: true);
        var b = await BackOffice.CreateAsync(staff, "startups", Profile($"B {marker}", "Y tế", "health", "thai-nguyen.phan-dinh-phung", "prototype"), publish: true);
        var c = await BackOffice.CreateAsync(staff, "mentors", Profile($"C {marker}", "Y tế", "health", "cao-bang.tan-giang"), publish: true);
        using var client = site.CreateClient();
        var all = await SearchReader.UntilAsync(client, marker, r => SearchReader.Ids(r).Count == 3);

        var facets = all.GetProperty("facets");
        Assert.Equal(2, facets.GetProperty("type").GetProperty("startup").GetInt32());
        Assert.Equal(1, facets.GetProperty("type").GetProperty("mentor").GetInt32());
        Assert.Equal(2, facets.GetProperty("sector").GetProperty("health").GetInt32());
        Assert.Equal(2, facets.GetProperty("locality").GetProperty("cao-bang.tan-giang").GetInt32());
        Assert.Equal(2, facets.GetProperty("locality").GetProperty("cao-bang").GetInt32()); // a province counts its communes, as its filter takes them
        Assert.Equal(1, facets.GetProperty("locality").GetProperty("thai-nguyen").GetInt32());
        Assert.Equal(1, facets.GetProperty("stage").GetProperty("mvp").GetInt32());

        foreach (var (filter, expected) in new[]
                 {
                     ("&type=startup", new[] { a.Id, b.Id }), ("&sector=health", [b.Id, c.Id]), ("&locality=cao-bang", [a.Id, c.Id]),
                     ("&locality=cao-bang.tan-giang", [a.Id, c.Id]), ("&stage=prototype", [b.Id]), ("&type=mentor&sector=health&locality=cao-bang", [c.Id]),
                     ("&type=nothing", []), ("&locality=cao", []),
                 })
        {
            var narrowed = await SearchReader.SearchTextAsync(client, marker, filter);
            Assert.Equal(expected.Order(), SearchReader.Ids(narrowed).Order());
            Assert.Equal(expected.Length, narrowed.GetProperty("total").GetInt32());
        }

        var onlyHealth = (await SearchReader.SearchTextAsync(client, marker, "&sector=health")).GetProperty("facets");
        Assert.False(onlyHealth.GetProperty("sector").TryGetProperty("agri-hitech", out _));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_page_through_results_when_page_and_page_size_are_given(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        for (var i = 0; i < 3; i++)
        {
            await BackOffice.CreateAsync(staff, "news", new Dictionary<string, string[]> { ["Title"] = [$"Tin {i} {marker}"], ["Summary"] = ["Tóm tắt"], ["Body"] = [$"Nội dung **{marker}**"] }, publish: true);
        }

        using var client = site.CreateClient();
        var all = await SearchReader.UntilAsync(client, marker, r => SearchReader.Ids(r).Count == 3);
        var ids = SearchReader.Ids(all);

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var one = await SearchReader.SearchTextAsync(client, marker, $"&pageSize=1&page={page}");
            Assert.Equal(3, one.GetProperty("total").GetInt32());
            seen.Add(Assert.Single(SearchReader.Ids(one)));
        }

        Assert.Equal(ids, seen);
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, marker, "&pageSize=1&page=4")));
        var item = (await SearchReader.SearchTextAsync(client, marker, "&pageSize=1")).GetProperty("items")[0];
        Assert.Equal("news", item.Text("type"));
        Assert.StartsWith("/news/", item.Text("url"), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_a_message_when_paging_is_not_a_number_in_range(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var (query, field) in new[] { ("page=0", "page"), ("page=abc", "page"), ("page=-1", "page"), ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize"), ("pageSize=1e3", "pageSize") })
        {
            var problem = await Json.GetAsync(client, "/api/search?q=x&" + query, HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.Errors(field));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_applications_only_to_those_who_may_read_them_when_they_search(DatabaseProvider provider)
    {
        var site = sites[provider];
        var marker = Word();
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var assigned = await SupportData.SubmitAsync(site, programmeId, summary: $"Máy sấy {marker} cho nông sản");
        using var other = await SupportData.SubmitAsync(site, programmeId, summary: $"Lò sấy {marker} cho dược liệu");
        var (email, password) = await site.CreateAccountAsync("Reviewer");
        using (var staffApi = await site.CreateUserAsync("Staff"))
        using (var assign = await staffApi.PostAsJsonAsync($"/api/applications/{assigned.Id}/reviewers", new { reviewers = new[] { email } }))
        {
            await Json.ReadAsync(assign);
        }

        using var staff = await site.CreateUserAsync("Staff");
        using var leader = await site.CreateUserAsync("Leader");
        using var reviewer = await site.CreateApiClientAsync(email, password);
        using var anonymous = site.CreateClient();
        var both = await SearchReader.UntilAsync(staff, marker, r => SearchReader.Ids(r).Count == 2);
        Assert.Equal(new[] { assigned.Id, other.Id }.Order(StringComparer.Ordinal), SearchReader.Ids(both).Order(StringComparer.Ordinal));
        Assert.All(both.GetProperty("items").EnumerateArray(), i => Assert.Equal($"/admin/applications/{i.Text("id")}", i.Text("url")));
        Assert.Equal(2, SearchReader.Ids(await SearchReader.SearchTextAsync(leader, marker)).Count);

        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(anonymous, marker)));
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(anonymous, marker, "&type=application")));

        // Assigned but not yet declared free of conflict: nothing of the application shows.
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(reviewer, marker)));
        using (var declared = await reviewer.PutAsJsonAsync($"/api/applications/{assigned.Id}/reviews/mine", new { noConflict = true }))
        {
            await Json.ReadAsync(declared);
        }

        var reviewing = await SearchReader.SearchTextAsync(reviewer, marker);
        var hit = Assert.Single(reviewing.GetProperty("items").EnumerateArray());
        Assert.Equal(assigned.Id, hit.Text("id"));
        Assert.Equal($"/reviews/{assigned.Id}", hit.Text("url"));
        Assert.Equal(1, reviewing.GetProperty("total").GetInt32());
        Assert.Equal(1, reviewing.GetProperty("facets").GetProperty("type").GetProperty("application").GetInt32());

        // An applicant finds their own application, linked to their page, and not the other one.
        var own = await SearchReader.SearchTextAsync(other.Applicant.Api, marker);
        hit = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal(other.Id, hit.Text("id"));
        Assert.Equal($"/my/applications/{other.Id}", hit.Text("url"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_a_published_programme_by_its_english_name_and_legal_basis_when_searched(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = SupportData.NewKey();
        var id = await SupportData.CreateProgrammeAsync(site, key);
        using var client = site.CreateClient();
        var marker = key.Split('-')[1];

        var results = await SearchReader.UntilFoundAsync(client, $"innovative startup support {marker}", id);

        var hit = Assert.Single(results.GetProperty("items").EnumerateArray());
        Assert.Equal("programme", hit.Text("type"));
        Assert.Equal($"/programmes/{key}", hit.Text("url"));
        Assert.Contains(id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"62/KH-UBND {marker}")));
        Assert.Contains(id, SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"ho tro khoi nghiep {marker}", "&type=programme")));
    }
}
