using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Security;
using Incubator.Web.Data;
using Incubator.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Events.Registrations;

/// <summary>The registration form and API are throttled like the other public forms, on the hardened site (throttling on).</summary>
[Collection(HardenedSiteTests.Name)]
public sealed class RegistrationThrottlingTests(ThrottledSites sites)
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_429_when_one_address_registers_too_often(DatabaseProvider provider)
    {
        var site = sites[provider];
        var slug = EventArrange.Slug();
        var starts = DateTime.UtcNow.AddDays(7);
        using (var scope = site.Services.CreateScope())
        {
            // Arranged in the site itself: signing staff in would spend the hardened site's sign-in allowance.
            var created = await scope.ServiceProvider.GetRequiredService<EventCommands>().CreateAsync(
                new EventInput(slug, "Hội thảo gọi vốn", null, "workshop", null, starts.ToString("O", CultureInfo.InvariantCulture), starts.AddHours(2).ToString("O", CultureInfo.InvariantCulture),
                    "Hội trường", null, null, null, 10, null, null, null, null, null, null, true),
                null, CancellationToken.None);
            Assert.True(created.Succeeded);
        }

        using var client = site.CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
        var email = $"lap-lai-{Guid.NewGuid():N}@example.vn";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync($"/api/events/{slug}/registrations", new { name = "Vũ Văn G", email, phone = "0912345678" });
            statuses.Add(response.StatusCode);
        }

        // The same address three times (the account's allowance), then refused before the site does anything.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests], statuses);
    }
}
