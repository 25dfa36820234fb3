using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Workflows;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>Staff's view of instances: lists, history, the action buttons on items, retry and cancel, pruning.</summary>
public sealed class WorkflowBackOfficeTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_publish_the_profile_when_staff_press_approve_on_its_edit_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var url = $"/admin/content/startups/{item.Id}";

        var page = await Forms.GetAsync(staff, url);
        Assert.Equal(["approve", "return"], page.QuerySelectorAll("section.workflow-panel form.workflow-action").Select(f => f.GetAttribute("data-action")));
        using var response = await Forms.SubmitAsync(staff, page, "section.workflow-panel form.workflow-action[data-action='approve']", []);

        Assert.Equal(url, Forms.Location(response));
        var after = await Forms.GetAsync(staff, url);
        Assert.Null(after.QuerySelector("p.notice[role=alert]")?.TextContent);
        Assert.NotNull(after.QuerySelector("p.success[role=status]"));
        Assert.Empty(after.QuerySelectorAll("form.workflow-action"));
        Assert.True(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.ContentItemId == item.Id && s.Published)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_so_and_change_nothing_when_a_second_officer_presses_a_button_on_a_page_already_acted_on(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var first = await site.CreateBrowserUserAsync(Roles.Staff);
        using var second = await site.CreateBrowserUserAsync(Roles.Staff);
        var firstPage = await Forms.GetAsync(first, "/admin/moderation");
        var secondPage = await Forms.GetAsync(second, "/admin/moderation");
        var selector = $"section.moderation-item[data-id='{item.Id}'] form.workflow-action[data-action='return']";

        using (var approved = await Forms.SubmitAsync(first, firstPage, $"section.moderation-item[data-id='{item.Id}'] form.workflow-action[data-action='approve']", []))
        {
            Assert.Equal("/admin/moderation", Forms.Location(approved));
        }

        using var late = await Forms.SubmitAsync(second, secondPage, selector, [new("comment", "Thiếu thông tin")]);
        var shown = await Forms.GetAsync(second, Forms.Location(late));

        Assert.Equal(Texts.Vi("Someone acted on this item first; reload it and try again."), shown.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());
        Assert.Equal(0, await site.QueryAsync(db => db.WorkflowHistory.CountAsync(h => h.InstanceId == item.InstanceId && h.Outcome == "return")));
        Assert.Equal("Published", (await Json.GetAsync(item.Owner, $"/api/organisations/{item.Id}")).Text("status"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_instances_by_type_status_and_item_and_show_an_instance_history(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);

        var byItem = await Forms.GetAsync(staff, $"/admin/workflows/instances?item={item.Id}");
        var waiting = await Forms.GetAsync(staff, "/admin/workflows/instances?type=profile-publication&status=waiting");
        var finished = await Forms.GetAsync(staff, $"/admin/workflows/instances?item={item.Id}&status=finished");
        var odd = await Forms.GetAsync(staff, "/admin/workflows/instances?status=%3Cb%3E&p=-3&type=nope");

        Assert.Equal([item.InstanceId.ToString()], byItem.QuerySelectorAll("table.instances tbody tr").Select(r => r.GetAttribute("data-id")));
        Assert.Contains(item.Name, byItem.QuerySelector("table.instances tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(waiting.QuerySelectorAll("table.instances tbody tr"), r => r.GetAttribute("data-id") == item.InstanceId.ToString());
        Assert.Empty(finished.QuerySelectorAll("table.instances tbody tr"));
        Assert.NotNull(odd.QuerySelector("table.instances"));

        var page = await Forms.GetAsync(staff, $"/admin/workflows/instances/{item.InstanceId}");
        Assert.Equal("1", page.QuerySelector("#instance-version")?.TextContent.Trim());
        // Each step reads by its name in the reader's language; its id stays in an attribute.
        var rows = page.QuerySelectorAll("table.history tbody tr").ToList();
        Assert.Equal(["submitted", "status-submitted", "notify-staff", "review"], rows.Select(r => r.GetAttribute("data-activity")));
        Assert.Equal(["Gửi hồ sơ để duyệt", "Trạng thái: chờ duyệt", "Báo cán bộ duyệt", "Chờ duyệt hoặc chủ hồ sơ sửa"], rows.Select(r => r.QuerySelector("td:nth-child(3)")!.TextContent.Trim()));
        Assert.Equal(["approve", "return"], page.QuerySelectorAll("form.workflow-action").Select(f => f.GetAttribute("data-action")));
        using var missing = await staff.GetAsync(new Uri($"/admin/workflows/instances/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_run_the_failed_step_again_on_retry_and_stop_the_instance_on_cancel_when_it_faulted(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        var faulted = await StartFaultingAsync(site, item.Id);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var url = $"/admin/workflows/instances/{faulted}";

        var page = await Forms.GetAsync(staff, url);
        Assert.Contains("A profile has no status 'bogus'", page.QuerySelector("#instance-fault")?.TextContent, StringComparison.Ordinal);
        using (var retried = await Forms.SubmitAsync(staff, page, "form.instance-retry", []))
        {
            Assert.Equal(url, Forms.Location(retried));
        }

        var (status, version, faults) = await StateAsync(site, faulted);
        Assert.Equal((WorkflowStatus.Faulted, 2, 2), (status, version, faults));

        using (var stale = await Forms.SubmitAsync(staff, page, "form.instance-cancel", []))
        {
            var shown = await Forms.GetAsync(staff, Forms.Location(stale));
            Assert.Equal(Texts.Vi("Someone acted on this item first; reload it and try again."), shown.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());
        }

        Assert.Equal(WorkflowStatus.Faulted, (await StateAsync(site, faulted)).Status);
        var fresh = await Forms.GetAsync(staff, url);
        using (var cancelled = await Forms.SubmitAsync(staff, fresh, "form.instance-cancel", []))
        {
            Assert.Equal(url, Forms.Location(cancelled));
        }

        Assert.Equal((WorkflowStatus.Cancelled, 3), ((await StateAsync(site, faulted)).Status, (await StateAsync(site, faulted)).Version));
        var done = await Forms.GetAsync(staff, url);
        Assert.Null(done.QuerySelector("form.instance-retry"));
        Assert.Null(done.QuerySelector("form.instance-cancel"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_retry_and_cancel_when_a_leader_asks(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        var faulted = await StartFaultingAsync(site, item.Id);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);

        var page = await Forms.GetAsync(leader, $"/admin/workflows/instances/{faulted}");
        Assert.Null(page.QuerySelector("form.instance-retry"));
        Assert.Null(page.QuerySelector("form.instance-cancel"));

        // The leader's own token (from the sign-out form), so the refusal is the permission check's, not antiforgery's.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        foreach (var handler in new[] { "Retry", "Cancel" })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", "1")]);
            using var response = await leader.PostAsync(new Uri($"/admin/workflows/instances/{faulted}?handler={handler}", UriKind.Relative), content);
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
        }

        Assert.Equal((WorkflowStatus.Faulted, 1), ((await StateAsync(site, faulted)).Status, (await StateAsync(site, faulted)).Version));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_cancel_the_review_when_staff_delete_a_submitted_profile(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var page = await Forms.GetAsync(staff, $"/admin/content/startups/{item.Id}");

        using (var deleted = await Forms.SubmitAsync(staff, page, "form[action*='handler=Delete']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Cancelled, (await StateAsync(site, item.InstanceId)).Status);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_prune_finished_instances_with_their_history_and_keep_waiting_ones_when_they_are_old_enough(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = "test-prune-" + Guid.NewGuid().ToString("N")[..8];
        await RunRecipeAsync(site, Type(key + "-done", """{ "kind": "end", "id": "done" }""", "start.done->done"));
        await RunRecipeAsync(site, Type(key + "-wait", """{ "kind": "userTask", "id": "wait", "roles": [ "Staff" ], "outcomes": [ { "name": "ok" } ] }""", "start.done->wait"));
        var finished = await StartAsync(site, key + "-done");
        var waiting = await StartAsync(site, key + "-wait");
        Assert.Equal((WorkflowStatus.Finished, WorkflowStatus.Waiting), (finished.Status, waiting.Status));
        var timers = new WorkflowTimerService(
            site.Services.GetRequiredService<IServiceScopeFactory>(), site.Services.GetRequiredService<TimeProvider>(),
            Microsoft.Extensions.Options.Options.Create(new WorkflowOptions { PruneFinishedAfter = TimeSpan.FromDays(30) }),
            site.Services.GetRequiredService<WorkflowMetrics>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkflowTimerService>.Instance);

        await timers.TickAsync(finished.FinishedUtc!.Value.AddDays(29));
        Assert.True(await site.QueryAsync(db => db.WorkflowInstances.AnyAsync(i => i.Id == finished.Id)));

        var fresh = new WorkflowTimerService(
            site.Services.GetRequiredService<IServiceScopeFactory>(), site.Services.GetRequiredService<TimeProvider>(),
            Microsoft.Extensions.Options.Options.Create(new WorkflowOptions { PruneFinishedAfter = TimeSpan.FromDays(30) }),
            site.Services.GetRequiredService<WorkflowMetrics>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkflowTimerService>.Instance);
        await fresh.TickAsync(finished.FinishedUtc!.Value.AddDays(31));

        Assert.False(await site.QueryAsync(db => db.WorkflowInstances.AnyAsync(i => i.Id == finished.Id)));
        Assert.False(await site.QueryAsync(db => db.WorkflowHistory.AnyAsync(h => h.InstanceId == finished.Id)));
        Assert.True(await site.QueryAsync(db => db.WorkflowInstances.AnyAsync(i => i.Id == waiting.Id)));
        Assert.True(await site.QueryAsync(db => db.WorkflowHistory.AnyAsync(h => h.InstanceId == waiting.Id)));
    }

    /// <summary>Installs a type that sets a status profiles do not have, and starts it on the profile: it faults.</summary>
    private static async Task<Guid> StartFaultingAsync(SiteFactory site, string profileId)
    {
        var key = "test-fault-" + Guid.NewGuid().ToString("N")[..8];
        await RunRecipeAsync(site, Type(key, """{ "kind": "setStatus", "id": "odd", "status": "bogus" }, { "kind": "end", "id": "done" }""", "start.done->odd", "odd.done->done"));
        var instance = await StartAsync(site, key, profileId, "profile");
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        return instance.Id;
    }

    /// <summary>Starts the event's instances for an item of <paramref name="itemKind"/>, which decides whose handlers apply its effects.</summary>
    private static async Task<WorkflowInstanceRecord> StartAsync(SiteFactory site, string eventName, string? correlationId = null, string itemKind = "")
    {
        using var scope = site.Services.CreateScope();
        var started = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartOrResumeAsync(eventName, correlationId ?? Guid.NewGuid().ToString("N"), null, itemKind);
        return Assert.Single(started);
    }

    private static async Task RunRecipeAsync(SiteFactory site, string type)
    {
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync($$"""{ "name": "test", "steps": [ { "name": "WorkflowTypes", "types": [ {{type}} ] } ] }""");
    }

    /// <summary>A type started by an event named as its key, with a start activity "start" and the given transitions ("from.outcome->to").</summary>
    private static string Type(string key, string activities, params string[] transitions) => $$"""
        { "key": "{{key}}", "name": "{{key}}", "version": 1, "enabled": true, "startEvent": "{{key}}",
          "activities": [ { "kind": "start", "id": "start", "event": "{{key}}" }, {{activities}} ],
          "transitions": [ {{string.Join(", ", transitions.Select(t =>
          {
              var (from, to) = (t.Split("->")[0], t.Split("->")[1]);
              return $$"""{ "from": "{{from[..from.LastIndexOf('.')]}}", "outcome": "{{from[(from.LastIndexOf('.') + 1)..]}}", "to": "{{to}}" }""";
          }))}} ] }
        """;

    private static Task<(WorkflowStatus Status, int Version, int Faults)> StateAsync(SiteFactory site, Guid id) => site.QueryAsync(async db =>
    {
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id);
        return (instance.Status, instance.Version, await db.WorkflowHistory.CountAsync(h => h.InstanceId == id && h.Outcome == "faulted"));
    });
}
