using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Directory;

public sealed class DirectoryPagesTests(Sites sites) : IClassFixture<Sites>
{
    public static readonly string[] Types = ["startups", "enterprises", "mentors", "organisations"];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_published_profiles_and_hide_drafts_when_each_directory_is_opened(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        foreach (var type in Types)
        {
            var published = await BackOffice.CreateAsync(staff, type, Profile($"Published {type} {Guid.NewGuid():N}"), publish: true);
            var draft = await BackOffice.CreateAsync(staff, type, Profile($"Draft {type} {Guid.NewGuid():N}"), publish: false);

            var listed = (await DirectoryReader.PagesAsync(visitor, type)).Select(l => l.Href).ToList();
            Assert.Contains($"/directory/{type}/{published.Slug}", listed);
            Assert.DoesNotContain($"/directory/{type}/{draft.Slug}", listed);

            using var draftPage = await visitor.GetAsync(new Uri($"/directory/{type}/{draft.Slug}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_profile_with_its_terms_named_when_opened_by_slug(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var title = $"Hợp tác xã Dược liệu {Guid.NewGuid():N}";
        var startup = await BackOffice.CreateAsync(staff, "startups", new Dictionary<string, string[]>
        {
            ["Title"] = [title],
            ["Summary"] = ["Trồng và chế biến dược liệu"],
            ["Description"] = ["Mô tả chi tiết"],
            ["Sectors"] = ["medicinal-herbs", "agri-hitech"],
            ["Locality"] = ["cao-bang.hoa-an"],
            ["Stage"] = ["prototype"],
            ["Website"] = ["https://duoc-lieu.example.vn"],
            ["FundingRaised"] = ["1500000000"],
            ["FoundedOn"] = ["15/03/2024"],
        }, publish: true);

        using var visitor = site.CreateBrowserClient();
        var page = await Forms.GetAsync(visitor, $"/directory/startups/{startup.Slug}");
        Assert.Equal(title, page.QuerySelector("h1")?.TextContent.Trim());
        var details = page.QuerySelector("dl.profile")?.TextContent ?? string.Empty;
        Assert.Contains("Dược liệu", details, StringComparison.Ordinal);
        Assert.Contains("Nông nghiệp công nghệ cao", details, StringComparison.Ordinal);
        Assert.Contains("Xã Hòa An", details, StringComparison.Ordinal);
        Assert.Contains("1.500.000.000", details, StringComparison.Ordinal);
        Assert.Contains("15/03/2024", details, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("dl.profile a[href='https://duoc-lieu.example.vn']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_when_the_directory_type_or_slug_is_unknown(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var startup = await BackOffice.CreateAsync(staff, "startups", Profile($"Known {Guid.NewGuid():N}"), publish: true);
        using var visitor = site.CreateBrowserClient();
        foreach (var url in new[]
                 {
                     "/directory/unicorns", "/directory/pages", "/directory/news", $"/directory/unicorns/{startup.Slug}",
                     $"/directory/startups/no-such-{Guid.NewGuid():N}", $"/directory/enterprises/{startup.Slug}",
                 })
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} returned {(int)response.StatusCode}");
        }

        using var known = await visitor.GetAsync(new Uri($"/directory/startups/{startup.Slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_only_matching_profiles_when_filtered_by_sector_locality_and_stage(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var a = await BackOffice.CreateAsync(staff, "startups", Profile($"Filter A {Guid.NewGuid():N}", "ocop", "cao-bang.bao-lac", "idea"), publish: true);
        var b = await BackOffice.CreateAsync(staff, "startups", Profile($"Filter B {Guid.NewGuid():N}", "education", "quang-ngai.mo-rai", "growth"), publish: true);
        string Url(ContentRef x) => $"/directory/startups/{x.Slug}";
        using var visitor = site.CreateBrowserClient();

        foreach (var (query, expected) in new[]
                 {
                     ("sector=ocop", a), ("sector=education", b),
                     ("locality=cao-bang.bao-lac", a), ("locality=cao-bang", a), ("locality=quang-ngai", b),
                     ("stage=idea", a), ("stage=growth", b),
                     ("sector=ocop&locality=cao-bang&stage=idea", a),
                 })
        {
            var other = expected == a ? b : a;
            var listed = (await DirectoryReader.PagesAsync(visitor, "startups", query)).Select(l => l.Href).ToList();
            Assert.True(listed.Contains(Url(expected)), $"{query} should list {expected.Slug}");
            Assert.False(listed.Contains(Url(other)), $"{query} should not list {other.Slug}");
        }

        var none = await DirectoryReader.PagesAsync(visitor, "startups", "sector=ocop&stage=growth&locality=quang-ngai.mo-rai");
        Assert.DoesNotContain(Url(a), none.Select(l => l.Href));
        Assert.DoesNotContain(Url(b), none.Select(l => l.Href));

        var filtered = await Forms.GetAsync(visitor, "/directory/startups?sector=ocop&locality=cao-bang&stage=idea");
        Assert.NotNull(filtered.QuerySelector("#sector option[value='ocop'][selected]"));
        Assert.NotNull(filtered.QuerySelector("#locality option[value='cao-bang'][selected]"));
        Assert.NotNull(filtered.QuerySelector("#stage option[value='idea'][selected]"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_split_the_results_into_pages_when_more_profiles_match_than_one_page_holds(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var batch = Guid.NewGuid().ToString("N");
        var created = new List<ContentRef>();
        for (var i = 0; i < 14; i++)
        {
            created.Add(await BackOffice.CreateAsync(staff, "mentors", Profile($"Paged {batch} {i:00}", "environment-energy", "thai-nguyen.tich-luong"), publish: true));
        }

        using var visitor = site.CreateBrowserClient();
        const string filter = "sector=environment-energy&locality=thai-nguyen.tich-luong";
        var first = await Forms.GetAsync(visitor, $"/directory/mentors?{filter}");
        var second = await Forms.GetAsync(visitor, $"/directory/mentors?{filter}&p=2");
        var firstLinks = first.QuerySelectorAll("ul.cards > li.card h2 a").Select(a => a.GetAttribute("href")).ToList();
        var secondLinks = second.QuerySelectorAll("ul.cards > li.card h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(12, firstLinks.Count);
        Assert.NotEmpty(secondLinks);
        Assert.Empty(firstLinks.Intersect(secondLinks));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Contains("p=2", first.QuerySelector("a[rel=next]")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("sector=environment-energy", first.QuerySelector("a[rel=next]")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(second.QuerySelector("a[rel=prev]"));

        var all = (await DirectoryReader.PagesAsync(visitor, "mentors", filter)).Select(l => l.Href).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(created, c => Assert.Contains($"/directory/mentors/{c.Slug}", all));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_first_page_when_the_page_number_is_not_valid(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        var zero = await Forms.GetAsync(visitor, "/directory/startups?p=0");
        var first = await Forms.GetAsync(visitor, "/directory/startups");
        Assert.Null(zero.QuerySelector("a[rel=prev]"));
        Assert.Equal(first.QuerySelector(".pager span")?.TextContent, zero.QuerySelector(".pager span")?.TextContent);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_public_profile_until_publish_and_remove_it_when_staff_unpublish_or_delete_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        using var api = site.CreateClient();
        var item = await BackOffice.CreateAsync(staff, "organisations", Profile($"Viện nghiên cứu {Guid.NewGuid():N}", "biotech"), publish: true);
        var url = $"/directory/organisations/{item.Slug}";
        string Summary(AngleSharp.Dom.IDocument page) => page.QuerySelector("main h1 + p")?.TextContent ?? string.Empty;
        var original = Summary(await Forms.GetAsync(visitor, url));

        await BackOffice.EditAsync(staff, item, new Dictionary<string, string[]> { ["Summary"] = ["Changed by staff"] }, publish: false);
        Assert.Equal(original, Summary(await Forms.GetAsync(visitor, url)));
        Assert.Equal(original, (await Json.GetAsync(api, $"/api/directory/organisations/{item.Slug}")).Text("summary"));
        await BackOffice.PublishAsync(staff, item);
        Assert.Equal("Changed by staff", Summary(await Forms.GetAsync(visitor, url)));

        await BackOffice.UnpublishAsync(staff, item);
        await AssertGoneAsync(visitor, api, item);
        Assert.DoesNotContain(url, (await DirectoryReader.PagesAsync(visitor, "organisations", "sector=biotech")).Select(l => l.Href));

        await BackOffice.PublishAsync(staff, item);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        await BackOffice.DeleteAsync(staff, item);
        await AssertGoneAsync(visitor, api, item);
        Assert.DoesNotContain(item.Id, (await DirectoryReader.ApiAsync(api, "organisations", "sector=biotech")).Items.Select(i => i.Text("id")));
    }

    private static async Task AssertGoneAsync(HttpClient visitor, HttpClient api, ContentRef item)
    {
        using var page = await visitor.GetAsync(new Uri($"/directory/{item.Type}/{item.Slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using var json = await api.GetAsync(new Uri($"/api/directory/{item.Type}/{item.Slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
    }

    internal static Dictionary<string, string[]> Profile(string title, string? sector = null, string? locality = null, string? stage = null)
    {
        var fields = new Dictionary<string, string[]> { ["Title"] = [title], ["Summary"] = [$"Summary of {title}"] };
        if (sector is not null)
        {
            fields["Sectors"] = [sector];
        }

        if (locality is not null)
        {
            fields["Locality"] = [locality];
        }

        if (stage is not null)
        {
            fields["Stage"] = [stage];
        }

        return fields;
    }
}
