using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Incubator.IntegrationTests.Search;

/// <summary>
/// Search:ExactUpTo bounds the work per query: above it only the newest matches are ranked, cheaply, and the total
/// is "more than". A second web instance over the shared site's database runs with a cap of 5, so a few items with a
/// word of their own are enough to cross it.
/// </summary>
public sealed class SearchCapTests(Sites sites) : IClassFixture<Sites>
{
    private const int Cap = 5;

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    private static WebApplicationFactory<Program> Capped(SiteFactory site) =>
        site.WithWebHostBuilder(b => b.UseSetting("Search:ExactUpTo", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static Task<ContentRef> NewsAsync(HttpClient staff, string title, string body) =>
        BackOffice.CreateAsync(staff, "news", new Dictionary<string, string[]> { ["Title"] = [title], ["Summary"] = ["Tóm tắt"], ["Body"] = [body] }, publish: true);

    private static int Total(JsonElement results) => results.GetProperty("total").GetInt32();

    private static bool Estimated(JsonElement results) => results.GetProperty("totalIsEstimate").GetBoolean();

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_the_newest_matches_exact_accents_then_titles_first_and_page_on_when_more_match_than_the_cap(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();

        // Created (and so indexed) oldest first: the oldest falls outside the newest five, the sample that is ranked.
        var oldest = await NewsAsync(staff, $"Moi truong {marker}", "Tin cũ");
        var second = await NewsAsync(staff, $"Moi truong {marker}", "Tin");
        var exact = await NewsAsync(staff, $"Môi trường {marker}", "Tin");
        var bodyOnly = await NewsAsync(staff, $"Tin {marker}", "Nói về moi truong");
        var fourth = await NewsAsync(staff, $"Moi truong {marker}", "Tin");
        var newest = await NewsAsync(staff, $"Moi truong {marker}", "Tin");
        using (var uncapped = site.CreateClient())
        {
            var all = await SearchReader.UntilAsync(uncapped, marker, r => SearchReader.Ids(r).Count == 6);
            Assert.Equal(6, Total(all));
            Assert.False(Estimated(all));
        }

        await using var capped = Capped(site);
        using var client = capped.CreateClient();
        var results = await SearchReader.SearchTextAsync(client, $"môi trường {marker} ");
        Assert.True(Estimated(results));
        Assert.Equal(Cap, Total(results));
        Assert.Equal(Cap, results.GetProperty("facets").GetProperty("type").GetProperty("news").GetInt32());

        // The exact accents first though older; then the titles holding every word, newest first; then the body's
        // match; past the sample, the rest newest first.
        string[] expected = [exact.Id, newest.Id, fourth.Id, second.Id, bodyOnly.Id, oldest.Id];
        Assert.Equal(expected, SearchReader.Ids(results));

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var one = await SearchReader.SearchTextAsync(client, $"môi trường {marker} ", $"&pageSize=2&page={page}");
            Assert.True(Estimated(one));
            seen.AddRange(SearchReader.Ids(one));
        }

        Assert.Equal(expected, seen);
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(client, $"môi trường {marker} ", "&pageSize=2&page=4")));

        var html = await Forms.GetAsync(client, "/search?q=" + Uri.EscapeDataString(marker));
        Assert.Equal($"Hơn {Cap} kết quả", html.QuerySelector("#search-total")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_and_rank_exactly_when_the_matches_are_at_or_below_the_cap(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var items = new List<ContentRef>();
        for (var i = 0; i < Cap; i++)
        {
            items.Add(await NewsAsync(staff, i == 0 ? $"Môi trường {marker}" : $"Moi truong {marker}", "Tin"));
        }

        await using var capped = Capped(site);
        using var client = capped.CreateClient();
        var results = await SearchReader.UntilAsync(client, $"môi trường {marker} ", r => SearchReader.Ids(r).Count == Cap);
        Assert.False(Estimated(results));
        Assert.Equal(Cap, Total(results));
        Assert.Equal(Cap, results.GetProperty("facets").GetProperty("type").GetProperty("news").GetInt32());
        Assert.Equal(items[0].Id, SearchReader.Ids(results)[0]);

        var html = await Forms.GetAsync(client, "/search?q=" + Uri.EscapeDataString(marker));
        Assert.Equal($"{Cap} kết quả", html.QuerySelector("#search-total")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_only_the_readable_applications_when_more_match_than_the_cap(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var news = new List<string>();
        for (var i = 0; i < Cap + 1; i++)
        {
            news.Add((await NewsAsync(staff, $"Tin {i} {marker}", "Tin")).Id);
        }

        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var mine = await SupportData.SubmitAsync(site, programmeId, summary: $"Máy sấy {marker} cho nông sản");
        using var theirs = await SupportData.SubmitAsync(site, programmeId, summary: $"Lò sấy {marker} cho dược liệu");
        using (var uncapped = await site.CreateUserAsync("Staff"))
        {
            await SearchReader.UntilAsync(uncapped, marker, r => Total(r) == Cap + 3);
        }

        await using var capped = Capped(site);
        using var anonymous = capped.CreateClient();
        var everyone = await SearchReader.SearchTextAsync(anonymous, marker, "&pageSize=100");
        Assert.True(Estimated(everyone));
        Assert.Equal(news.Order(StringComparer.Ordinal), SearchReader.Ids(everyone).Order(StringComparer.Ordinal));

        // The applicant's own application is among the newest and comes back; the other applicant's never does.
        using var applicant = capped.CreateClient();
        var login = await Json.ReadAsync(await applicant.PostAsJsonAsync("/api/auth/login", new { email = mine.Applicant.Email, password = mine.Applicant.Password }));
        applicant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Text("accessToken"));
        var own = await SearchReader.SearchTextAsync(applicant, marker, "&pageSize=100");
        Assert.True(Estimated(own));
        Assert.Contains(mine.Id, SearchReader.Ids(own));
        Assert.DoesNotContain(theirs.Id, SearchReader.Ids(own));
        Assert.Equal(Cap + 2, SearchReader.Ids(own).Count);
        Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(anonymous, marker, "&type=application")));
    }
}
