using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Observability;

/// <summary>
/// Meters are process-wide and the OpenTelemetry SDK listens to every meter named "Incubator", whichever site made it:
/// two sites alive at once in this process would add to each other's counters and overwrite each other's gauges. The
/// tests of this collection therefore run alone, after the others, each on a site of its own that it disposes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MonitoredSiteTests
{
    public const string Name = "monitored";
}

[Collection(MonitoredSiteTests.Name)]
public sealed partial class ObservabilityTests
{
    private const string MonitoringNetwork = "10.20.0.0/16";
    private const string MonitoringServer = "10.20.1.1";
    private const string Outsider = "192.0.2.7";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_serve_metrics_of_requests_and_of_the_product_to_an_administrator(DatabaseProvider provider)
    {
        using var site = NewSite(provider, new Dictionary<string, string?>
        {
            // The account's allowance of password attempts is 3: the administrator's own sign-in and two wrong
            // passwords spend it, and the third wrong one is refused with 429.
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:SignIn:PermitLimit"] = "3",
        });
        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var before = await ScrapeAsync(admin);
        Assert.Contains("http_server_request_duration_seconds", before, StringComparison.Ordinal);

        // An applicant registers: a confirmation e-mail is queued, and delivery is off on this site, so it stays.
        using var anonymous = site.CreateClient();
        var email = $"applicant-{Guid.NewGuid():N}@test.local";
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "Applicant-Password-1" })).EnsureSuccessStatusCode();
        var unsent = await site.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.OutboxEmails, e => e.SentUtc == null));

        // Two wrong passwords for the administrator, then a third the rate limiter refuses.
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = SiteFactory.AdminEmail, password = "Wrong-Password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = SiteFactory.AdminEmail, password = "Wrong-Password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // A recipe runs.
        await site.RunRecipeAsync("""
            { "name": "observability-test", "steps": [ { "name": "Taxonomies", "taxonomies": [ { "name": "localities", "terms": [ { "code": "obs-test", "vi": "Tỉnh thử" } ] } ] } ] }
            """);

        var after = await ScrapeAsync(admin);
        Assert.Equal((PrometheusText.Sum(before, "incubator_recipe_runs_total") ?? 0) + 1, PrometheusText.Sum(after, "incubator_recipe_runs_total"));
        Assert.True(unsent >= 1);
        Assert.Equal(unsent, PrometheusText.Sum(after, "incubator_email_outbox_unsent"));
        Assert.Equal((PrometheusText.Sum(before, "incubator_sign_in_failures_total") ?? 0) + 2, PrometheusText.Sum(after, "incubator_sign_in_failures_total"));
        Assert.Equal((PrometheusText.Sum(before, "incubator_rate_limit_rejections_total") ?? 0) + 1, PrometheusText.Sum(after, "incubator_rate_limit_rejections_total"));
        Assert.Contains("incubator_rate_limit_rejections_total{", after, StringComparison.Ordinal);
        Assert.Contains("policy=\"sign-in\"", after, StringComparison.Ordinal);
        Assert.NotNull(PrometheusText.Sum(after, "incubator_search_outbox_rows"));
        Assert.Equal(0, PrometheusText.Sum(after, "incubator_workflow_timers_due"));
        Assert.True(PrometheusText.Sum(after, "http_server_request_duration_seconds_count") >= 4);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_404_for_metrics_to_anyone_but_administrators_and_the_listed_network(DatabaseProvider provider)
    {
        using var site = NewSite(provider);
        using var anonymous = site.CreateClient();
        using var staff = await site.CreateUserAsync(Roles.Staff);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anonymous, "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anonymous, "/metrics", Outsider));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(staff, "/metrics"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics").From(MonitoringServer);
        using var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("incubator_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_report_each_readiness_check_to_the_monitoring_network_and_only_the_status_to_anyone(DatabaseProvider provider)
    {
        using var site = NewSite(provider);
        using var anonymous = site.CreateClient();

        // A new site's index is built in the background after the start (Degraded meanwhile): it is done first here.
        await SearchReader.DrainAsync(site);
        Assert.Equal("Healthy", await anonymous.GetStringAsync(new Uri("/health/live", UriKind.Relative)));

        var overall = await Json.GetAsync(anonymous, "/health/ready");
        Assert.Equal("Healthy", overall.Text("status"));
        Assert.False(overall.TryGetProperty("checks", out _));

        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var detailed = await Json.GetAsync(admin, "/health/ready");
        Assert.Equal("Healthy", detailed.Text("status"));
        var checks = detailed.GetProperty("checks");
        Assert.Equal(["database", "disk", "email-outbox", "search"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var check in checks.EnumerateObject())
        {
            Assert.Equal("Healthy", check.Value.Text("status"));
        }

        Assert.Equal(JsonValueKind.Number, checks.GetProperty("disk").GetProperty("data").GetProperty("attachmentsFreePercent").ValueKind);
        Assert.Equal(provider == DatabaseProvider.Sqlite, checks.GetProperty("disk").GetProperty("data").TryGetProperty("databaseFreePercent", out _));
        Assert.Contains(checks.GetProperty("search").GetProperty("data").Text("rebuild"), new[] { "idle", "done" });

        // An e-mail that has waited twenty minutes (delivery is off on this site) makes the site Degraded, still 200.
        var email = $"applicant-{Guid.NewGuid():N}@test.local";
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "Applicant-Password-1" })).EnsureSuccessStatusCode();
        using (site.Clock.FreezeAt(DateTime.UtcNow.AddMinutes(20)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready").From(MonitoringServer);
            var degraded = await Json.ReadAsync(await anonymous.SendAsync(request));
            Assert.Equal("Degraded", degraded.Text("status"));
            var outbox = degraded.GetProperty("checks").GetProperty("email-outbox");
            Assert.Equal("Degraded", outbox.Text("status"));
            Assert.True(outbox.GetProperty("data").GetProperty("unsent").GetInt32() >= 1);
            Assert.Equal("Healthy", degraded.GetProperty("checks").GetProperty("database").Text("status"));

            var status = await Json.GetAsync(anonymous, "/health/ready");
            Assert.Equal("Degraded", status.Text("status"));
            Assert.False(status.TryGetProperty("checks", out _));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_print_a_generated_administrator_password_on_the_console_and_never_log_it(DatabaseProvider provider)
    {
        var logs = new LogCapture();
        using var console = new StringWriter();
        using var site = NewSite(provider, new Dictionary<string, string?> { ["Setup:AdminPassword"] = string.Empty }, services =>
        {
            logs.Register(services);
            services.AddSingleton(new SetupConsole { Out = console });
        });
        _ = site.Server;

        var match = PrintedPassword().Match(console.ToString());
        Assert.True(match.Success, console.ToString());
        Assert.Equal(SiteFactory.AdminEmail, match.Groups["email"].Value);
        var password = match.Groups["password"].Value;

        // The password works, and nothing the site logged while starting and signing in holds it.
        using var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/metrics"));
        Assert.Contains(logs.Messages, m => m.Contains("Created the first administrator", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(password, StringComparison.Ordinal));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_report_the_disk_degraded_and_name_its_folders_when_free_space_is_under_the_setting_and_healthy_at_0(DatabaseProvider provider)
    {
        // No disk is 100% free, so a threshold of 100 finds every folder low without filling a disk.
        using (var low = NewSite(provider, new Dictionary<string, string?> { ["Health:MinFreeDiskPercent"] = "100" }))
        {
            var disk = await DiskCheckAsync(low);
            Assert.Equal("Degraded", disk.Text("status"));
            string[] folders = provider == DatabaseProvider.Sqlite ? ["attachments", "database", "imports", "interaction-attachments", "media"] : ["attachments", "imports", "interaction-attachments", "media"];
            var description = disk.Text("description");
            Assert.StartsWith("Little free disk space for: ", description, StringComparison.Ordinal);
            Assert.Equal(folders, description["Little free disk space for: ".Length..].TrimEnd('.').Split(", ").Order(StringComparer.Ordinal));
        }

        using (var off = NewSite(provider, new Dictionary<string, string?> { ["Health:MinFreeDiskPercent"] = "0" }))
        {
            var disk = await DiskCheckAsync(off);
            Assert.Equal("Healthy", disk.Text("status"));
            Assert.False(disk.TryGetProperty("description", out _));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_the_traces_of_requests_to_the_otlp_endpoint_when_one_is_set(DatabaseProvider provider)
    {
        await using var collector = OtlpReceiver.Start();
        using var site = NewSite(provider, new Dictionary<string, string?>
        {
            // The site's own settings, not the process' environment: other sites in this process send nothing there.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Batches leave every 100 ms instead of every 5 s (traces, logs) and 60 s (metrics).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        using var anonymous = site.CreateClient();

        using var response = await anonymous.GetAsync(new Uri($"/api/applications/{Guid.NewGuid()}/reviewers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // The request's span names its route (a template, not the path asked for) in the protobuf body.
        var route = System.Text.Encoding.UTF8.GetBytes("/api/applications/{id}/reviewers");
        var traces = await collector.WaitForAsync("/v1/traces", body => body.AsSpan().IndexOf(route) >= 0, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(traces);
        var metrics = await collector.WaitForAsync("/v1/metrics", body => body.Length > 0, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(metrics);
    }

    private static SiteFactory NewSite(DatabaseProvider provider, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Metrics:AllowedNetworks:0"] = MonitoringNetwork,
            // Every scrape reads the backlogs afresh, so a test sees the e-mail it has just queued.
            ["Metrics:ReadingCacheDuration"] = "00:00:00",
            // E-mails stay queued: the backlog is what these tests look at.
            ["Email:DeliveryInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new SiteFactory(provider, all, s =>
        {
            TestPeer.Register(s);
            services?.Invoke(s);
        });
    }

    /// <summary>
    /// The detailed readiness once the search index's first rebuild (queued by the first start) is over: while it runs
    /// the site is rightly Degraded.
    /// </summary>
    private static async Task<JsonElement> DiskCheckAsync(SiteFactory site)
    {
        using var anonymous = site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready").From(MonitoringServer);
        var ready = await Json.ReadAsync(await anonymous.SendAsync(request));
        return ready.GetProperty("checks").GetProperty("disk");
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string? peer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (peer is not null)
        {
            request.From(peer);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"First administrator: (?<email>\S+) / password: (?<password>\S+)")]
    private static partial Regex PrintedPassword();
}
