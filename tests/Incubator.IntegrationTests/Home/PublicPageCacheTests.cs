using System.Net;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Pages;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Home;

/// <summary>
/// Anonymous visitors share one rendering of a public page (the output cache answers with an Age header); a change
/// saved on this instance, or applied to its index from another, shows at once; a signed-in user is never served the
/// anonymous page, nor is theirs kept; each language is kept apart.
/// </summary>
public sealed class PublicPageCacheTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_a_new_article_at_once_when_the_news_page_was_kept_for_anonymous_visitors(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        await GetAsync(visitor, "/news");
        using (var kept = await GetAsync(visitor, "/news"))
        {
            Assert.True(kept.Headers.Age is not null, "the second anonymous visit is answered from the cache");
        }

        var title = $"Article {Guid.NewGuid():N}";
        await BackOffice.CreateAsync(staff, "news", NewsTests.News(title, "Nội dung."), publish: true);

        using var after = await GetAsync(visitor, "/news");
        Assert.Null(after.Headers.Age);
        Assert.Contains(title, await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_never_serve_a_signed_in_user_the_anonymous_page_nor_keep_theirs(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var visitor = site.CreateBrowserClient();
        await GetAsync(visitor, "/");
        using (var kept = await GetAsync(visitor, "/"))
        {
            Assert.NotNull(kept.Headers.Age);
        }

        using var user = await site.CreateBrowserUserAsync();
        for (var i = 0; i < 2; i++)
        {
            using var response = await GetAsync(user, "/");
            Assert.Null(response.Headers.Age);
            var page = await Forms.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("form[action='/account/logout']"));
        }

        using var anonymous = await GetAsync(visitor, "/");
        var anonymousPage = await Forms.ParseAsync(anonymous);
        Assert.Null(anonymousPage.QuerySelector("form[action='/account/logout']"));
        Assert.Null(anonymousPage.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_each_language_apart_when_visitors_read_in_vietnamese_and_english(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var vietnamese = site.CreateBrowserClient();
        using var english = site.CreateBrowserClient();
        using (var content = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/")]))
        {
            using var switched = await english.PostAsync(new Uri("/culture", UriKind.Relative), content);
            Assert.Equal("/", Forms.Location(switched));
        }

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("vi", (await Forms.ParseAsync(await GetAsync(vietnamese, "/directory/startups"))).DocumentElement.GetAttribute("lang"));
            Assert.Equal("en", (await Forms.ParseAsync(await GetAsync(english, "/directory/startups"))).DocumentElement.GetAttribute("lang"));
        }
    }

    /// <summary>
    /// B's kept profile page is outdated once B's index has applied A's change to it: the page is read from the
    /// database, and the index's progress is what tells B that another instance wrote.
    /// </summary>
    [PostgresFact]
    public async Task Should_show_another_instances_change_once_this_instance_applied_it()
    {
        var a = sites[DatabaseProvider.Postgres];
        using var b = new SiteFactory(a, new Dictionary<string, string?> { ["Search:PollInterval"] = "00:00:00" });
        using var staff = await a.CreateBrowserUserAsync("Staff");
        using var visitor = b.CreateBrowserClient();
        var item = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Hai máy {Guid.NewGuid():N}"), publish: true);
        await SearchReader.DrainAsync(b);
        var url = $"/directory/startups/{item.Slug}";
        await GetAsync(visitor, url);
        using (var kept = await GetAsync(visitor, url))
        {
            Assert.NotNull(kept.Headers.Age);
        }

        await BackOffice.EditAsync(staff, item, new Dictionary<string, string[]> { ["Summary"] = ["Changed through instance A"] }, publish: true);
        await SearchReader.DrainAsync(b);

        using var after = await GetAsync(visitor, url);
        Assert.Contains("Changed through instance A", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
