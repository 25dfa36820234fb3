using System.Net;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;

namespace Incubator.IntegrationTests.Admin;

/// <summary>/admin/audit: administrators read the security events, newest first, with filters.</summary>
public sealed class AuditPageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory, SqliteData, PostgresData]
    public async Task Should_show_a_failed_sign_in_with_its_address_and_filter_by_kind_email_and_dates(DatabaseProvider provider)
    {
        var site = sites[provider];
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        using (var browser = site.CreateBrowserClient())
        {
            var login = await Forms.GetAsync(browser, "/account/login");
            using var refused = await Forms.SubmitAsync(browser, login, "main form", [new("Email", unknown), new("Password", "Whatever-Password-1")]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var today = VietnamTime.FormatDate(DateTime.UtcNow);
        var yesterday = VietnamTime.FormatDate(DateTime.UtcNow.AddDays(-1));

        var page = await Forms.GetAsync(admin, $"/admin/audit?email={Uri.EscapeDataString(unknown)}");
        var row = Assert.Single(page.QuerySelectorAll("table.audit tbody tr"));
        Assert.Equal(SecurityEventKinds.SignInFailed, row.GetAttribute("data-kind"));
        Assert.Contains(unknown, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.Vi("Sign-in failed"), row.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(today, row.QuerySelector("td")!.TextContent, StringComparison.Ordinal);

        async Task<int> RowsAsync(string query) =>
            (await Forms.GetAsync(admin, $"/admin/audit?email={Uri.EscapeDataString(unknown)}&{query}")).QuerySelectorAll("table.audit tbody tr").Length;
        Assert.Equal(1, await RowsAsync($"kind={SecurityEventKinds.SignInFailed}&from={today}&to={today}"));
        Assert.Equal(0, await RowsAsync($"kind={SecurityEventKinds.SignInSucceeded}"));
        Assert.Equal(0, await RowsAsync($"to={yesterday}"));
        Assert.Equal(1, await RowsAsync($"from={yesterday}"));

        // Newest first across the whole log.
        var all = await Forms.GetAsync(admin, "/admin/audit");
        var times = all.QuerySelectorAll("table.audit tbody tr td:first-child")
            .Select(c => DateTime.ParseExact(c.TextContent, "dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(times.Count > 1);
        Assert.Equal(times.OrderByDescending(t => t), times);

        var english = await Forms.GetAsync(admin, $"/admin/audit?email={Uri.EscapeDataString(unknown)}&culture=en-GB");
        Assert.Contains("Sign-in failed", english.QuerySelector("table.audit tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await Forms.GetAsync(admin, "/admin")).QuerySelector("a[href='/admin/audit']"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_record_what_a_role_held_before_and_after_when_a_recipe_changes_its_permissions(DatabaseProvider provider)
    {
        var site = sites[provider];
        static string Grant(params string[] permissions) => System.Text.Json.JsonSerializer.Serialize(new
        {
            name = "audit-test",
            steps = new object[] { new { name = "Roles", roles = Array.Empty<string>(), permissions = new Dictionary<string, string[]> { ["Mentor"] = permissions } } },
        });
        try
        {
            await site.RunRecipeAsync(Grant("BackOffice"));
        }
        finally
        {
            await site.RunRecipeAsync(Grant());
        }

        var details = await site.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.SecurityEvents.Where(e => e.Kind == SecurityEventKinds.PermissionsChanged).OrderBy(e => e.Id).Select(e => e.Detail ?? string.Empty)));
        Assert.Equal(["Mentor: — → BackOffice", "Mentor: BackOffice → —"], details.Where(d => d.StartsWith("Mentor:", StringComparison.Ordinal)).TakeLast(2));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_refuse_the_audit_to_staff_and_leaders_when_they_are_not_administrators(DatabaseProvider provider)
    {
        var site = sites[provider];
        foreach (var role in new[] { "Staff", "Leader" })
        {
            using var user = await site.CreateBrowserUserAsync(role);
            using var response = await user.GetAsync(new Uri("/admin/audit", UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
            Assert.Null((await Forms.GetAsync(user, "/admin")).QuerySelector("a[href='/admin/audit']"));
        }

        using var bearer = await site.CreateUserAsync("Staff");
        using var api = await bearer.GetAsync(new Uri("/admin/audit", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, api.StatusCode);
    }
}
