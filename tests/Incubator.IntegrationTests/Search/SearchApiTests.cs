using System.Net;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Search;

public sealed class SearchApiTests(Sites sites) : IClassFixture<Sites>
{
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_a_published_profile_without_accents_when_its_name_has_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var startup = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Đổi mới sáng tạo Đông Khê {marker}", "agri-hitech", "cao-bang.tan-giang", "mvp"), publish: true);
        using var client = site.CreateClient();

        var results = await SearchReader.UntilFoundAsync(client, $"doi moi sang tao dong khe {marker}", startup.Id);

        var item = Assert.Single(results.GetProperty("items").EnumerateArray());
        Assert.Equal("startup", item.Text("type"));
        Assert.Equal(startup.Slug, item.Text("slug"));
        Assert.Equal($"/directory/startups/{startup.Slug}", item.Text("url"));
        Assert.Equal(1, results.GetProperty("total").GetInt32());
        Assert.Equal(1, results.GetProperty("facets").GetProperty("type").GetProperty("startup").GetInt32());
        Assert.Equal(1, results.GetProperty("facets").GetProperty("sector").GetProperty("agri-hitech").GetInt32());
        Assert.Equal(1, results.GetProperty("facets").GetProperty("locality").GetProperty("cao-bang.tan-giang").GetInt32());
        Assert.Equal(1, results.GetProperty("facets").GetProperty("stage").GetProperty("mvp").GetInt32());
    }
}
