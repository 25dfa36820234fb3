using System.Diagnostics;
using System.Net;
using Incubator.IntegrationTests.Infrastructure;

namespace Incubator.IntegrationTests.Deployment;

/// <summary>
/// The site as an operator deploys it: <c>dotnet publish</c> into a folder of its own, then <c>dotnet
/// out/Incubator.Web.dll</c> started from another folder, in Production, on a fresh SQLite database. This test
/// PUBLISHES (about a minute): it publishes the project the test run has already built (<c>--no-build</c>), once.
/// </summary>
public sealed class PublishedSiteTests
{
    [Fact]
    [Trait("Category", "Publish")]
    public async Task Should_serve_every_stylesheet_and_script_with_its_content_and_a_missing_asset_as_404_when_the_published_output_runs_in_production()
    {
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "incubator-publish-" + Guid.NewGuid().ToString("N"))).FullName;
        var output = Path.Combine(folder, "out");
        SiteProcess? site = null;
        try
        {
            await PublishAsync(output);
            var address = new Uri($"http://127.0.0.1:{SiteProcess.FreePort()}");
            site = Start(output, folder, address);
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            await site.WaitUntilServingAsync(address);

            var assets = new List<string>();
            foreach (var page in new[] { "/", "/account/login" })
            {
                var document = await Forms.GetAsync(client, page);
                assets.AddRange(document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!));
                assets.AddRange(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!));
            }

            assets = [.. assets.Distinct(StringComparer.Ordinal)];
            Assert.Contains(assets, a => a.StartsWith("/_content/Incubator.Themes.Public/public", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.StartsWith("/_content/Incubator.Themes.Public/", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.StartsWith("/account/passkeys", StringComparison.Ordinal));
            var published = System.IO.Directory.EnumerateFiles(Path.Combine(output, "wwwroot"), "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".css" or ".js")
                .Select(File.ReadAllBytes)
                .ToList();
            foreach (var asset in assets)
            {
                using var response = await client.GetAsync(new Uri(asset, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {asset} returned {(int)response.StatusCode}");
                Assert.Equal(asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
                Assert.True(body.Length > 0, $"GET {asset} returned an empty body");
                Assert.True(published.Any(p => p.AsSpan().SequenceEqual(body)), $"GET {asset} returned {body.Length} bytes that are no published file's");
            }

            // A file the build listed but the folder lost (a partial copy to the server) is a 404 too, like an unknown one.
            var passkeys = assets.First(a => a.StartsWith("/account/passkeys", StringComparison.Ordinal));
            File.Delete(Path.Combine(output, "wwwroot", "account", "passkeys.js"));
            foreach (var missing in new[] { "/themes/x/missing.css", "/account/missing.js", "/_content/Incubator.Themes.Public/missing.css", passkeys })
            {
                using var response = await client.GetAsync(new Uri(missing, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {missing} returned {(int)response.StatusCode}");
            }

            Assert.False(site.HasExited, site.Log);
        }
        finally
        {
            if (site is not null)
            {
                await site.DisposeAsync();
            }

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

    /// <summary>
    /// <c>dotnet publish src/Incubator.Web -o output</c> in the configuration this test was built in: the site was
    /// built with the tests, so publishing copies and compresses its files without building it again.
    /// </summary>
    private static async Task PublishAsync(string output)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", Path.Combine(RepositoryRoot(), "src", "Incubator.Web", "Incubator.Web.csproj"), "-c", configuration, "--no-build", "--no-restore", "-o", output, "-v", "q", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start)!;
        var printed = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await printed}\n{await errors}");
        Assert.True(File.Exists(Path.Combine(output, "Incubator.Web.dll")), "dotnet publish wrote no Incubator.Web.dll");
    }

    /// <summary>Starts <c>dotnet out/Incubator.Web.dll</c> from <paramref name="workingFolder"/>, not from the output's own folder.</summary>
    private static SiteProcess Start(string output, string workingFolder, Uri address) => SiteProcess.Start(
        ["--urls", address.ToString()],
        new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Incubator"] = $"Data Source={Path.Combine(workingFolder, "data", "incubator.db")}",
            ["Site__BaseUrl"] = address.ToString(),
            ["Setup__AdminEmail"] = "admin@publish.test",
            ["Setup__AdminPassword"] = "Admin-Password-1",
            ["Email__PickupFolder"] = Path.Combine(workingFolder, "data", "mail"),
            ["Media__Folder"] = Path.Combine(workingFolder, "data", "media"),
            ["Attachments__Folder"] = Path.Combine(workingFolder, "data", "attachments"),
        },
        workingFolder,
        Path.Combine(Path.GetRelativePath(workingFolder, output), "Incubator.Web.dll"));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Incubator.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Incubator.sln not found above " + AppContext.BaseDirectory);
    }
}
