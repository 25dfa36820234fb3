using System.Net;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Incubator.IntegrationTests.Data;

/// <summary>
/// The site as a process, killed (SIGKILL, no shutdown) while images are being uploaded, then started again: after the
/// start-up sweep no file is left that no row names, no partial write is left, and every row's image is on disk.
/// </summary>
public sealed class KilledUploadTests
{
    // A 1x1 PNG padded to 1.5 MB, so that a kill finds writes under way (the store reads the type from the first bytes).
    private static readonly byte[] Png = [.. Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), .. new byte[1_500_000]];

    [Fact]
    public async Task Should_leave_no_orphan_and_no_row_without_its_file_when_the_site_is_killed_during_uploads()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("incubator-kill-").FullName;
        var media = Path.Combine(folder, "media");
        var database = Path.Combine(folder, "incubator.db");
        try
        {
            var address = new Uri($"http://127.0.0.1:{SiteProcess.FreePort()}");
            var environment = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = null,
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Incubator"] = $"Data Source={database}",
                ["Site__BaseUrl"] = address.ToString(),
                ["Setup__AdminEmail"] = "admin@kill.test",
                ["Setup__AdminPassword"] = "Admin-Password-1",
                ["Security__RequireSecondFactor"] = "false",
                ["RateLimiting__Enabled"] = "false",
                ["Email__PickupFolder"] = Path.Combine(folder, "mail"),
                ["Media__Folder"] = media,
                ["Attachments__Folder"] = Path.Combine(folder, "attachments"),
            };

            await using (var site = SiteProcess.Start(["--urls", address.ToString()], environment, folder))
            {
                await site.WaitUntilServingAsync(address);
                using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
                using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
                await Forms.SignInAsync(client, "admin@kill.test", "Admin-Password-1");

                // Uploads run side by side; the site is killed once some have been answered, while others are under way.
                var answered = 0;
                using var stop = new CancellationTokenSource();
                var uploads = Enumerable.Range(0, 12).Select(async worker =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            using var response = await PostProfileAsync(client, $"Killed {worker} {Guid.NewGuid():N}", stop.Token);
                            Interlocked.Increment(ref answered);
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
                        {
                            return;
                        }
                    }
                }).ToList();

                while (Volatile.Read(ref answered) < 12 && !site.HasExited)
                {
                    await Task.Delay(20);
                }

                await site.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(uploads);
            }

            // What the kill left is made older than the sweep's age, then the site starts again and sweeps at start.
            var old = DateTime.UtcNow.AddHours(-2);
            foreach (var file in System.IO.Directory.GetFiles(media))
            {
                File.SetLastWriteTimeUtc(file, old);
            }

            await using (var again = SiteProcess.Start(["--urls", address.ToString()], environment, folder))
            {
                await again.WaitUntilServingAsync(address);
                var until = DateTime.UtcNow.AddMinutes(1);
                while (DateTime.UtcNow < until && !MediaMatchesRows(media, database))
                {
                    await Task.Delay(100);
                }

                var files = System.IO.Directory.GetFiles(media).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
                var logos = Logos(database);
                Assert.True(logos.Count > 0, "No upload was saved before the kill.\n" + again.Log);
                Assert.DoesNotContain(files, f => f.EndsWith(".part", StringComparison.Ordinal));
                Assert.Equal(logos, files);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS's temp cleaning
            }
        }
    }

    private static bool MediaMatchesRows(string media, string database) =>
        System.IO.Directory.GetFiles(media).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).SequenceEqual(Logos(database));

    private static List<string> Logos(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT Logo FROM Startups WHERE Logo IS NOT NULL";
        var logos = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            logos.Add(reader.GetString(0));
        }

        return [.. logos.Order(StringComparer.Ordinal)];
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
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
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
