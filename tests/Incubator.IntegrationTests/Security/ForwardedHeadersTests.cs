using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Security;

[Collection(HardenedSiteTests.Name)]
public sealed class ForwardedHeadersTests(ThrottledSites sites)
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_https_from_x_forwarded_proto_only_when_the_peer_is_a_listed_proxy(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var (peer, hsts) in new[] { (ThrottledSites.Proxy, true), (ThrottledSites.NewAddress(), false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login").From(peer);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", ThrottledSites.NewAddress());
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(hsts, response.Headers.Contains("Strict-Transport-Security"));
            var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains("incubator.af=", StringComparison.Ordinal));
            Assert.Equal(hsts, antiforgery.StartsWith("__Host-", StringComparison.Ordinal));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_not_serve_the_openapi_document_when_a_setting_turns_it_off(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
