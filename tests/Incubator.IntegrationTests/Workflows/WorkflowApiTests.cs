using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>
/// GET /api/items/{id}/workflow and POST /api/items/{id}/actions on the default "profile-publication" type, which an
/// applicant's submission starts.
/// </summary>
public sealed class WorkflowApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_whole_history_to_staff_and_hide_internal_entries_from_the_owner_when_reading_a_workflow(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var stranger = (await site.CreateApplicantAsync()).Client;

        var asStaff = await Json.GetAsync(staff, $"/api/items/{item.Id}/workflow");
        var asOwner = await Json.GetAsync(item.Owner, $"/api/items/{item.Id}/workflow");
        using var asStranger = await stranger.GetAsync(new Uri($"/api/items/{item.Id}/workflow", UriKind.Relative));
        using var missing = await staff.GetAsync(new Uri($"/api/items/{Guid.NewGuid():N}/workflow", UriKind.Relative));
        using var anonymous = site.CreateClient();
        using var asAnonymous = await anonymous.GetAsync(new Uri($"/api/items/{item.Id}/workflow", UriKind.Relative));

        Assert.Equal(item.InstanceId, asStaff.GetProperty("instanceId").GetGuid());
        Assert.Equal(("profile-publication", "waiting", 1), (asStaff.Text("workflowType"), asStaff.Text("status"), asStaff.GetProperty("version").GetInt32()));
        Assert.Equal(["approve", "return"], Strings(asStaff, "availableActions"));
        Assert.Contains("notify-staff", Activities(asStaff));
        Assert.Empty(Strings(asOwner, "availableActions"));
        Assert.Contains("submitted", Activities(asOwner));
        Assert.DoesNotContain("notify-staff", Activities(asOwner));
        Assert.True(Activities(asOwner).Count < Activities(asStaff).Count);
        Assert.Equal(HttpStatusCode.NotFound, asStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_move_on_and_record_the_step_when_staff_approve(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);

        using var response = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "approve", version = 1, comment = "Đạt yêu cầu" });

        var state = await Json.ReadAsync(response);
        Assert.Equal(("finished", 2), (state.Text("status"), state.GetProperty("version").GetInt32()));
        Assert.Empty(Strings(state, "availableActions"));
        var step = Assert.Single(state.GetProperty("history").EnumerateArray(), h => h.Text("outcome") == "approve");
        Assert.Equal(("moderation", "Đạt yêu cầu"), (step.Text("activity"), step.Text("comment")));
        Assert.False(string.IsNullOrEmpty(step.Text("by")));
        var stored = await site.QueryAsync(db => db.WorkflowHistory.Where(h => h.InstanceId == item.InstanceId && h.Outcome == "approve").ToListAsync());
        Assert.Equal(step.Text("by"), Assert.Single(stored).By);
        var approved = Texts.Vi("Your profile was approved");
        var email = await site.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == item.OwnerEmail && e.Subject.Contains(approved)));
        Assert.Contains("Your profile was approved", email.Subject, StringComparison.Ordinal);
        Assert.Contains(item.Name, email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_403_and_change_nothing_when_the_applicant_approves_their_own_profile(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        var before = await SnapshotAsync(site, item.InstanceId);

        using var response = await item.Owner.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "approve", version = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(site, item.InstanceId));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_409_and_change_nothing_when_the_version_is_stale(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using (var returned = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "return", version = 1, comment = "Thiếu mã số thuế" }))
        {
            Assert.Equal(2, (await Json.ReadAsync(returned)).GetProperty("version").GetInt32());
        }

        var before = await SnapshotAsync(site, item.InstanceId);

        using var response = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "approve", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(site, item.InstanceId));
        Assert.Equal((2, 1), (before.Version, before.ReturnRows));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_400_with_the_field_error_when_a_return_has_no_comment(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var before = await SnapshotAsync(site, item.InstanceId);

        using var blank = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "return", version = 1, comment = "  " });
        using var noVersion = await staff.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "return", comment = "x" });

        Assert.NotEmpty((await Json.ReadAsync(blank, HttpStatusCode.BadRequest)).Errors("comment"));
        Assert.NotEmpty((await Json.ReadAsync(noVersion, HttpStatusCode.BadRequest)).Errors("version"));
        Assert.Equal(before, await SnapshotAsync(site, item.InstanceId));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_exactly_one_of_fifty_identical_actions_when_they_arrive_at_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var emailsBefore = await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == item.OwnerEmail));
        var clients = Enumerable.Range(0, 50).Select(_ =>
        {
            var client = site.CreateClient();
            client.DefaultRequestHeaders.Authorization = staff.DefaultRequestHeaders.Authorization;
            return client;
        }).ToList();

        try
        {
            var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/items/{item.Id}/actions", new { action = "approve", version = 1 })));
            var statuses = responses.Select(r => r.StatusCode).ToList();
            var others = new List<string>();
            foreach (var response in responses)
            {
                if (response.StatusCode is not HttpStatusCode.OK and not HttpStatusCode.Conflict)
                {
                    others.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                response.Dispose();
            }

            Assert.True(others.Count == 0, string.Join("\n", others));
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var after = await SnapshotAsync(site, item.InstanceId);
        Assert.Equal((2, 1), (after.Version, after.ApproveRows));
        Assert.Equal(emailsBefore + 1, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == item.OwnerEmail)));
        Assert.Equal(1, await site.QueryAsync(db => db.Startups.CountAsync(s => s.ContentItemId == item.Id && s.Published)));
        Assert.Equal(1, await site.QueryAsync(db => db.AuditEntries.CountAsync(a => a.ContentItemId == item.Id && a.Action == Incubator.Core.Content.ContentAction.Published)));
    }

    private sealed record Snapshot(int Version, string Status, int HistoryRows, int ApproveRows, int ReturnRows);

    private static Task<Snapshot> SnapshotAsync(SiteFactory site, Guid instanceId) => site.QueryAsync(async db =>
    {
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        var outcomes = await db.WorkflowHistory.Where(h => h.InstanceId == instanceId).Select(h => h.Outcome).ToListAsync();
        return new Snapshot(instance.Version, instance.Status.ToString(), outcomes.Count, outcomes.Count(o => o == "approve"), outcomes.Count(o => o == "return"));
    });

    private static List<string> Strings(JsonElement state, string property) => [.. state.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static List<string> Activities(JsonElement state) => [.. state.GetProperty("history").EnumerateArray().Select(h => h.Text("activity"))];
}
