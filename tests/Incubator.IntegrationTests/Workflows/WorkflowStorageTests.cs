using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

public sealed class WorkflowStorageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_second_save_when_two_writers_saved_the_same_instance_version(DatabaseProvider provider)
    {
        var site = sites[provider];
        Guid id;
        using (var scope = site.Services.CreateScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync("profile-publication", Guid.NewGuid().ToString("N"), null))!.Id;
        }

        using var first = site.Services.CreateScope();
        using var second = site.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var mine = await firstDb.WorkflowInstances.SingleAsync(i => i.Id == id);
        var theirs = await secondDb.WorkflowInstances.SingleAsync(i => i.Id == id);
        (mine.Version, mine.Fault) = (mine.Version + 1, "first");
        (theirs.Version, theirs.Fault) = (theirs.Version + 1, "second");

        await firstDb.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());

        var stored = await site.QueryAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((2, "first"), (stored.Version, stored.Fault));
    }
}
