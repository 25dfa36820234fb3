using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Home;

public sealed class HomeTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_serve_the_home_page_in_vietnamese_when_no_language_is_chosen(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateBrowserClient();
        var page = await Forms.GetAsync(client, "/");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("a[href='/directory/startups']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_link_every_directory_and_count_its_published_profiles_when_the_home_page_is_opened(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = site.CreateBrowserClient();
        foreach (var type in new[] { "startups", "enterprises", "mentors", "organisations" })
        {
            var before = await CountAsync(client, type);
            using var staff = await site.CreateBrowserUserAsync("Staff");
            await BackOffice.CreateAsync(staff, type, new Dictionary<string, string[]> { ["Title"] = [$"Home {Guid.NewGuid():N}"], ["Summary"] = ["x"] }, publish: true);
            await BackOffice.CreateAsync(staff, type, new Dictionary<string, string[]> { ["Title"] = [$"Home draft {Guid.NewGuid():N}"], ["Summary"] = ["x"] }, publish: false);
            Assert.Equal(before + 1, await CountAsync(client, type));
        }
    }

    private static async Task<int> CountAsync(HttpClient client, string type)
    {
        var page = await Forms.GetAsync(client, "/");
        var card = page.QuerySelector($"li.card:has(a[href='/directory/{type}'])") ?? throw new InvalidOperationException($"No card for {type}.");
        var digits = new string(card.QuerySelector(".meta")?.TextContent.Where(char.IsAsciiDigit).ToArray());
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }
}
