using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Home;

[Collection(SiteTests.Name)]
public sealed class HomeTests(Sites sites)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Should_serve_the_home_page_in_vietnamese_when_no_language_is_chosen(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateBrowserClient();
        var page = await Forms.GetAsync(client, "/");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("a[href='/directory/startups']"));
    }
}
