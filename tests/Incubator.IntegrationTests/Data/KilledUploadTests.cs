using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Data;

/// <summary>
/// The site as a process, killed (SIGKILL, no shutdown) while files are being uploaded and deleted, then started again:
/// after the start-up sweep no file is left that no row names, no partial write is left, every row's file is on disk,
/// every upload that was answered has its row, and every delete that was answered has left neither row nor file.
/// </summary>
public sealed class KilledUploadTests
{
    // A 1x1 PNG padded to 1.5 MB, so that a kill finds writes under way (the store reads the type from the first bytes).
    private static readonly byte[] Png = [.. Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), .. new byte[1_500_000]];

    // A PDF padded to 1.5 MB likewise.
    private static readonly byte[] PaddedPdf = [.. Pdf, .. new byte[1_500_000]];

    /// <summary>
    /// Media images (a startup's logo, through its page) and applications' attachments (through the API, uploaded and
    /// deleted) are written side by side when the kill comes. Media have no delete of their own to race: a deleted
    /// content item keeps its history, and with it its images.
    /// </summary>
    [Fact]
    public async Task Should_keep_every_answered_upload_and_no_answered_delete_and_leave_no_orphan_when_the_site_is_killed_during_uploads_and_deletes()
    {
        await using var run = KilledSite.Create(new Dictionary<string, string?>
        {
            // The quotas would stop the workers before the kill; they are tested elsewhere.
            ["Attachments__MaxFilesPerField"] = "1000",
            ["Attachments__MaxBytesPerApplication"] = "1000000000",
            ["Attachments__MaxBytesPerUser"] = "100000000000",
        });
        const int attachmentWorkers = 6;
        const int mediaWorkers = 6;
        var uploaded = new ConcurrentDictionary<long, string>();
        var deleted = new ConcurrentDictionary<long, string>();

        // A delete sent but not answered before the kill may or may not have happened: only answered ones are judged.
        var deleting = new ConcurrentDictionary<long, string>();
        var logos = new ConcurrentBag<string>();
        await using (var site = await run.StartAsync())
        {
            using var browser = run.Client(cookies: true);
            await Forms.SignInAsync(browser, SiteProcess.AdminEmail, SiteProcess.AdminPassword);
            using var api = run.Client(cookies: false);
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BearerTokenAsync(api));
            var (programmeId, _, _) = await CreateProgrammeAsync(api);

            // Each attachment worker has an application of its own (two workers on one would refuse each other's
            // changes), and deletes one of the files it uploaded every other time, so deletes are under way at the kill too.
            var applications = new List<string>();
            for (var i = 0; i < attachmentWorkers; i++)
            {
                applications.Add(await CreateApplicationAsync(api, programmeId));
            }

            var mine = applications.Select(_ => new ConcurrentQueue<long>()).ToList();
            await KilledSite.KillWhileAsync(
                site,
                attachmentWorkers + mediaWorkers,
                () => uploaded.Count >= 8 && deleted.Count >= 4 && logos.Count >= 6,
                async (worker, stop) =>
                {
                    if (worker >= attachmentWorkers)
                    {
                        var title = $"Killed {worker} {Guid.NewGuid():N}";
                        using var saved = await PostProfileAsync(browser, title, stop);
                        logos.Add(title);
                        return;
                    }

                    var application = applications[worker];
                    if (mine[worker].Count > 1 && mine[worker].TryDequeue(out var victim))
                    {
                        deleting[victim] = application;
                        using var removed = await api.DeleteAsync(new Uri($"/api/applications/{application}/attachments/{victim}", UriKind.Relative), stop);
                        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
                        deleted[victim] = application;
                        return;
                    }

                    using var response = await UploadAttachmentAsync(api, application, stop);
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                    var id = json.RootElement.GetProperty("id").GetInt64();
                    uploaded[id] = application;
                    mine[worker].Enqueue(id);
                });
        }

        const string Logos = "SELECT DISTINCT Logo FROM Startups WHERE Logo IS NOT NULL";
        const string Attachments = "SELECT StoredName FROM ApplicationAttachments";
        await using (var again = await run.RestartAfterKillAsync(() => run.FilesMatchRows("media", Logos) && run.FilesMatchRows("attachments", Attachments)))
        {
            Assert.True(!logos.IsEmpty && !deleted.IsEmpty && uploaded.Count > deleted.Count, $"{logos.Count} logos, {uploaded.Count} attachments and {deleted.Count} deletes were answered before the kill.\n{again.Log}");
            foreach (var (folder, rows) in new[] { ("media", Logos), ("attachments", Attachments) })
            {
                var files = run.Files(folder);
                Assert.DoesNotContain(files, f => f.EndsWith(".part", StringComparison.Ordinal));
                Assert.Equal(run.Rows(rows), files);
            }

            var ids = run.Rows("SELECT CAST(Id AS TEXT) FROM ApplicationAttachments").Select(long.Parse).ToHashSet();
            Assert.All(uploaded.Keys.Except(deleting.Keys), id => Assert.Contains(id, ids));
            Assert.All(deleted.Keys, id => Assert.DoesNotContain(id, ids));
            var titles = run.Rows("SELECT Title FROM Startups WHERE Logo IS NOT NULL").ToHashSet(StringComparer.Ordinal);
            Assert.All(logos, title => Assert.Contains(title, titles));
        }
    }

    private static async Task<HttpResponseMessage> UploadAttachmentAsync(HttpClient api, string application, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent { { new StringContent("plan"), "fieldKey" } };
        var file = new ByteArrayContent(PaddedPdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "Kế hoạch.pdf");
        return await api.PostAsync(new Uri($"/api/applications/{application}/attachments", UriKind.Relative), form, cancellationToken);
    }

    private static async Task<string> BearerTokenAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = SiteProcess.AdminEmail, password = SiteProcess.AdminPassword });
        return (await Json.ReadAsync(response)).Text("accessToken");
    }

    private static async Task<HttpResponseMessage> PostProfileAsync(HttpClient client, string title, CancellationToken cancellationToken)
    {
        var page = await Forms.GetAsync(client, "/admin/content/startups/new");
        var form = (IHtmlFormElement)page.QuerySelector("form[enctype]")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Title" },
            { new StringContent("A startup uploaded while the site was killed"), "Summary" },
            { new StringContent("save"), "then" },
        };
        var bytes = new ByteArrayContent(Png);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(bytes, "Logo", "logo.png");
        var response = await client.PostAsync(new Uri("/admin/content/startups/new", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"The upload was not saved: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }

        return response;
    }
}
