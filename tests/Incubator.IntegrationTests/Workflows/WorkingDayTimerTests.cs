using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Admin.Workflows;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>
/// A timer counted in working days falls due after the holidays the site has in its database at the time, whoever
/// set them. Each start runs in its own scope, as a request or a timer tick does, at a fixed time far in the future.
/// </summary>
public sealed class WorkingDayTimerTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_skip_a_holiday_a_recipe_added_when_a_working_day_timer_falls_due(DatabaseProvider provider)
    {
        var site = sites[provider];
        var monday = FarDays.NextMonday();
        var type = await InstallAsync(site);
        var (before, _) = await StartOnFridayBeforeAsync(site, type, monday);

        using (var scope = site.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync(HolidaysStepTests.Recipe((monday, "Nghỉ thử")));
        }

        var (after, _) = await StartOnFridayBeforeAsync(site, type, monday);

        Assert.Equal(At10(monday), before);
        Assert.Equal(At10(monday.AddDays(1)), after);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_skip_a_holiday_staff_added_on_the_calendar_page_and_count_the_day_again_once_they_remove_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        var monday = FarDays.NextMonday();
        var type = await InstallAsync(site);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        (await CalendarPageTests.AddAsync(staff, monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Nghỉ thử")).Dispose();
        var (whileOff, id) = await StartOnFridayBeforeAsync(site, type, monday);
        (await CalendarPageTests.RemoveAsync(staff, monday)).Dispose();
        var (backToWork, _) = await StartOnFridayBeforeAsync(site, type, monday);

        Assert.Equal(At10(monday.AddDays(1)), whileOff);
        Assert.Equal(At10(monday), backToWork);
        var stored = await site.QueryAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(At10(monday.AddDays(1)), VietnamTime.Zone), stored.NextDueUtc);
    }

    /// <summary>Installs a type that waits one working day and ends; returns its key.</summary>
    internal static async Task<string> InstallAsync(SiteFactory site)
    {
        var key = "test-working-day-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync($$"""
            { "name": "{{key}}", "steps": [ { "name": "WorkflowTypes", "types": [ {
                "key": "{{key}}", "name": "Working-day timer test", "version": 1, "enabled": true, "startEvent": "{{key}}-started",
                "activities": [
                  { "kind": "start", "id": "start", "event": "{{key}}-started" },
                  { "kind": "timer", "id": "wait", "afterWorkingDays": 1 },
                  { "kind": "end", "id": "done" } ],
                "transitions": [
                  { "from": "start", "outcome": "done", "to": "wait" },
                  { "from": "wait", "outcome": "elapsed", "to": "done" } ] } ] } ] }
            """);
        return key;
    }

    /// <summary>
    /// Starts the type through <see cref="WorkflowService"/> in a new scope at 10:00 in Vietnam on the Friday before
    /// <paramref name="monday"/>; returns when its timer falls due, in Vietnam time.
    /// </summary>
    internal static async Task<(DateTime DueLocal, Guid Id)> StartOnFridayBeforeAsync(SiteFactory site, string type, DateOnly monday)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(At10(monday.AddDays(-3)), VietnamTime.Zone)));
        using var scope = site.Services.CreateScope();
        var effects = ActivatorUtilities.CreateInstance<HostWorkflowEffects>(scope.ServiceProvider, clock);
        var workflows = ActivatorUtilities.CreateInstance<WorkflowService>(scope.ServiceProvider, effects, clock);

        var instance = await workflows.StartAsync(type, Guid.NewGuid().ToString("N"), null) ?? throw new InvalidOperationException($"{type} did not start.");

        Assert.NotNull(instance.NextDueUtc);
        return (VietnamTime.ToLocal(instance.NextDueUtc.Value), instance.Id);
    }

    internal static DateTime At10(DateOnly day) => day.ToDateTime(new TimeOnly(10, 0));
}
