using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Pages;

public sealed class NewsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_and_show_the_recipe_news_when_the_site_is_new(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        const string slug = "chao-mung-den-voi-cong-thong-tin";
        var list = (await AllNewsLinksAsync(visitor)).ToList();
        Assert.Contains($"/news/{slug}", list);
        var article = await Forms.GetAsync(visitor, $"/news/{slug}");
        Assert.False(string.IsNullOrWhiteSpace(article.QuerySelector("article h1")?.TextContent));
        Assert.Matches(@"\d{2}/\d{2}/\d{4}", article.QuerySelector("article .meta")?.TextContent ?? string.Empty);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_only_published_news_when_articles_are_drafts_edited_or_unpublished(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        var draft = await BackOffice.CreateAsync(staff, "news", News($"Tin nháp {Guid.NewGuid():N}", "Draft body."), publish: false);
        var published = await BackOffice.CreateAsync(staff, "news", News($"Tin mới {Guid.NewGuid():N}", "Published body."), publish: true);

        var links = await AllNewsLinksAsync(visitor);
        Assert.Contains($"/news/{published.Slug}", links);
        Assert.DoesNotContain($"/news/{draft.Slug}", links);
        await PagesTests.AssertNotFoundAsync(visitor, $"/news/{draft.Slug}");
        Assert.Equal("Published body.", await PagesTests.BodyAsync(visitor, $"/news/{published.Slug}"));
        var home = await Forms.GetAsync(visitor, "/");
        Assert.NotNull(home.QuerySelector($"a[href='/news/{published.Slug}']"));
        Assert.Null(home.QuerySelector($"a[href='/news/{draft.Slug}']"));

        await BackOffice.EditAsync(staff, published, new Dictionary<string, string[]> { ["Body"] = ["Edited body."] }, publish: false);
        Assert.Equal("Published body.", await PagesTests.BodyAsync(visitor, $"/news/{published.Slug}"));
        await BackOffice.PublishAsync(staff, published);
        Assert.Equal("Edited body.", await PagesTests.BodyAsync(visitor, $"/news/{published.Slug}"));

        await BackOffice.UnpublishAsync(staff, published);
        await PagesTests.AssertNotFoundAsync(visitor, $"/news/{published.Slug}");
        Assert.DoesNotContain($"/news/{published.Slug}", await AllNewsLinksAsync(visitor));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_render_no_script_and_no_javascript_link_when_a_news_body_carries_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var article = await BackOffice.CreateAsync(staff, "news", News($"Markdown news {Guid.NewGuid():N}", PagesTests.HostileMarkdown), publish: true);

        using var visitor = site.CreateBrowserClient();
        using var response = await visitor.GetAsync(new Uri($"/news/{article.Slug}", UriKind.Relative));
        await Html.AssertInertMarkdownAsync(response);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_page_the_news_list_when_more_articles_are_published_than_one_page_holds(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        for (var i = 0; i < 13; i++)
        {
            await BackOffice.CreateAsync(staff, "news", News($"Tin {i} {Guid.NewGuid():N}", "Body."), publish: true);
        }

        using var visitor = site.CreateBrowserClient();
        var first = await Forms.GetAsync(visitor, "/news");
        var second = await Forms.GetAsync(visitor, "/news?p=2");
        var firstLinks = first.QuerySelectorAll("ul.cards h2 a").Select(a => a.GetAttribute("href")).ToList();
        var secondLinks = second.QuerySelectorAll("ul.cards h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(12, firstLinks.Count);
        Assert.NotEmpty(secondLinks);
        Assert.Empty(firstLinks.Intersect(secondLinks));
        Assert.Equal("/news?p=2", first.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("/news?p=1", second.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
    }

    internal static Dictionary<string, string[]> News(string title, string body) => new() { ["Title"] = [title], ["Summary"] = [$"Summary of {title}"], ["Body"] = [body] };

    private static async Task<List<string>> AllNewsLinksAsync(HttpClient visitor)
    {
        var links = new List<string>();
        string? url = "/news";
        for (var guard = 0; url is not null && guard < 100; guard++)
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            links.AddRange(page.QuerySelectorAll("ul.cards h2 a").Select(a => a.GetAttribute("href") ?? string.Empty));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        return links;
    }
}
