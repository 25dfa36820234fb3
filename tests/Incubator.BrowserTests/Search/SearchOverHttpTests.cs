using System.Net;
using Incubator.BrowserTests.Infrastructure;

namespace Incubator.BrowserTests.Search;

/// <summary>Search over real HTTP (Kestrel, not the test server), where the request line has a size limit.</summary>
[Collection(BrowserJourneys.Name)]
public sealed class SearchOverHttpTests(BrowserFixture browser)
{
    [Fact]
    public async Task Should_answer_without_error_when_a_ten_thousand_character_vietnamese_query_is_sent()
    {
        using var client = new HttpClient { BaseAddress = browser.Site.Address };
        var query = string.Concat(Enumerable.Repeat("Đổi mới \"sáng tạo\" -(title:x) ", 400))[..10_000];

        using var api = await client.GetAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
