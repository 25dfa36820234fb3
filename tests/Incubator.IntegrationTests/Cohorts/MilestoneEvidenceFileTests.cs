using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Backup;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Cohorts;

/// <summary>A file as evidence of a milestone: uploaded by the owner or staff, served to them alone, kept by the sweep and the backup.</summary>
public sealed class MilestoneEvidenceFileTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_a_milestone_evidence_file_serve_it_to_the_owner_and_staff_alone_and_keep_it_in_the_sweep_and_the_backup(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var created = await applicant.Api.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Chè {Guid.NewGuid():N}", summary = "Chè", sectors = new[] { "industry" }, locality = "cao-bang" });
        var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using var staffApi = await site.CreateUserAsync(Incubator.Web.Features.Account.Roles.Staff);
        var key = $"e-{Guid.NewGuid():N}"[..14];
        using (var cohort = await staffApi.PostAsJsonAsync("/api/cohorts", new
        {
            key, name = new { vi = "Khoá chè", en = "Tea cohort" }, startsOn = "2026-01-01", endsOn = "2035-12-31", cadence = "quarterly",
            milestones = new[] { new { key = "canvas", title = new { vi = "Mô hình kinh doanh", en = "Business model" }, dueOn = "2035-02-28" } },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, cohort.StatusCode);
        }

        (await staffApi.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = organisation })).Dispose();
        var canvas = $"#org-{organisation} section.cohort[data-cohort='{key}'] li[data-milestone='canvas']";
        var formId = $"m-{organisation}-{key}-canvas";
        var done = new Dictionary<string, string[]> { ["Status"] = ["done"], ["Evidence"] = [""] };

        // A program renamed .pdf is refused by its content beside the file field; nothing is saved.
        var page = await Forms.GetAsync(applicant.Browser, "/my/incubation");
        Assert.Equal("multipart/form-data", page.QuerySelector($"{canvas} form")?.GetAttribute("enctype"));
        Assert.Equal($"{formId}-file", page.QuerySelector($"{canvas} input[type='file']")?.Id);
        Assert.NotNull(page.QuerySelector($"{canvas} label[for='{formId}-file']"));
        using (var disguised = await PressAsync(applicant.Browser, page, $"{canvas} form button", done, ("EvidenceFile", "virus.pdf", "MZ not a pdf"u8.ToArray())))
        {
            Assert.Equal(HttpStatusCode.OK, disguised.StatusCode);
            var shown = await Forms.ParseAsync(disguised);
            Assert.Equal(Texts.Vi("Only PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG files are accepted."), shown.QuerySelector($"#{formId}-file-error")?.TextContent.Trim());
            Assert.Equal("true", shown.QuerySelector($"#{formId}-file")?.GetAttribute("aria-invalid"));
        }

        Assert.False(await site.QueryAsync(db => db.Set<MemberMilestone>().AnyAsync(m => db.Set<CohortMember>().Any(c => c.Id == m.MemberId && c.OrganisationId == organisation))));

        // A PDF alone is evidence enough for "done": stored, listed with its size, downloadable by the owner.
        using (var saved = await PressAsync(applicant.Browser, page, $"{canvas} form button", done, ("EvidenceFile", "Biên bản.pdf", Pdf)))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var row = await site.QueryAsync(db => db.Set<MemberMilestone>().SingleAsync(m => db.Set<CohortMember>().Any(c => c.Id == m.MemberId && c.OrganisationId == organisation)));
        Assert.Equal((MilestoneStatus.Done, "Biên bản.pdf", "application/pdf", (long?)Pdf.Length), (row.Status, row.EvidenceFileName, row.EvidenceFileType, row.EvidenceFileSize));
        var stored = Path.Combine(site.AttachmentsFolder, row.EvidenceFile!);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored));

        page = await Forms.GetAsync(applicant.Browser, "/my/incubation");
        var link = page.QuerySelector($"{canvas} .evidence-file a") ?? throw new InvalidOperationException("The file is not listed.");
        Assert.Equal("Biên bản.pdf", link.TextContent);
        Assert.Contains(Texts.Vi("{0} KB", 1), page.QuerySelector($"{canvas} .evidence-file")?.TextContent, StringComparison.Ordinal);
        var ownerHref = link.GetAttribute("href")!;
        using (var download = await applicant.Browser.GetAsync(new Uri(ownerHref, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // Staff see and download it on the member's page; another user gets 404 from the owner's address.
        using var staff = await site.CreateBrowserUserAsync(Incubator.Web.Features.Account.Roles.Staff);
        var memberUrl = $"/admin/cohorts/{key}/members/{organisation}";
        var memberPage = await Forms.GetAsync(staff, memberUrl);
        var staffLink = memberPage.QuerySelector("#m-canvas .evidence-file a") ?? throw new InvalidOperationException("Staff do not see the file.");
        Assert.Equal("Biên bản.pdf", staffLink.TextContent);
        using (var download = await staff.GetAsync(new Uri(staffLink.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // The cohort's grid links the file from the milestone's cell.
        var grid = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
        Assert.Equal(staffLink.GetAttribute("href"), grid.QuerySelector($"tr[data-member='{organisation}'] td[data-milestone='canvas'] a.evidence-file")?.GetAttribute("href"));

        using (var elsewhere = await staff.GetAsync(new Uri(staffLink.GetAttribute("href")!.Replace(organisation, "nobody", StringComparison.Ordinal), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        using var stranger = await site.CreateApplicantWithBrowserAsync();
        using (var refused = await stranger.Browser.GetAsync(new Uri(ownerHref, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // The sweep keeps the file a milestone names, even an old one; the backup carries it.
        File.SetLastWriteTimeUtc(stored, DateTime.UtcNow.AddHours(-2));
        var removed = await site.Services.GetRequiredService<StoredFileSweeper>().SweepNowAsync();
        Assert.DoesNotContain(row.EvidenceFile, removed.GetValueOrDefault("attachments") ?? []);
        Assert.True(File.Exists(stored));

        var archive = Path.Combine(site.MailFolder, "..", $"evidence-{Guid.NewGuid():N}.zip");
        using (var scope = site.Services.CreateScope())
        {
            var manifest = await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(archive, includeAttachments: true);
            Assert.Contains(manifest.Files, f => f.Path == "files/attachments/" + row.EvidenceFile);
        }

        // Staff's new file replaces the owner's (the old one is left to the sweep).
        using (var replaced = await PressAsync(staff, memberPage, "#m-canvas button", file: ("EvidenceFile", "Bản mới.pdf", Pdf)))
        {
            Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        }

        var after = await site.QueryAsync(db => db.Set<MemberMilestone>().SingleAsync(m => m.Id == row.Id));
        Assert.Equal("Bản mới.pdf", after.EvidenceFileName);
        Assert.NotEqual(row.EvidenceFile, after.EvidenceFile);
        Assert.Equal(MilestoneStatus.Done, after.Status);
    }
}
