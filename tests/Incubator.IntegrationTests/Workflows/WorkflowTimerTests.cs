using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>
/// Timers fire once: across two web instances ticking together (with the notices they queue), and after the site was
/// stopped and started again; ended instances are pruned once by two instances pruning together.
/// </summary>
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

    [PostgresFact]
    public async Task Should_fire_each_of_many_due_timers_once_and_queue_its_email_once_when_two_web_instances_tick_together()
    {
        // Both tick loops are off: the test runs the ticks of both instances itself, side by side.
        using var first = new SiteFactory(DatabaseProvider.Postgres, new Dictionary<string, string?> { ["Workflows:TimerInterval"] = "00:00:00", ["Email:DeliveryInterval"] = "00:00:00" });
        _ = first.Server;
        using var second = new SiteFactory(first);
        _ = second.Server;
        var eventName = await InstallTimerTypeAsync(first, notify: true);
        var instances = new List<WorkflowInstanceRecord>();
        for (var i = 0; i < 60; i++)
        {
            instances.Add(await StartAsync(i % 2 == 0 ? first : second, eventName));
        }

        var now = DateTime.UtcNow.AddDays(2);
        var ids = instances.Select(i => i.Id).ToList();
        var fired = 0;
        while (await first.QueryAsync(db => db.WorkflowInstances.CountAsync(i => ids.Contains(i.Id) && i.Status == WorkflowStatus.Waiting)) > 0)
        {
            var ticks = await Task.WhenAll(TickAsync(first, now), TickAsync(second, now), TickAsync(first, now), TickAsync(second, now));
            fired += ticks.Sum();
            Assert.True(fired <= instances.Count, $"{fired} timers fired for {instances.Count} instances.");
        }

        Assert.Equal(instances.Count, fired);
        foreach (var instance in instances)
        {
            var (stored, elapsed) = await StateAsync(first, instance.Id);
            Assert.Equal((WorkflowStatus.Finished, 1), (stored.Status, elapsed));
        }

        // The title of an item no feature knows is its id: each instance's notice names it, once.
        var notices = await first.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == SiteFactory.AdminEmail).Select(e => e.HtmlBody).ToListAsync());
        Assert.All(instances, instance => Assert.Single(notices, body => body.Contains(instance.CorrelationId, StringComparison.Ordinal)));
    }

    [PostgresFact]
    public async Task Should_delete_each_ended_instance_once_when_two_web_instances_prune_together()
    {
        using var first = new SiteFactory(DatabaseProvider.Postgres, new Dictionary<string, string?> { ["Workflows:TimerInterval"] = "00:00:00" });
        _ = first.Server;
        using var second = new SiteFactory(first);
        _ = second.Server;
        var eventName = await InstallTimerTypeAsync(first);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await StartAsync(first, eventName)).Id);
        }

        var later = DateTime.UtcNow.AddDays(2);
        while (await TickAsync(first, later) > 0)
        {
        }

        var pruned = await Task.WhenAll(PruneAsync(first, later.AddDays(1)), PruneAsync(second, later.AddDays(1)));

        Assert.Equal(ids.Count, pruned.Sum());
        Assert.Equal(0, await first.QueryAsync(db => db.WorkflowInstances.CountAsync(i => ids.Contains(i.Id))));
        Assert.Equal(0, await first.QueryAsync(db => db.WorkflowHistory.CountAsync(h => ids.Contains(h.InstanceId))));
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
    private static async Task<string> InstallTimerTypeAsync(SiteFactory site, bool notify = false)
    {
        var key = "test-timer-" + Guid.NewGuid().ToString("N")[..8];
        var eventName = key + "-started";
        // With notify, the step after the timer also queues a notice to the administrators.
        var (activity, transitions) = notify
            ? ("""{ "kind": "notify", "id": "notice", "template": "profile-submitted", "to": "role:Administrator" },""",
               """{ "from": "expired", "outcome": "done", "to": "notice" }, { "from": "notice", "outcome": "done", "to": "done" }""")
            : (string.Empty, """{ "from": "expired", "outcome": "done", "to": "done" }""");
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync($$"""
            { "name": "{{key}}", "steps": [ { "name": "WorkflowTypes", "types": [ {
                "key": "{{key}}", "name": "Timer test", "version": 1, "enabled": true, "startEvent": "{{eventName}}",
                "activities": [
                  { "kind": "start", "id": "start", "event": "{{eventName}}" },
                  { "kind": "timer", "id": "wait", "afterDays": 1 },
                  { "kind": "setStatus", "id": "expired", "status": "expired" },
                  {{activity}}
                  { "kind": "end", "id": "done" } ],
                "transitions": [
                  { "from": "start", "outcome": "done", "to": "wait" },
                  { "from": "wait", "outcome": "elapsed", "to": "expired" },
                  {{transitions}} ] } ] } ] }
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

    private static async Task<int> PruneAsync(SiteFactory site, DateTime endedBeforeUtc)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowService>().PruneAsync(endedBeforeUtc);
    }

    private static Task<(WorkflowInstanceRecord Instance, int Elapsed)> StateAsync(SiteFactory site, Guid id) => site.QueryAsync(async db =>
        (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id),
         await db.WorkflowHistory.CountAsync(h => h.InstanceId == id && h.Outcome == WorkflowOutcomes.Elapsed)));
}
