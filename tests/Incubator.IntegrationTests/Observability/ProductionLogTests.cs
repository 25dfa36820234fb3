using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Incubator.IntegrationTests.Observability;

/// <summary>
/// The console log of the site as a process in Production, as an operator's log collector reads it: one JSON object a
/// line, each line written during a request carrying that request's trace id, and no password in any line.
/// </summary>
public sealed partial class ProductionLogTests
{
    private const string WrongPassword = "Wrong-Secret-Password-7";

    [Fact]
    public async Task Should_log_json_lines_with_the_request_trace_id_and_no_password_when_the_site_runs_in_production()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("incubator-logs-").FullName;
        try
        {
            var address = new Uri($"http://127.0.0.1:{SiteProcess.FreePort()}");
            var environment = SiteProcess.SqliteSite(folder, address);
            // No password set: the first start generates the administrator's and prints it once.
            environment["Setup__AdminPassword"] = string.Empty;
            // The request's own lines (started, finished) are written at Information; the default keeps ASP.NET Core at Warning.
            environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";

            await using var site = SiteProcess.Start(["--urls", address.ToString()], environment, folder);
            await site.WaitUntilServingAsync(address);
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

            // The generated password is printed once, as plain text, and it signs the administrator in.
            var printed = PrintedPassword().Match(await site.WaitForOutputLineAsync(l => PrintedPassword().IsMatch(l)));
            Assert.Equal(SiteProcess.AdminEmail, printed.Groups["email"].Value);
            var password = printed.Groups["password"].Value;
            using (var signedIn = await client.PostAsJsonAsync("/api/auth/login", new { email = SiteProcess.AdminEmail, password }))
            {
                Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            }

            // A sign-in with a wrong password, in a trace the caller started (as a proxy or another service would).
            var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = SiteProcess.AdminEmail, password = WrongPassword }) })
            {
                request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01");
                using var refused = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

                // The problem the caller gets names the same trace, so a user's report leads to the log lines.
                var problem = await refused.Content.ReadAsStringAsync();
                Assert.Contains($"\"traceId\":\"00-{traceId}-", problem, StringComparison.Ordinal);
            }

            // Its last line ("Request finished") carries the caller's trace id; by then every line of the request is written.
            var finished = await site.WaitForOutputLineAsync(line => IsJson(line) && TraceId(line) == traceId && line.Contains("Request finished", StringComparison.Ordinal));
            using (var json = JsonDocument.Parse(finished))
            {
                Assert.Equal("Microsoft.AspNetCore.Hosting.Diagnostics", json.RootElement.GetProperty("Category").GetString());
            }

            var lines = site.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            var requestLines = lines.Where(l => IsJson(l) && TraceId(l) == traceId).ToList();
            Assert.Contains(requestLines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/api/auth/login", StringComparison.Ordinal));
            Assert.Contains(lines, l => IsJson(l) && l.Contains("Created the first administrator", StringComparison.Ordinal));

            // Apart from the one printed line, nothing the site wrote (either stream) holds a password.
            Assert.Single(lines, l => l.Contains(password, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => IsJson(l) && l.Contains(password, StringComparison.Ordinal));
            Assert.DoesNotContain(WrongPassword, site.Log, StringComparison.Ordinal);
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

    private static bool IsJson(string line) => line.StartsWith('{') && line.EndsWith('}');

    /// <summary>The trace id among the line's scopes, where the logger puts the request's activity.</summary>
    private static string? TraceId(string line)
    {
        using var json = JsonDocument.Parse(line);
        if (!json.RootElement.TryGetProperty("Scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return scopes.EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            .Select(s => s.GetProperty("TraceId").GetString())
            .FirstOrDefault();
    }

    [GeneratedRegex(@"First administrator: (?<email>\S+) / password: (?<password>\S+)")]
    private static partial Regex PrintedPassword();
}
