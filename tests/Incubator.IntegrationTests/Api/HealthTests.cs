using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Api;

/// <summary>What anyone gets from the health endpoints; the details of each check are in ObservabilityTests.</summary>
public sealed class HealthTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_healthy_when_the_site_and_its_database_are_up(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        // Ready: 200 with the overall status alone; Degraded is still ready (e.g. while the first index rebuild runs).
        var ready = await Json.GetAsync(client, "/health/ready");
        Assert.Contains(ready.Text("status"), new[] { "Healthy", "Degraded" });
        Assert.Equal(["status"], ready.EnumerateObject().Select(p => p.Name));
    }
}
