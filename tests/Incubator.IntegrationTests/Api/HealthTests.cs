using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Api;

public sealed class HealthTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_healthy_when_the_site_and_its_database_are_up(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var url in new[] { "/health/live", "/health/ready" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }
}
