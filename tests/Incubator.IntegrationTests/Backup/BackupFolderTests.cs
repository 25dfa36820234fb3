using System.Net;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Backup;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Backup;

/// <summary>
/// The backup folder: /admin/backups takes a backup in the background and downloads it, for administrators alone;
/// the daily schedule runs once a day whichever of two instances over one database looks first, and keeps the
/// newest <c>Backup:Keep</c> archives. The site's clock is frozen before the schedule's time while the sites start,
/// so their first look finds nothing due, and each test moves it on and runs the schedule's tick itself.
/// </summary>
public sealed class BackupFolderTests
{
    // 01:00 on 5 December 2026 in Vietnam (UTC+7): an hour before the default schedule (02:00).
    private static readonly DateTime BeforeSchedule = new(2026, 12, 4, 18, 0, 0, DateTimeKind.Utc);

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_download_and_verify_a_backup_when_an_administrator_takes_one_now(DatabaseProvider provider)
    {
        var folder = NewFolder();
        using var site = new SiteFactory(provider, new Dictionary<string, string?> { ["Backup:Folder"] = folder });
        using var frozen = site.Clock.FreezeAt(BeforeSchedule);
        using var admin = await site.CreateBrowserUserAsync("Administrator");
        var page = await Forms.GetAsync(admin, "/admin/backups");
        Assert.Null(page.QuerySelector("#backup-archives"));

        using var posted = await Forms.SubmitAsync(admin, page, "#backup-form", []);
        await site.Services.GetRequiredService<BackupJobs>().WhenIdleAsync();
        page = await Forms.GetAsync(admin, "/admin/backups");
        var row = Assert.Single(page.QuerySelectorAll("#backup-archives tbody tr"));
        var link = (IHtmlAnchorElement)row.QuerySelector("a")!;
        using var download = await admin.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        var file = Path.Combine(folder, "..", "downloaded.zip");
        await File.WriteAllBytesAsync(file, await download.Content.ReadAsByteArrayAsync());
        var manifest = await BackupVerifier.VerifyAsync(file, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("true", page.QuerySelector("#backup-last")?.GetAttribute("data-succeeded"));
        Assert.Equal(new FileInfo(Path.Combine(folder, row.GetAttribute("data-file")!)).Length, new FileInfo(file).Length);
        Assert.Equal(provider.ToString(), manifest.Provider);
        Assert.Contains(manifest.Tables, t => t.Name == "AspNetUsers" && t.Rows >= 2);
        Assert.DoesNotContain(manifest.Tables, t => t.Name is "JobLeases" or "InstanceHeartbeats");
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_backups_and_their_download_when_the_visitor_is_staff_or_anonymous(DatabaseProvider provider)
    {
        var folder = NewFolder();
        using var site = new SiteFactory(provider, new Dictionary<string, string?> { ["Backup:Folder"] = folder });
        using var frozen = site.Clock.FreezeAt(BeforeSchedule);
        _ = site.Server;
        await using (var archive = File.Create(Path.Combine(folder, "incubator-2026-11-01-020000.zip")))
        {
            archive.WriteByte(1);
        }

        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var anonymous = site.CreateBrowserClient();
        using var admin = await site.CreateBrowserUserAsync("Administrator");
        var adminPage = await Forms.GetAsync(admin, "/admin/backups");
        var token = adminPage.QuerySelector("#backup-form input[name=__RequestVerificationToken]")?.GetAttribute("value");

        foreach (var client in new[] { staff, anonymous })
        {
            using var page = await client.GetAsync(new Uri("/admin/backups", UriKind.Relative));
            using var download = await client.GetAsync(new Uri("/admin/backups/Download?file=incubator-2026-11-01-020000.zip", UriKind.Relative));
            using var post = await client.PostAsync(new Uri("/admin/backups/Backup", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token ?? string.Empty)]));
            var expected = client == staff ? "/account/denied" : "/account/login";
            Assert.StartsWith(expected, Forms.Location(page), StringComparison.Ordinal);
            Assert.StartsWith(expected, Forms.Location(download), StringComparison.Ordinal);
            Assert.False(post.Headers.Location?.OriginalString.StartsWith("/admin/backups", StringComparison.Ordinal) ?? post.IsSuccessStatusCode, $"POST answered {(int)post.StatusCode}");
        }

        using var traversal = await admin.GetAsync(new Uri("/admin/backups/Download?file=..%2Fsite.db", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        // No backup was asked for: the backup lease was never even claimed, and the folder holds only its archive.
        var (lease, _) = await site.Services.GetRequiredService<BackupJobs>().StatusAsync(CancellationToken.None);
        Assert.Null(lease);
        Assert.Single(System.IO.Directory.GetFiles(folder));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_run_the_daily_backup_once_per_day_when_two_instances_share_the_database(DatabaseProvider provider)
    {
        var folder = NewFolder();
        using var first = new SiteFactory(provider, new Dictionary<string, string?> { ["Backup:Folder"] = folder });
        using var second = new SiteFactory(first);
        using var firstClock = first.Clock.FreezeAt(BeforeSchedule);
        using var secondClock = second.Clock.FreezeAt(BeforeSchedule);
        var schedules = new[] { first, second }.Select(s => s.Services.GetRequiredService<BackupScheduleService>()).ToList();
        var jobs = first.Services.GetRequiredService<BackupJobs>();

        await Task.WhenAll(schedules.Select(s => s.RunOnceAsync()));
        var beforeTime = jobs.List().Count;

        using var firstAtTwo = first.Clock.FreezeAt(BeforeSchedule.AddMinutes(61));
        using var secondAtTwo = second.Clock.FreezeAt(BeforeSchedule.AddMinutes(61));
        await Task.WhenAll(schedules.Select(s => s.RunOnceAsync()));
        await Task.WhenAll(schedules.Select(s => s.RunOnceAsync()));
        var firstDay = jobs.List();
        var (_, firstRun) = await jobs.StatusAsync(CancellationToken.None);

        using var firstNextDay = first.Clock.FreezeAt(BeforeSchedule.AddDays(1).AddMinutes(61));
        using var secondNextDay = second.Clock.FreezeAt(BeforeSchedule.AddDays(1).AddMinutes(61));
        await Task.WhenAll(schedules.Select(s => s.RunOnceAsync()));
        await Task.WhenAll(schedules.Select(s => s.RunOnceAsync()));
        var secondDay = jobs.List();

        Assert.Equal(0, beforeTime);
        Assert.Equal(["incubator-2026-12-05-020100.zip"], firstDay.Select(a => a.Name));
        Assert.Equal(("scheduled", "incubator-2026-12-05-020100.zip", (string?)null), (firstRun!.Trigger, firstRun.File, firstRun.Error));
        Assert.Equal(["incubator-2026-12-06-020100.zip", "incubator-2026-12-05-020100.zip"], secondDay.Select(a => a.Name));
        await BackupVerifier.VerifyAsync(secondDay[0].Path, CancellationToken.None);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_try_the_daily_backup_again_an_hour_after_it_failed_until_one_succeeds(DatabaseProvider provider)
    {
        var folder = NewFolder();
        using var site = new SiteFactory(provider, new Dictionary<string, string?> { ["Backup:Folder"] = folder });
        using var frozen = site.Clock.FreezeAt(BeforeSchedule);
        var jobs = site.Services.GetRequiredService<BackupJobs>();

        // The site's own schedule loop stops (after its first look, made at the frozen time before the schedule): on a
        // busy machine that look could otherwise come late, at a time the test sets below, and take the run the test makes.
        await site.Services.GetRequiredService<BackupScheduleService>().StopAsync(CancellationToken.None);

        // A file where the folder should be: the backup cannot write, as on a full or unmounted disk.
        System.IO.Directory.Delete(folder);
        await File.WriteAllTextAsync(folder, "in the way");
        async Task<BackupRun?> At(int minutes)
        {
            using var at = site.Clock.FreezeAt(BeforeSchedule.AddMinutes(minutes));
            return await jobs.RunScheduledIfDueAsync(CancellationToken.None);
        }

        var failed = await At(61);
        var tooSoon = await At(100);
        var failedAgain = await At(122);
        File.Delete(folder);
        var tooSoonAgain = await At(150);
        var succeeded = await At(183);
        var doneForTheDay = await At(300);

        Assert.NotNull(failed?.Error);
        Assert.Null(tooSoon);
        Assert.NotNull(failedAgain?.Error);
        Assert.Null(tooSoonAgain);
        Assert.Equal(("scheduled", "incubator-2026-12-05-040300.zip", (string?)null), (succeeded?.Trigger, succeeded?.File, succeeded?.Error));
        Assert.Null(doneForTheDay);
    }

    [Fact]
    public async Task Should_renew_a_held_lease_and_refuse_a_renewal_once_another_instance_took_it_over()
    {
        using var site = new SiteFactory(DatabaseProvider.Sqlite);
        var start = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        await site.QueryAsync(async db =>
        {
            var claim = await JobLeases.TryClaimAsync(db, "renewal-test", "one", start, TimeSpan.FromMinutes(15), null, CancellationToken.None);
            var renewed = await JobLeases.RenewAsync(db, claim!, start.AddMinutes(25), CancellationToken.None);
            var heldAtTwenty = await JobLeases.TryClaimAsync(db, "renewal-test", "two", start.AddMinutes(20), TimeSpan.FromMinutes(15), null, CancellationToken.None);
            var takenAtThirty = await JobLeases.TryClaimAsync(db, "renewal-test", "two", start.AddMinutes(30), TimeSpan.FromMinutes(15), null, CancellationToken.None);
            var renewedAfterLoss = await JobLeases.RenewAsync(db, claim!, start.AddMinutes(40), CancellationToken.None);
            var row = await JobLeases.ReadAsync(db, "renewal-test", CancellationToken.None);

            Assert.True(renewed);
            Assert.Null(heldAtTwenty);
            Assert.NotNull(takenAtThirty);
            Assert.False(renewedAfterLoss);
            Assert.Equal(("two", start.AddMinutes(45)), (row!.Owner, row.LeasedUntilUtc));
            return 0;
        });
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_delete_the_oldest_archives_beyond_keep_when_a_backup_succeeds(DatabaseProvider provider)
    {
        var folder = NewFolder();
        using var site = new SiteFactory(provider, new Dictionary<string, string?> { ["Backup:Folder"] = folder, ["Backup:Keep"] = "2" });
        using var frozen = site.Clock.FreezeAt(BeforeSchedule);
        _ = site.Server;
        foreach (var day in new[] { "01", "02", "03" })
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"incubator-2026-11-{day}-020000.zip"), [1, 2, 3]);
        }

        var other = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(other, "not an archive");
        using var later = site.Clock.FreezeAt(BeforeSchedule.AddHours(2));
        await site.Services.GetRequiredService<BackupScheduleService>().RunOnceAsync();

        Assert.Equal(["incubator-2026-12-05-030000.zip", "incubator-2026-11-03-020000.zip"], site.Services.GetRequiredService<BackupJobs>().List().Select(a => a.Name));
        Assert.True(File.Exists(other));
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "incubator-tests", Guid.NewGuid().ToString("N"), "backups");
        System.IO.Directory.CreateDirectory(folder);
        return folder;
    }
}
