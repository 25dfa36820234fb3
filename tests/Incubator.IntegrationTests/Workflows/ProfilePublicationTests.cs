using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>Whole profile approvals over HTTP: the applicant's API, staff's workflow actions, the public directory.</summary>
public sealed class ProfilePublicationTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_publish_the_profile_in_the_directory_when_staff_approve_its_workflow(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var anonymous = site.CreateClient();
        var slug = (await Json.GetAsync(item.Owner, $"/api/organisations/{item.Id}")).Text("slug");
        using (var hidden = await anonymous.GetAsync(new Uri($"/api/directory/startups/{slug}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        var state = await ActAsync(staff, item.Id, "approve", 1);

        Assert.Equal("finished", state.Text("status"));
        Assert.Equal("Published", (await Json.GetAsync(item.Owner, $"/api/organisations/{item.Id}")).Text("status"));
        Assert.Equal(item.Name, (await Json.GetAsync(anonymous, $"/api/directory/startups/{slug}")).Text("title"));
        var owner = await Json.GetAsync(item.Owner, $"/api/items/{item.Id}/workflow");
        Assert.Contains("status-published", Activities(owner));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_resume_the_same_instance_when_the_owner_resubmits_a_returned_profile(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        const string comment = "Bổ sung mã số thuế.";

        var returned = await ActAsync(staff, item.Id, "return", 1, comment);
        var profile = await Json.GetAsync(item.Owner, $"/api/organisations/{item.Id}");
        Assert.Equal(("waiting", "Returned", comment), (returned.Text("status"), profile.Text("status"), profile.Text("reviewComment")));
        Assert.Empty(Strings(returned, "availableActions"));
        var seen = await Json.GetAsync(item.Owner, $"/api/items/{item.Id}/workflow");
        Assert.Contains(seen.GetProperty("history").EnumerateArray(), h => h.Text("outcome") == "return" && h.Text("comment") == comment);

        using (var edited = await item.Owner.PutAsJsonAsync($"/api/organisations/{item.Id}", new { taxCode = "4800123456" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        using (var again = await item.Owner.PostAsync(new Uri($"/api/organisations/{item.Id}/submit", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var resumed = await Json.GetAsync(staff, $"/api/items/{item.Id}/workflow");
        Assert.Equal(item.InstanceId, resumed.GetProperty("instanceId").GetGuid());
        Assert.Equal(["approve", "return"], Strings(resumed, "availableActions"));
        Assert.Contains(resumed.GetProperty("history").EnumerateArray(), h => h.Text("activity") == "resubmitted" && h.Text("outcome") == "received");
        var approved = await ActAsync(staff, item.Id, "approve", resumed.GetProperty("version").GetInt32());

        Assert.Equal("finished", approved.Text("status"));
        Assert.Equal(1, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == item.Id)));
        var published = await site.QueryAsync(db => db.Startups.SingleAsync(s => s.ContentItemId == item.Id && s.Published));
        Assert.Equal(("4800123456", (string?)null), (published.TaxCode, published.ReviewComment));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_the_profile_out_of_review_and_refuse_the_old_action_when_the_owner_edits_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);

        using (var edited = await item.Owner.PutAsJsonAsync($"/api/organisations/{item.Id}", new { summary = "Nội dung chưa ai duyệt" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        using (var stale = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "approve", version = 1 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        }

        var state = await Json.GetAsync(staff, $"/api/items/{item.Id}/workflow");
        using (var late = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "approve", version = state.GetProperty("version").GetInt32() }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        Assert.Empty(Strings(state, "availableActions"));
        Assert.Equal("Draft", (await Json.GetAsync(item.Owner, $"/api/organisations/{item.Id}")).Text("status"));
        Assert.False(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.ContentItemId == item.Id && s.Published)));

        using (var again = await item.Owner.PostAsync(new Uri($"/api/organisations/{item.Id}/submit", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(["approve", "return"], Strings(await Json.GetAsync(staff, $"/api/items/{item.Id}/workflow"), "availableActions"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_no_second_review_when_a_submitted_profile_is_submitted_again(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);

        using var again = await item.Owner.PostAsync(new Uri($"/api/organisations/{item.Id}/submit", UriKind.Relative), null);

        Assert.True(again.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"got {(int)again.StatusCode}");
        Assert.Equal(1, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == item.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_a_new_review_when_the_owner_submits_changes_to_a_published_profile(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        await ActAsync(staff, item.Id, "approve", 1);

        using (var edited = await item.Owner.PutAsJsonAsync($"/api/organisations/{item.Id}", new { summary = "Phiên bản hai" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        using (var submitted = await item.Owner.PostAsync(new Uri($"/api/organisations/{item.Id}/submit", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var second = await Json.GetAsync(staff, $"/api/items/{item.Id}/workflow");
        Assert.NotEqual(item.InstanceId, second.GetProperty("instanceId").GetGuid());
        Assert.Equal(("waiting", 1), (second.Text("status"), second.GetProperty("version").GetInt32()));
        var statuses = await site.QueryAsync(db => db.WorkflowInstances.Where(i => i.CorrelationId == item.Id).Select(i => i.Status).ToListAsync());
        Assert.Equal([WorkflowStatus.Waiting, WorkflowStatus.Finished], statuses.Order());
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, string id, string action, int version, string? comment = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/items/{id}/actions", new { action, version, comment });
        return await Json.ReadAsync(response);
    }

    private static List<string> Strings(JsonElement state, string property) => [.. state.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static List<string> Activities(JsonElement state) => [.. state.GetProperty("history").EnumerateArray().Select(h => h.Text("activity"))];
}
