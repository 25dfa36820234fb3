using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>Timers fire once: across two web instances ticking together, and after the site was stopped and started again.</summary>
public sealed class WorkflowTimerTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_fire_a_due_timer_exactly_once_when_two_web_instances_tick_at_the_same_time(DatabaseProvider provider)
    {
        var site = sites[provider];
        var eventName = await InstallTimerTypeAsync(site);
        var instance = await StartAsync(site, eventName);
        using var second = new SiteFactory(site);
        _ = second.Server;
        var now = DateTime.UtcNow.AddDays(2);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => TickAsync(i % 2 == 0 ? site : second, now)));

        var (stored, elapsed) = await StateAsync(site, instance.Id);
        Assert.Equal(1, elapsed);
        Assert.Equal((WorkflowStatus.Finished, 2, (DateTime?)null), (stored.Status, stored.Version, stored.NextDueUtc));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_fire_a_timer_that_fell_due_while_the_site_was_down_once_when_it_starts_again(DatabaseProvider provider)
    {
        var site = sites[provider];
        var eventName = await InstallTimerTypeAsync(site);
        Guid id;
        using (var before = new SiteFactory(site))
        {
            var instance = await StartAsync(before, eventName);
            Assert.Equal(WorkflowStatus.Waiting, instance.Status);
            Assert.NotNull(instance.NextDueUtc);
            id = instance.Id;
        }

        using var after = new SiteFactory(site);
        var now = DateTime.UtcNow.AddDays(2);
        Assert.Equal(0, await TickAsync(after, DateTime.UtcNow));
        Assert.True(await TickAsync(after, now) >= 1);
        await TickAsync(after, now);
        await TickAsync(after, now.AddDays(1));

        var (stored, elapsed) = await StateAsync(site, id);
        Assert.Equal(1, elapsed);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_only_enabled_types_of_the_event_and_pin_them_to_their_latest_enabled_version(DatabaseProvider provider)
    {
        var site = sites[provider];
        var eventName = await InstallTimerTypeAsync(site);
        var instance = await StartAsync(site, eventName);

        Assert.Equal((1, WorkflowStatus.Waiting), (instance.TypeVersion, instance.Status));
        using var scope = site.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartOrResumeAsync("no-such-event-" + Guid.NewGuid().ToString("N"), "x", null));
    }

    /// <summary>Installs a one-timer type (start → wait 1 day → set status → end) started by its own event; returns the event.</summary>
    private static async Task<string> InstallTimerTypeAsync(SiteFactory site)
    {
        var key = "test-timer-" + Guid.NewGuid().ToString("N")[..8];
        var eventName = key + "-started";
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync($$"""
            { "name": "{{key}}", "steps": [ { "name": "WorkflowTypes", "types": [ {
                "key": "{{key}}", "name": "Timer test", "version": 1, "enabled": true, "startEvent": "{{eventName}}",
                "activities": [
                  { "kind": "start", "id": "start", "event": "{{eventName}}" },
                  { "kind": "timer", "id": "wait", "afterDays": 1 },
                  { "kind": "setStatus", "id": "expired", "status": "expired" },
                  { "kind": "end", "id": "done" } ],
                "transitions": [
                  { "from": "start", "outcome": "done", "to": "wait" },
                  { "from": "wait", "outcome": "elapsed", "to": "expired" },
                  { "from": "expired", "outcome": "done", "to": "done" } ] } ] } ] }
            """);
        return eventName;
    }

    private static async Task<WorkflowInstanceRecord> StartAsync(SiteFactory site, string eventName)
    {
        using var scope = site.Services.CreateScope();
        var started = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartOrResumeAsync(eventName, Guid.NewGuid().ToString("N"), null);
        return Assert.Single(started);
    }

    private static Task<int> TickAsync(SiteFactory site, DateTime nowUtc) => site.Services.GetRequiredService<WorkflowTimerService>().TickAsync(nowUtc);

    private static Task<(WorkflowInstanceRecord Instance, int Elapsed)> StateAsync(SiteFactory site, Guid id) => site.QueryAsync(async db =>
        (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id),
         await db.WorkflowHistory.CountAsync(h => h.InstanceId == id && h.Outcome == WorkflowOutcomes.Elapsed)));
}
