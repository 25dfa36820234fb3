using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Workflows;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Notifications;

/// <summary>In-app notifications that workflow notify steps write next to the e-mail.</summary>
public sealed class NotificationsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_owner_an_unread_notification_linking_to_their_profile_when_staff_approve_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var (owner, api) = (applicant.Browser, applicant.Api);
        var id = await Organisations.OrganisationApiTests.CreateAsync(api, "startup", $"Thông báo {Guid.NewGuid():N}");
        await Organisations.OrganisationApiTests.SubmitAsync(api, id);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var stranger = await site.CreateBrowserUserAsync(Roles.Applicant);

        var before = await Forms.GetAsync(owner, "/notifications");
        Assert.Null(before.QuerySelector("header .notifications-link .count"));
        using (var approved = await staff.PostAsJsonAsync($"/api/items/{id}/actions", new { action = "approve", version = 1 }))
        {
            approved.EnsureSuccessStatusCode();
        }

        var page = await Forms.GetAsync(owner, "/notifications");
        Assert.Equal("1", page.QuerySelector("header .notifications-link .count")?.TextContent);
        var entry = Assert.Single(page.QuerySelectorAll("ul.notifications li.unread"));
        Assert.Equal(Texts.Vi("Your profile was approved"), entry.QuerySelector("h2 a")?.TextContent.Trim());
        Assert.Equal($"/my/organisations/{id}", entry.QuerySelector("h2 a")?.GetAttribute("href"));
        Assert.Empty((await Forms.GetAsync(stranger, "/notifications")).QuerySelectorAll("ul.notifications li"));

        using (var read = await Forms.SubmitAsync(owner, page, "form.read-all", []))
        {
            Assert.Equal("/notifications", Forms.Location(read));
        }

        var after = await Forms.GetAsync(owner, "/notifications");
        Assert.Null(after.QuerySelector("header .notifications-link .count"));
        Assert.Single(after.QuerySelectorAll("ul.notifications li"));
        Assert.Empty(after.QuerySelectorAll("ul.notifications li.unread"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_notify_every_staff_member_in_app_when_a_profile_is_submitted(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        var item = await Given.SubmittedProfileAsync(site);

        var staffIds = await site.QueryAsync(db => db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Staff)).Select(ur => ur.UserId).ToListAsync());
        var notified = await site.QueryAsync(db => db.Notifications.Where(n => n.ItemId == item.Id && n.Template == "profile-submitted").Select(n => n.UserId).ToListAsync());
        Assert.Equal(staffIds.Order(), notified.Order());

        var page = await Forms.GetAsync(staffBrowser, "/admin");
        Assert.NotNull(page.QuerySelector("header .notifications-link .count"));
        var list = await Forms.GetAsync(staffBrowser, "/notifications");
        var link = list.QuerySelectorAll("ul.notifications li h2 a").Single(a => a.TextContent.Trim() == Texts.Vi("A profile waits for review") && a.GetAttribute("href")!.EndsWith(item.Id, StringComparison.Ordinal));
        Assert.Equal($"/admin/content/startups/{item.Id}", link.GetAttribute("href"));
    }
}
