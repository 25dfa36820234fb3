using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Backup;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Backup;

/// <summary>
/// <c>backup create|verify</c> and <c>restore</c>: a backup taken while applicants upload restores into a fresh database
/// of the same or the other provider with every row, every file and the key ring, so sign-ins of the source still work.
/// The backup is taken in the site's own process (as the command does, while the site serves); verify and restore run
/// as the command an operator types, in a process of their own.
/// </summary>
public sealed class BackupTests
{
    // The smallest valid PNG: signature, IHDR for 1x1, IDAT, IEND.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Theory]
    [SqliteData, PostgresData]
    public Task Should_restore_every_row_file_and_sign_in_when_a_backup_taken_during_writes_is_restored_into_a_fresh_database(DatabaseProvider provider) =>
        RoundTripAsync(provider, provider, ".zip");

    [PostgresFact]
    public Task Should_move_a_sqlite_site_to_postgresql_with_every_row_file_and_sign_in_when_its_backup_is_restored_there() =>
        RoundTripAsync(DatabaseProvider.Sqlite, DatabaseProvider.Postgres, ".tar.gz");

    [PostgresFact]
    public Task Should_move_a_postgresql_site_to_sqlite_with_every_row_file_and_sign_in_when_its_backup_is_restored_there() =>
        RoundTripAsync(DatabaseProvider.Postgres, DatabaseProvider.Sqlite, ".zip");

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_changed_file_and_exit_1_when_one_byte_of_an_archive_changed(DatabaseProvider provider)
    {
        using var source = new SiteFactory(provider);
        var (programmeId, _, _) = await CreateProgrammeAsync(source);
        var (api, _, _) = await source.CreateApplicantAsync();
        using (api)
        {
            await SubmitCompleteAsync(api, await CreateApplicationAsync(api, programmeId));
        }

        var archive = Path.Combine(source.MailFolder, "..", "site.zip");
        var created = await RunAsync(source, "backup", "create", archive, "--include-attachments");
        var usage = await RunAsync(source, "backup", "create", archive, "--everything");
        Assert.True(created.ExitCode == 0, created.Errors);
        Assert.Contains("Backed up", created.Output, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        var attachment = (await ListAsync(source, """SELECT 'files/attachments/' || "StoredName" FROM "ApplicationAttachments" """)).Single();

        var intact = await RunAsync(source, "backup", "verify", archive);
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(attachment)!;
            byte[] bytes;
            using (var read = new MemoryStream())
            {
                await using (var stream = await entry.OpenAsync())
                {
                    await stream.CopyToAsync(read);
                }

                bytes = read.ToArray();
            }

            bytes[bytes.Length / 2] ^= 0x01;
            entry.Delete();
            await using var write = await zip.CreateEntry(attachment).OpenAsync();
            await write.WriteAsync(bytes);
        }

        var changed = await RunAsync(source, "backup", "verify", archive);

        Assert.True(intact.ExitCode == 0, intact.Errors);
        Assert.Contains("is intact", intact.Output, StringComparison.Ordinal);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains($"{attachment} has changed", changed.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_database_that_holds_a_site_unless_forced(DatabaseProvider provider)
    {
        using var source = new SiteFactory(provider);
        var archive = Path.Combine(source.MailFolder, "..", "site.tar.gz");
        var manifest = await BackupAsync(source, archive);
        using var target = new SiteFactory(provider, fresh: true);
        var (email, _) = await target.CreateAccountAsync("Staff");
        var accounts = manifest.Tables.Single(t => t.Name == "AspNetUsers").Rows;

        var refused = await RunAsync(target, "restore", archive);
        var kept = await ScalarAsync(target, """SELECT count(*) FROM "AspNetUsers" WHERE "Email" = @p""", email);
        var forced = await RunAsync(target, "restore", archive, "--force");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("The database is not empty", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(1L, kept);
        Assert.True(forced.ExitCode == 0, forced.Errors);
        Assert.Equal(0L, await ScalarAsync(target, """SELECT count(*) FROM "AspNetUsers" WHERE "Email" = @p""", email));
        Assert.Equal(accounts, await ScalarAsync(target, """SELECT count(*) FROM "AspNetUsers" WHERE "Email" <> @p""", email));
    }

    private static async Task RoundTripAsync(DatabaseProvider from, DatabaseProvider to, string extension)
    {
        using var source = new SiteFactory(from);
        var (programmeId, _, _) = await CreateProgrammeAsync(source);
        var (applicant, _, _) = await source.CreateApplicantAsync();
        using var _ = applicant;
        var applicationId = await CreateApplicationAsync(applicant, programmeId);
        await SubmitCompleteAsync(applicant, applicationId);
        var logo = await ProfileWithLogoAsync(source);
        var adminCookie = await SignInCookieAsync(source, SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var before = await Json.GetAsync(applicant, $"/api/applications/{applicationId}");

        // Applicants keep creating applications and uploading while the backup reads.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writes = Task.Run(async () =>
        {
            var (writer, _, _) = await source.CreateApplicantAsync();
            using (writer)
            {
                while (!stop.IsCancellationRequested || written < 3)
                {
                    var id = await CreateApplicationAsync(writer, programmeId);
                    using var uploaded = await UploadAsync(writer, $"/api/applications/{id}/attachments", [new("fieldKey", "plan")], "file", "Kế hoạch.pdf", Pdf);
                    Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
                    Interlocked.Increment(ref written);
                }
            }
        });
        while (Volatile.Read(ref written) < 1 && !writes.IsCompleted)
        {
            await Task.Delay(50);
        }

        var archive = Path.Combine(source.MailFolder, "..", "site" + extension);
        var manifest = await BackupAsync(source, archive);
        var writtenDuringBackup = Volatile.Read(ref written);
        await stop.CancelAsync();
        await writes;

        using var target = new SiteFactory(to, fresh: true);
        var restored = await RunAsync(target, "restore", archive);
        Assert.True(restored.ExitCode == 0, restored.Errors + restored.Output);

        // Every row, in every table the archive holds.
        Assert.True(writtenDuringBackup >= 1);
        Assert.Empty(manifest.Missing);
        Assert.Contains(manifest.Tables, t => t.Name == "DataProtectionKeys" && t.Rows > 0);
        Assert.DoesNotContain(manifest.Tables, t => t.Name.StartsWith("Search", StringComparison.Ordinal));

        // The index is a cache under App_Data/search, not in the archive: the restore asks every instance to rebuild its own.
        Assert.Equal(1, await ScalarAsync(target, """SELECT count(*) FROM "SearchIndexState" WHERE "RebuildRequestedUtc" IS NOT NULL"""));
        foreach (var table in manifest.Tables)
        {
            Assert.True(table.Rows == await ScalarAsync(target, $"SELECT count(*) FROM \"{table.Name}\""), $"{table.Name}: {table.Rows} rows in the archive");
        }

        // Every file, whole, and no row without its file: in the archive and once restored.
        var attachments = await ListAsync(target, """SELECT "StoredName" FROM "ApplicationAttachments" """);
        var logos = await ListAsync(target, """SELECT "Logo" FROM "Startups" WHERE "Logo" IS NOT NULL""");
        Assert.Equal(manifest.Tables.Single(t => t.Name == "ApplicationAttachments").Rows, attachments.Count);
        Assert.Contains(logo, logos);
        Assert.Equal(
            attachments.Select(a => "files/attachments/" + a).Concat(logos.Distinct().Select(l => "files/media/" + l)).Order(StringComparer.Ordinal),
            manifest.Files.Where(f => f.Path.StartsWith("files/", StringComparison.Ordinal)).Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var file in manifest.Files.Where(f => f.Path.StartsWith("files/", StringComparison.Ordinal)))
        {
            var parts = file.Path.Split('/');
            var path = Path.Combine(parts[1] == "media" ? target.MediaFolder : target.AttachmentsFolder, parts[2]);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path))));
        }

        // The source's bearer token and cookie sign in on the restored site: the key ring travelled with the rows.
        using var restoredApi = target.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        restoredApi.DefaultRequestHeaders.Authorization = applicant.DefaultRequestHeaders.Authorization;
        var after = await Json.GetAsync(restoredApi, $"/api/applications/{applicationId}");
        Assert.Equal((before.Text("id"), before.Text("status"), before.GetProperty("requestedAmount").GetInt64()), (after.Text("id"), after.Text("status"), after.GetProperty("requestedAmount").GetInt64()));
        Assert.Equal(before.GetProperty("answers").GetRawText(), after.GetProperty("answers").GetRawText());
        // PostgreSQL keeps microseconds, SQLite ticks: a time moved up to PostgreSQL is the same time to the microsecond.
        Assert.Equal(before.GetProperty("submittedUtc").GetDateTime(), after.GetProperty("submittedUtc").GetDateTime(), TimeSpan.FromMilliseconds(1));
        using var anonymous = target.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using (var refused = await anonymous.GetAsync(new Uri($"/api/applications/{applicationId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/admin"))
        {
            request.Headers.Add("Cookie", adminCookie);
            using var admin = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/media/" + logo))
        {
            request.Headers.Add("Cookie", adminCookie);
            using var image = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        }
    }

    private static async Task<BackupManifest> BackupAsync(SiteFactory site, string archive)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(archive, includeAttachments: true);
    }

    /// <summary>A draft startup profile with a logo, saved by staff through the back office; returns the logo's stored name.</summary>
    private static async Task<string> ProfileWithLogoAsync(SiteFactory site)
    {
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var page = await Forms.GetAsync(staff, "/admin/content/startups/new");
        var form = (IHtmlFormElement)page.QuerySelector("form[enctype]")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Logo backup " + Guid.NewGuid().ToString("N")[..8]), "Title" },
            { new StringContent("A startup with a logo"), "Summary" },
            { new StringContent("save"), "then" },
        };
        var bytes = new ByteArrayContent(Png);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(bytes, "Logo", "logo.png");
        using var created = await staff.PostAsync(new Uri("/admin/content/startups/new", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = await Forms.GetAsync(staff, created.Headers.Location!.OriginalString);
        return edit.QuerySelector("img.logo")!.GetAttribute("src")!["/media/".Length..];
    }

    /// <summary>Signs in through the sign-in page by hand and returns the cookies it set, to send to another site.</summary>
    private static async Task<string> SignInCookieAsync(SiteFactory site, string email, string password)
    {
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        var antiforgery = Cookies(page);
        var form = (await Forms.ParseAsync(page)).QuerySelector("main form")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Email", email), new("Password", password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(signedIn);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    /// <summary>Runs a command of the built site in a process of its own, configured for <paramref name="site"/>'s database and folders.</summary>
    private static async Task<SiteRun> RunAsync(SiteFactory site, params string[] arguments)
    {
        await using var command = SiteProcess.Start(arguments, new Dictionary<string, string?>
        {
            ["Database__Provider"] = site.Provider.ToString(),
            ["ConnectionStrings__Incubator"] = site.ConnectionString,
            ["Media__Folder"] = site.MediaFolder,
            ["Attachments__Folder"] = site.AttachmentsFolder,
            ["Email__PickupFolder"] = site.MailFolder,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        return await command.RunToExitAsync(TimeSpan.FromMinutes(3));
    }

    private static async Task<DbConnection> OpenAsync(SiteFactory site)
    {
        DbConnection connection = site.Provider == DatabaseProvider.Sqlite ? new SqliteConnection(site.ConnectionString) : new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SiteFactory site, string sql, string? parameter = null)
    {
        await using var connection = await OpenAsync(site);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            var p = command.CreateParameter();
            p.ParameterName = "p";
            p.Value = parameter;
            command.Parameters.Add(p);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ListAsync(SiteFactory site, string sql)
    {
        await using var connection = await OpenAsync(site);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
