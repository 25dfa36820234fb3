using System.Net;
using System.Net.Http.Json;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Interactions;

/// <summary>Follow-up tasks: refused field by field, "my tasks" overdue first, completed once, and their notices sent once by two hosts.</summary>
public sealed class FollowUpTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_overdue_tasks_first_and_close_a_task_once_when_staff_complete_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(DateTime.UtcNow));
        var ids = new Dictionary<string, string>();
        foreach (var (title, due) in new[] { ("Gửi hợp đồng", today.AddDays(3)), ("Gọi lại nhà sáng lập", today.AddDays(-2)), ("Nộp báo cáo", today) })
        {
            using var created = await data.Staff.PostAsJsonAsync("/api/tasks", new
            {
                title, dueOn = VietnamTime.FormatIsoDate(due), assignee = data.StaffEmail.ToUpperInvariant(), organisationId = data.OrganisationId, personId = data.PersonId,
            });
            ids[title] = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        }

        var mine = await Json.GetAsync(data.Staff, "/api/tasks/mine?status=open");
        Assert.Equal(["Gọi lại nhà sáng lập", "Nộp báo cáo", "Gửi hợp đồng"], mine.EnumerateArray().Select(t => t.Text("title")));
        Assert.Equal([true, false, false], mine.EnumerateArray().Select(t => t.GetProperty("overdue").GetBoolean()));

        using var browser = await site.CreateSignedInBrowserAsync(data.StaffEmail, data.StaffPassword);
        var page = await Forms.GetAsync(browser, "/admin/tasks");
        Assert.Equal([ids["Gọi lại nhà sáng lập"], ids["Nộp báo cáo"], ids["Gửi hợp đồng"]], page.QuerySelectorAll("#tasks li").Select(li => li.GetAttribute("data-task")));

        using var completed = await data.Staff.PostAsync(new Uri($"/api/tasks/{ids["Gọi lại nhà sáng lập"]}/complete", UriKind.Relative), null);
        var done = await Json.ReadAsync(completed);
        Assert.Equal("done", done.Text("status"));
        using var again = await data.Staff.PostAsync(new Uri($"/api/tasks/{ids["Gọi lại nhà sáng lập"]}/complete", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["Nộp báo cáo", "Gửi hợp đồng"], (await Json.GetAsync(data.Staff, "/api/tasks/mine?status=open")).EnumerateArray().Select(t => t.Text("title")));
        var stored = await site.QueryAsync(db => db.Set<FollowUpTask>().AsNoTracking().SingleAsync(t => t.Id == ids["Gọi lại nhà sáng lập"]));
        Assert.Equal((FollowUpStatus.Done, data.StaffId), (stored.Status, stored.ClosedBy));
        Assert.NotNull(stored.ClosedUtc);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_by_field_when_a_task_names_a_non_staff_assignee_or_unknown_ids(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var ownerEmail = await site.QueryAsync(db => db.Users.Where(u => u.Id == data.OwnerId).Select(u => u.Email!).SingleAsync());
        using var bad = await data.Staff.PostAsJsonAsync("/api/tasks", new
        {
            title = "", dueOn = "2026-03-02", assignee = ownerEmail, organisationId = "nothing", personId = "nobody", applicationId = "none",
        });
        var problem = await Json.ReadAsync(bad, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "title", "assignee", "organisationId", "personId", "applicationId" })
        {
            Assert.NotEmpty(problem.Errors(field));
        }

        using var applicant = await data.Owner.GetAsync(new Uri("/api/tasks/mine", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, applicant.StatusCode);
        using var unknown = await data.Staff.PostAsync(new Uri("/api/tasks/nothing/complete", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_the_due_notice_and_the_overdue_reminder_once_each_when_two_hosts_tick_together(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);

        // Far enough ahead that the hosts' own background ticks, on the real clock, never reach it.
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(400);
        using var created = await data.Staff.PostAsJsonAsync("/api/tasks", new { title = "Thẩm định tại chỗ", dueOn = VietnamTime.FormatIsoDate(due), assignee = data.StaffEmail });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using var second = new SiteFactory(site);
        _ = second.Server;

        // 08:00 in Vietnam on the due day, then the next day, then a week later.
        var dueDay = TimeZoneInfo.ConvertTimeToUtc(due.ToDateTime(new TimeOnly(8, 0)), VietnamTime.Zone);
        foreach (var now in new[] { dueDay, dueDay.AddHours(5), dueDay.AddDays(1), dueDay.AddDays(7) })
        {
            await Task.WhenAll(TickAsync(site, now), TickAsync(second, now), TickAsync(site, now), TickAsync(second, now));
        }

        var notices = await site.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.ItemId == id).Select(n => new { n.Template, n.UserId, n.Link }).ToListAsync());
        Assert.Equal(["task-due", "task-overdue"], notices.Select(n => n.Template).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.Equal((data.StaffId, "/admin/tasks"), (n.UserId, n.Link)));
        var emails = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == data.StaffEmail && e.HtmlBody.Contains("Thẩm định tại chỗ")).Select(e => e.HtmlBody).ToListAsync());
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Contains("href=\"http", e, StringComparison.Ordinal));
        Assert.Contains(emails, e => e.Contains(VietnamTime.FormatDate(due), StringComparison.Ordinal));
    }

    private static Task<int> TickAsync(SiteFactory site, DateTime nowUtc) => site.Services.GetRequiredService<FollowUpReminderService>().TickAsync(nowUtc);
}
