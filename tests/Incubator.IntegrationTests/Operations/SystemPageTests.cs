using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Operations;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Operations;

/// <summary>/admin/system: the instances that wrote a heartbeat in the last minute, and the warnings (in Vietnamese, the site's language).</summary>
public sealed class SystemPageTests
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_both_instances_and_warn_of_no_backup_when_two_hosts_heartbeat_and_none_was_taken(DatabaseProvider provider)
    {
        using var first = new SiteFactory(provider, fresh: true);
        using var second = new SiteFactory(first);
        var hosts = new[] { first, second };
        await Task.WhenAll(hosts.Select(h => h.Services.GetRequiredService<HeartbeatService>().RunOnceAsync()));
        await Task.WhenAll(hosts.Select(h => SearchReader.DrainAsync(h)));
        await Task.WhenAll(hosts.Select(h => h.Services.GetRequiredService<Incubator.Web.Features.Search.SearchIndexingService>().RunOnceAsync()));
        using var admin = await first.CreateBrowserUserAsync("Administrator");

        var page = await Forms.GetAsync(admin, "/admin/system");

        Assert.Equal(
            hosts.Select(h => h.Services.GetRequiredService<SiteInstance>().Id).Order(StringComparer.Ordinal),
            page.QuerySelectorAll("#system-instances tbody tr").Select(r => r.GetAttribute("data-instance")!).Order(StringComparer.Ordinal));
        Assert.Contains("Chưa có bản sao lưu nào", page.QuerySelector("#system-warnings")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(provider.ToString(), page.QuerySelector("#system-provider")?.TextContent);
        Assert.Equal(Migrator.Load(provider.ToString()).Select(m => m.Id).Max(StringComparer.Ordinal), page.QuerySelector("#system-migration")?.TextContent);

        // Each instance's own search index, as it reported it once rebuilt from the empty folder it started with.
        var indexes = page.QuerySelectorAll("#system-search-index li");
        Assert.Equal(
            hosts.Select(h => h.Services.GetRequiredService<SiteInstance>().Id).Order(StringComparer.Ordinal),
            indexes.Select(r => r.GetAttribute("data-instance")!).Order(StringComparer.Ordinal));
        Assert.All(indexes, r => Assert.Equal(("Ready", "done"), (r.GetAttribute("data-condition"), r.GetAttribute("data-status"))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_warn_of_little_free_disk_when_free_space_is_under_the_setting_and_not_at_0(DatabaseProvider provider)
    {
        // No disk is 100% free, so a threshold of 100 is crossed without filling a disk.
        using (var low = new SiteFactory(provider, new Dictionary<string, string?> { ["Health:MinFreeDiskPercent"] = "100" }))
        {
            using var admin = await low.CreateBrowserUserAsync("Administrator");
            var page = await Forms.GetAsync(admin, "/admin/system");
            Assert.Contains("Đĩa còn trống dưới 100%.", page.QuerySelector("#system-warnings")?.TextContent, StringComparison.Ordinal);
        }

        using (var off = new SiteFactory(provider, new Dictionary<string, string?> { ["Health:MinFreeDiskPercent"] = "0" }))
        {
            using var admin = await off.CreateBrowserUserAsync("Administrator");
            var page = await Forms.GetAsync(admin, "/admin/system");
            Assert.NotNull(page.QuerySelector("#system-free-disk"));
            Assert.DoesNotContain("Đĩa còn trống", page.QuerySelector("#system-warnings")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_system_page_when_the_user_is_staff(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        using var response = await staff.GetAsync(new Uri("/admin/system", UriKind.Relative));

        Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
    }
}
