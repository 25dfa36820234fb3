using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Data;

public sealed class SharedDatabaseTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_accept_a_token_from_another_instance_when_both_share_the_database(DatabaseProvider provider)
    {
        var first = sites[provider];
        var (client, _, _) = await first.CreateApplicantAsync();
        using (client)
        {
            Assert.True(await first.QueryAsync(db => db.Set<DataProtectionKey>().AnyAsync(k => k.Xml.Contains("<key"))), "the key ring is kept in the database");

            using var second = new SiteFactory(first);
            using var other = second.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organisations");
            request.Headers.Authorization = client.DefaultRequestHeaders.Authorization;

            using var response = await other.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
