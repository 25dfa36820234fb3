using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Pages;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;

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

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_lead_with_the_programmes_open_now_and_a_call_to_apply_then_figures_news_and_targets_when_the_home_page_is_opened(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        var key = $"home-{Guid.NewGuid():N}"[..20];
        var closes = DateTimeOffset.UtcNow.AddDays(2);
        await ProgrammeData.CreateProgrammeAsync(staffApi, ProgrammeData.Definition(key, closesAt: closes));
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var news = $"Tin trang chủ {Guid.NewGuid():N}";
        await BackOffice.CreateAsync(staff, "news", NewsTests.News(news, "Nội dung."), publish: true);
        var target = "home-" + Guid.NewGuid().ToString("N")[..8];
        await site.RunRecipeAsync($$"""
            {
              "name": "home-{{target}}",
              "steps": [ { "name": "Targets", "targets": [
                { "key": "{{target}}", "title": { "vi": "Doanh nghiệp khởi nghiệp" }, "plan": "Kế hoạch thử trang chủ", "target": { "min": 100000 },
                  "unit": { "vi": "doanh nghiệp" }, "startYear": 2024, "deadline": 2030,
                  "indicator": { "measure": "count", "source": "organisations", "filter": { "kinds": [ "startup" ] } } } ] } ]
            }
            """);

        using var visitor = site.CreateBrowserClient();
        var page = await Forms.GetAsync(visitor, "/");

        // First the way to apply, then the programmes open now, the figures, the news and the targets, in that order.
        Assert.Equal(
            new[] { "hero", "open-programmes", "ecosystem", "latest-news", "target-states" },
            page.QuerySelectorAll("main > section").Select(s => s.ClassList.FirstOrDefault(c => c != "home-section") ?? string.Empty).Take(5).ToArray());
        Assert.Equal(Texts.Vi("Apply"), page.QuerySelector("section.hero a.button.cta[href='/programmes']")?.TextContent.Trim());
        var card = page.QuerySelector($"section.open-programmes li.card[data-key='{key}']")!;
        Assert.Equal(Texts.Vi("Apply"), card.QuerySelector($"a.button.apply[href='/programmes/{key}']")?.TextContent.Trim());
        Assert.Equal(Incubator.Core.Time.VietnamTime.FormatDate(closes.UtcDateTime), card.QuerySelector("dd.closes")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("section.ecosystem li.card a[href='/directory/enterprises']"));
        Assert.Contains(news, page.QuerySelector("section.latest-news")?.TextContent, StringComparison.Ordinal);
        var behind = page.QuerySelector("section.target-states ul.target-summary li.behind strong")?.TextContent;
        Assert.True(int.Parse(behind ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1, $"The home page counts {behind} targets behind.");
        Assert.NotNull(page.QuerySelector("section.target-states a[href='/targets']"));
    }

    private static async Task<int> CountAsync(HttpClient client, string type)
    {
        var page = await Forms.GetAsync(client, "/");
        var card = page.QuerySelector($"li.card:has(a[href='/directory/{type}'])") ?? throw new InvalidOperationException($"No card for {type}.");
        var digits = new string(card.QuerySelector(".meta")?.TextContent.Where(char.IsAsciiDigit).ToArray());
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }
}
