using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Data;

/// <summary>What a crash leaves in the file folders (partial writes, files whose row never committed) is swept, and nothing else.</summary>
public sealed class StoredFileSweepTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_remove_old_partial_and_unreferenced_files_and_keep_referenced_recent_and_foreign_ones(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var id = await CreateApplicationAsync(applicant, programmeId);
        using (var upload = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Kế hoạch.pdf", Pdf))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var kept = await site.QueryAsync(db => db.ApplicationAttachments.Where(a => a.ApplicationId == id).Select(a => a.StoredName).SingleAsync());
        var orphan = Write(site.AttachmentsFolder, Guid.NewGuid().ToString("N") + ".pdf");
        var partial = Write(site.AttachmentsFolder, Guid.NewGuid().ToString("N") + ".part");
        var foreign = Write(site.AttachmentsFolder, "ghi-chu.txt");
        var mediaOrphan = Write(site.MediaFolder, Guid.NewGuid().ToString("N") + ".png");
        var old = DateTime.UtcNow.AddHours(-2);
        foreach (var path in new[] { Path.Combine(site.AttachmentsFolder, kept), orphan, partial, foreign, mediaOrphan })
        {
            File.SetLastWriteTimeUtc(path, old);
        }

        // Written a moment ago: its row may be committing right now.
        var recent = Write(site.AttachmentsFolder, Guid.NewGuid().ToString("N") + ".pdf");

        var removed = await site.Services.GetRequiredService<StoredFileSweeper>().SweepNowAsync();

        Assert.Equal(new[] { Path.GetFileName(orphan), Path.GetFileName(partial) }.Order(), removed["attachments"].Order());
        Assert.Equal([Path.GetFileName(mediaOrphan)], removed["media"]);
        Assert.True(File.Exists(Path.Combine(site.AttachmentsFolder, kept)));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(foreign));
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(mediaOrphan));
    }

    private static string Write(string folder, string name)
    {
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, Pdf);
        return path;
    }
}
