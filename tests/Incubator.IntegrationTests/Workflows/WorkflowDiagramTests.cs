using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

public sealed class WorkflowDiagramTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_draw_every_activity_and_transition_when_staff_open_a_workflow_type(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");

        var list = await Forms.GetAsync(staff, "/admin/workflows");
        Assert.NotNull(list.QuerySelector("a[href='/admin/workflows/support-approval/3']"));
        var page = await Forms.GetAsync(staff, "/admin/workflows/support-approval/3");

        var type = (await site.QueryAsync(db => Task.FromResult(db.WorkflowTypes.Single(t => t.Key == "support-approval" && t.Version == 3)))).ToWorkflowType();
        var svg = page.QuerySelector("figure.diagram svg");
        Assert.NotNull(svg);
        Assert.Equal(type.Activities.Select(a => a.Id).Order(), svg.QuerySelectorAll("g.activity").Select(g => g.GetAttribute("data-activity")!).Order());
        Assert.Equal(type.Transitions.Count, svg.QuerySelectorAll("g.edge").Length);

        // Wider than a phone, the diagram and the activities' table scroll sideways: the keyboard reaches both, and
        // both are named for a screen reader.
        var figure = page.QuerySelector("figure.diagram")!;
        Assert.Equal("0", figure.GetAttribute("tabindex"));
        Assert.Equal(Texts.Vi("Diagram of {0}", "Xét duyệt hồ sơ đề nghị hỗ trợ"), figure.GetAttribute("aria-label"));
        var table = page.QuerySelector("div.table-scroll")!;
        Assert.Equal("0", table.GetAttribute("tabindex"));
        Assert.Equal("region", table.GetAttribute("role"));
        Assert.Equal(Texts.Vi("Table, scrolls sideways"), table.GetAttribute("aria-label"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_draw_markup_in_names_as_text_when_a_type_carries_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = site.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync($$"""
                { "name": "{{key}}", "steps": [ { "name": "WorkflowTypes", "types": [ {
                    "key": "{{key}}", "name": "<script>alert(1)</script>", "version": 1, "startEvent": "e",
                    "activities": [ { "kind": "start", "id": "<img src=x onerror=alert(1)>", "event": "e" }, { "kind": "end", "id": "done" } ],
                    "transitions": [ { "from": "<img src=x onerror=alert(1)>", "outcome": "done", "to": "done" } ] } ] } ] }
                """);
        }

        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var response = await staff.GetAsync(new Uri($"/admin/workflows/{key}/1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("img"));
        Assert.StartsWith("<img src=x", page.QuerySelector("g.activity text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_not_serve_workflow_diagrams_when_an_applicant_asks(DatabaseProvider provider)
    {
        using var applicant = await sites[provider].CreateApplicantWithBrowserAsync();

        using var response = await applicant.Browser.GetAsync(new Uri("/admin/workflows/support-approval/3", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("workflow-diagram", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
