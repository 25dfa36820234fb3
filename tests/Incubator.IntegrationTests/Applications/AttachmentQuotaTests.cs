using System.Net;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Applications;

/// <summary>One site per provider with small upload quotas.</summary>
public sealed class QuotaSites : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Attachments:MaxFilesPerField"] = "2",
        ["Attachments:MaxBytesPerApplication"] = "1500",
        ["Attachments:MaxBytesPerUser"] = "2500",
    };

    private readonly Dictionary<DatabaseProvider, SiteFactory> _sites = [];
    private readonly Lock _lock = new();

    public SiteFactory this[DatabaseProvider provider]
    {
        get
        {
            lock (_lock)
            {
                if (!_sites.TryGetValue(provider, out var site))
                {
                    site = new SiteFactory(provider, Settings);
                    _ = site.Server;
                    _sites[provider] = site;
                }

                return site;
            }
        }
    }

    public void Dispose()
    {
        foreach (var site in _sites.Values)
        {
            site.Dispose();
        }
    }
}

public sealed class AttachmentQuotaTests(QuotaSites sites) : IClassFixture<QuotaSites>
{
    /// <summary>A PDF of exactly 1,000 bytes, padded with a comment.</summary>
    private static readonly byte[] LargePdf = [.. Pdf, .. Encoding.ASCII.GetBytes("%" + new string('x', 1000 - Pdf.Length - 2) + "\n")];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_naming_the_field_when_it_already_has_the_most_files(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var id = await CreateApplicationAsync(applicant, programmeId);
        foreach (var name in new[] { "Một.pdf", "Hai.pdf" })
        {
            using var stored = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", name, Pdf);
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        var files = StoredFiles(site);
        using var refused = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Ba.pdf", Pdf);
        var problem = await Json.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal([Texts.Vi("This field already has the most files allowed ({0}); remove one first.", 2)], problem.Errors("plan"));
        Assert.Equal(2, await site.QueryAsync(db => db.ApplicationAttachments.CountAsync(a => a.ApplicationId == id)));
        Assert.Equal(files, StoredFiles(site));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_before_storing_when_the_application_would_exceed_its_bytes(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var id = await CreateApplicationAsync(applicant, programmeId);
        using (var first = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Lớn.pdf", LargePdf))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var files = StoredFiles(site);
        using var refused = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Lớn nữa.pdf", LargePdf);
        var problem = await Json.ReadAsync(refused, HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.Errors("plan"));
        Assert.StartsWith(Texts.Vi("The files of this application would exceed {0} MB in all; remove some first.", "0")[..20], message, StringComparison.Ordinal);
        Assert.Equal(1, await site.QueryAsync(db => db.ApplicationAttachments.CountAsync(a => a.ApplicationId == id)));
        Assert.Equal(files, StoredFiles(site));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_when_the_user_would_exceed_their_bytes_across_applications(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var stored = 0;
        string? refusedId = null;
        // 1,000 bytes per application: the third would make 3,000 of the user's 2,500.
        for (var i = 0; i < 3; i++)
        {
            var id = await CreateApplicationAsync(applicant, programmeId);
            using var response = await UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", $"Hồ sơ {i}.pdf", LargePdf);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                stored++;
                continue;
            }

            var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("MB", Assert.Single(problem.Errors("plan")), StringComparison.Ordinal);
            refusedId = id;
        }

        Assert.Equal(2, stored);
        Assert.NotNull(refusedId);
        Assert.False(await site.QueryAsync(db => db.ApplicationAttachments.AnyAsync(a => a.ApplicationId == refusedId)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_refusal_beside_the_field_when_the_page_uploads_past_the_quota(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        var url = $"/my/applications/{id}";
        foreach (var name in new[] { "Một.pdf", "Hai.pdf" })
        {
            var form = await Forms.GetAsync(applicant.Browser, url);
            using var uploaded = await PressAsync(applicant.Browser, form, "#field-plan button.upload", file: ("file.plan", name, Pdf));
            Assert.Equal(url, Forms.Location(uploaded));
        }

        var page = await Forms.GetAsync(applicant.Browser, url);
        using var refused = await PressAsync(applicant.Browser, page, "#field-plan button.upload", file: ("file.plan", "Ba.pdf", Pdf));
        var shown = await Forms.ParseAsync(refused);
        Assert.Equal(
            Texts.Vi("{0}: {1}", "Kế hoạch kinh doanh", Texts.Vi("This field already has the most files allowed ({0}); remove one first.", 2)),
            shown.QuerySelector("#field-plan .field-error")?.TextContent.Trim());
        Assert.Equal(2, await site.QueryAsync(db => db.ApplicationAttachments.CountAsync(a => a.ApplicationId == id)));
    }

    private static string[] StoredFiles(SiteFactory site) =>
        System.IO.Directory.Exists(site.AttachmentsFolder) ? [.. System.IO.Directory.EnumerateFiles(site.AttachmentsFolder).Order(StringComparer.Ordinal)] : [];
}
