using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>Workflow types, steps and outcomes read by their names; definitions written before names still load.</summary>
public sealed class WorkflowNamesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_borrow_the_newest_version_names_and_read_unnamed_ids_as_words_when_an_instance_runs_on_a_version_without_names(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        Guid instanceId;
        using (var scope = site.Services.CreateScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
            Assert.Equal(1, (await runner.RunAsync(Recipe(key, 1, "\"Old trial flow\"", string.Empty, "\"name\": \"ok\""))).Changed);
            instanceId = (await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync(key, Guid.NewGuid().ToString("N"), null))!.Id;
            Assert.Equal(1, (await runner.RunAsync(Recipe(
                key, 2, """{ "vi": "Quy trình thử", "en": "Trial flow" }""", """ "name": { "vi": "Kiểm tra thử", "en": "Trial check" }, """,
                """ "id": "ok", "name": { "vi": "Đồng ý thử", "en": "Agree" } """))).Changed);

            // The old shape is read and written back as it was stored, so running its recipe again changes nothing.
            Assert.Equal(0, (await runner.RunAsync(Recipe(key, 1, "\"Old trial flow\"", string.Empty, "\"name\": \"ok\""))).Changed);
        }

        using var staff = await site.CreateBrowserUserAsync("Staff");
        var page = await Forms.GetAsync(staff, $"/admin/workflows/instances/{instanceId}");

        Assert.Contains("Quy trình thử v1", page.QuerySelector("dl.facts")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kiểm tra thử", page.QuerySelector("dl.facts li[data-activity='check-it']")?.TextContent.Trim());
        var started = page.QuerySelector("table.history tr[data-activity='begin']")!;
        Assert.Equal(("Begin", Texts.Vi("Started")), (started.QuerySelector("td:nth-child(3)")?.TextContent.Trim(), started.QuerySelector("td:nth-child(4)")?.TextContent.Trim()));
        Assert.Equal("Đồng ý thử", page.QuerySelector("form.workflow-action[data-action='ok'] button[type=submit]")?.TextContent.Trim());

        var english = await Forms.GetAsync(staff, $"/admin/workflows/instances/{instanceId}?culture=en-GB&ui-culture=en-GB");
        Assert.Equal("Trial check", english.QuerySelector("dl.facts li[data-activity='check-it']")?.TextContent.Trim());
        Assert.Equal("Agree", english.QuerySelector("form.workflow-action[data-action='ok'] button[type=submit]")?.TextContent.Trim());

        // The version itself keeps the definition it was installed with.
        var stored = await site.QueryAsync(db => db.WorkflowTypes.AsNoTracking().SingleAsync(t => t.Key == key && t.Version == 1));
        Assert.Equal("Old trial flow", stored.Name);
        Assert.Null(stored.ToWorkflowType().FindActivity("check-it")!.Name);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_draw_the_default_type_with_vietnamese_names_and_no_step_id_when_staff_open_its_diagram(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");

        var list = await Forms.GetAsync(staff, "/admin/workflows");
        Assert.Contains("Xét duyệt hồ sơ đề nghị hỗ trợ", list.QuerySelector("table")?.TextContent, StringComparison.Ordinal);
        var page = await Forms.GetAsync(staff, "/admin/workflows/support-approval/3");

        Assert.Equal("Xét duyệt hồ sơ đề nghị hỗ trợ", page.QuerySelector("svg.workflow-diagram")?.GetAttribute("aria-label"));
        var screening = page.QuerySelector("g.activity[data-activity='screening']")!;
        Assert.Equal("Thẩm định sơ bộ", screening.QuerySelector("text")?.TextContent);
        var labels = page.QuerySelectorAll("g.edge[data-from='screening'] text").Select(t => t.TextContent).ToList();
        Assert.Equal(["Yêu cầu bổ sung", "Không đạt thẩm định sơ bộ", "Đạt thẩm định sơ bộ"], labels);
        var drawn = string.Join(' ', page.QuerySelectorAll("svg.workflow-diagram text").Select(t => t.TextContent));
        foreach (var id in new[] { "screening", "request-information", "status-in-review", "notify-staff", "decision", "review-round" })
        {
            Assert.DoesNotContain(id, drawn, StringComparison.Ordinal);
        }
    }

    private static string Recipe(string key, int version, string name, string taskName, string outcome) => $$"""
        { "name": "{{key}}", "steps": [ { "name": "WorkflowTypes", "types": [ {
            "key": "{{key}}", "name": {{name}}, "version": {{version}}, "startEvent": "trial",
            "activities": [
                { "kind": "start", "id": "begin", "event": "trial" },
                { "kind": "userTask", "id": "check-it", {{taskName}} "roles": [ "Staff" ], "outcomes": [ { {{outcome}} } ] },
                { "kind": "end", "id": "finish" } ],
            "transitions": [ { "from": "begin", "outcome": "done", "to": "check-it" }, { "from": "check-it", "outcome": "ok", "to": "finish" } ] } ] } ] }
        """;
}
