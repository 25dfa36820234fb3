using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Incubator.IntegrationTests.Security;

/// <summary>Records every error the site logs, so a test can say that bad input was refused without being an error.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public void Clear() => _errors.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}

/// <summary>A site per provider whose error log is captured.</summary>
public sealed class LoggedSites : IDisposable
{
    private readonly Dictionary<DatabaseProvider, (SiteFactory Site, ErrorLog Log)> _sites = [];
    private readonly Lock _lock = new();

    public (SiteFactory Site, ErrorLog Log) this[DatabaseProvider provider]
    {
        get
        {
            lock (_lock)
            {
                if (!_sites.TryGetValue(provider, out var entry))
                {
                    var log = new ErrorLog();
                    var site = new SiteFactory(provider, testServices: services => services.AddSingleton<ILoggerProvider>(log));
                    _ = site.Server;
                    entry = (site, log);
                    _sites[provider] = entry;
                }

                return entry;
            }
        }
    }

    public void Dispose()
    {
        foreach (var (site, _) in _sites.Values)
        {
            site.Dispose();
        }
    }
}

/// <summary>Bad input of every kind, sent to every endpoint of the site: it is refused (4xx), never a server error.</summary>
public sealed class MalformedRequestTests(LoggedSites sites) : IClassFixture<LoggedSites>
{
    private const string Boundary = "----incubator-boundary";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_never_answer_5xx_or_log_an_error_when_any_endpoint_gets_malformed_requests(DatabaseProvider provider)
    {
        var (site, log) = sites[provider];
        using var anonymous = site.CreateBrowserClient();
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var staffToken = (await Forms.GetAsync(staff, "/admin")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on /admin.");
        var anonymousToken = (await Forms.GetAsync(anonymous, "/account/login")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on /account/login.");
        log.Clear();

        var targets = await TargetsAsync(site);
        Assert.True(targets.Count > 50, $"only {targets.Count} endpoints found");
        var failures = new List<string>();
        foreach (var (client, token, who) in new[] { (anonymous, anonymousToken, "anonymous"), (staff, staffToken, "staff") })
        {
            foreach (var (method, url) in targets)
            {
                if (who == "staff" && url.StartsWith("/account/logout", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // a valid token would sign the client out for the rest of the run
                }

                foreach (var (name, request) in Corpus(method, url, token))
                {
                    using var _ = request;
                    try
                    {
                        using var response = await client.SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{who} {method} {url} [{name}] -> {(int)response.StatusCode}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
                    {
                        failures.Add($"{who} {method} {url} [{name}] -> {e.GetType().Name}: {e.Message}");
                    }

                    foreach (var error in log.Errors.Where(e => !e.StartsWith("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", StringComparison.Ordinal)))
                    {
                        failures.Add($"{who} {method} {url} [{name}] logged {error}");
                    }

                    log.Clear();
                }
            }
        }

        // One line per kind of error (the first request that showed it), then the endpoints that failed.
        var kinds = failures.Where(f => f.Contains(" logged ", StringComparison.Ordinal)).GroupBy(f => f[(f.IndexOf(" logged ", StringComparison.Ordinal) + 8)..].Split('\n')[0])
            .Select(g => $"{g.Count()}x {g.Key}\n    e.g. {g.First()[..g.First().IndexOf(" logged ", StringComparison.Ordinal)]}");
        var endpoints = failures.Select(f => string.Join(' ', f.Split(' ').Take(3))).Distinct();
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join('\n', kinds) + "\n\nFailing endpoints:\n" + string.Join('\n', endpoints));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_400_with_a_localised_problem_when_an_api_gets_a_malformed_body(DatabaseProvider provider)
    {
        var (site, log) = sites[provider];
        var (programmeId, _, _) = await SupportApplications.CreateProgrammeAsync(site);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        var id = await SupportApplications.CreateApplicationAsync(applicant, programmeId);
        log.Clear();
        var multipart = $"multipart/form-data; boundary={Boundary}";
        var cases = new (string Url, Func<HttpContent> Content)[]
        {
            ($"/api/applications/{id}/attachments", () => Raw("x", "multipart/form-data")),
            ($"/api/applications/{id}/attachments", () => Raw($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4", multipart)),
            ($"/api/applications/{id}/attachments", () => Raw(string.Concat(Enumerable.Range(0, 1100).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + $"--{Boundary}--\r\n", multipart)),
            ($"/api/applications/{id}/attachments", () => Raw($"--{Boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Big: {new string('h', 20_000)}\r\n\r\nv\r\n--{Boundary}--\r\n", multipart)),
            ("/api/organisations", () => Raw("{\"kind\": ", "application/json")),
            ("/api/auth/login", () => Raw("{\"email\": ", "application/json")),
        };
        foreach (var (url, content) in cases)
        {
            using var body = content();
            using var response = await applicant.PostAsync(new Uri(url, UriKind.Relative), body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} {body.Headers.ContentType}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(Texts.Vi("The request could not be read."), text, StringComparison.Ordinal);
        }

        Assert.Empty(log.Errors);
        Assert.False(await site.QueryAsync(db => db.ApplicationAttachments.AnyAsync(a => a.ApplicationId == id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_400_with_the_localised_page_when_a_form_or_its_return_address_is_malformed(DatabaseProvider provider)
    {
        var (site, log) = sites[provider];
        using var client = site.CreateBrowserClient();
        var token = (await Forms.GetAsync(client, "/account/login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        log.Clear();
        var requests = new List<HttpRequestMessage>
        {
            new(HttpMethod.Get, "/account/login?returnUrl=%01%0D%0ALocation:%20http://evil"),
            new(HttpMethod.Post, "/account/login?returnUrl=/my%0Aorganisations")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Email", "a@test.local"), new("Password", "x")]),
            },
            new(HttpMethod.Post, "/account/login") { Content = Raw($"--{Boundary}\r\nContent-Disposition: form-data; name=\"Email\"\r\n\r\na@b", $"multipart/form-data; boundary={Boundary}") },
            new(HttpMethod.Post, "/account/register") { Content = Raw(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=v")), "application/x-www-form-urlencoded") },
        };
        requests[2].Headers.Add("RequestVerificationToken", token);
        requests[3].Headers.Add("RequestVerificationToken", token);
        foreach (var request in requests)
        {
            using var _ = request;
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = await Forms.ParseAsync(response);
            Assert.Contains(page.QuerySelector("main p")?.TextContent, new[] { Texts.Vi("The return address in the link is not valid."), Texts.Vi("The request could not be read.") });
        }

        Assert.Empty(log.Errors);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_not_fail_when_the_search_is_only_combining_marks(DatabaseProvider provider)
    {
        var (site, log) = sites[provider];
        using var client = site.CreateClient();
        log.Clear();
        foreach (var url in new[] { "/search?q=%CC%81%CC%81", "/api/search?q=%CC%81%CC%81", "/api/search/suggest?q=%CC%81%CC%81", "/search?q=%CC%81%20%22%CC%81%22*", "/api/search?q=%E2%80%8B%CC%81" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }

        Assert.Empty(log.Errors);
    }

    /// <summary>Every route of the site with a sample URL, and for pages every handler.</summary>
    private static async Task<List<(string Method, string Url)>> TargetsAsync(SiteFactory site)
    {
        var loader = site.Services.GetRequiredService<PageLoader>();
        var result = new HashSet<(string, string)>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var url = Sample(endpoint.RoutePattern);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                result.Add(("GET", url));
                result.Add(("POST", url));
                foreach (var handler in compiled.HandlerMethods.Where(h => h.Name is not null))
                {
                    result.Add((handler.HttpMethod.ToUpperInvariant(), $"{url}?handler={handler.Name}"));
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                {
                    result.Add((method, url));
                }
            }
        }

        return [.. result.OrderBy(t => t.Item2, StringComparer.Ordinal).ThenBy(t => t.Item1, StringComparer.Ordinal)];
    }

    private static string Sample(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
                    RoutePatternParameterPart => "x1",
                    _ => string.Empty,
                });
            }
        }

        return url.Length == 0 ? "/" : url.ToString();
    }

    private static IEnumerable<(string Name, HttpRequestMessage Request)> Corpus(string method, string url, string token)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var verb = new HttpMethod(method);
        HttpRequestMessage Make(string suffix = "", HttpContent? content = null, bool withToken = false)
        {
            var request = new HttpRequestMessage(verb, new Uri(url + suffix, UriKind.Relative)) { Content = content };
            if (withToken)
            {
                // In the header, so antiforgery passes without reading the body and the handler really parses it.
                request.Headers.Add("RequestVerificationToken", token);
            }

            return request;
        }

        foreach (var query in new[] { "q=%01%02%7F", "q=\u0301\u0301", "returnUrl=%01%0D%0Ahttp://evil", "page=99999999999999999999&pageSize=-1", "q=" + new string('a', 5000), "x[0]=1&x[a]=2&x=%FF%FE" })
        {
            yield return ("query " + query[..Math.Min(query.Length, 12)], Make(separator + query));
        }

        var huge = Make();
        huge.Headers.TryAddWithoutValidation("Cookie", "incubator.auth=" + new string('A', 6000) + "; incubator.af=%%%");
        huge.Headers.TryAddWithoutValidation("Accept-Language", new string('x', 4000));
        huge.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('z', 4000));
        yield return ("oversized headers", huge);

        if (method is "GET" or "HEAD")
        {
            yield break;
        }

        foreach (var withToken in new[] { false, true })
        {
            var tag = withToken ? " +token" : string.Empty;
            yield return ("multipart without boundary" + tag, Make(content: Raw("x", "multipart/form-data"), withToken: withToken));
            yield return ("truncated multipart" + tag, Make(content: Raw($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 trunc", $"multipart/form-data; boundary={Boundary}"), withToken: withToken));
            yield return ("oversized part headers" + tag, Make(content: Raw($"--{Boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Big: {new string('h', 20_000)}\r\n\r\nv\r\n--{Boundary}--\r\n", $"multipart/form-data; boundary={Boundary}"), withToken: withToken));
            yield return ("too many parts" + tag, Make(content: Raw(string.Concat(Enumerable.Range(0, 1100).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + $"--{Boundary}--\r\n", $"multipart/form-data; boundary={Boundary}"), withToken: withToken));
            yield return ("too many fields" + tag, Make(content: Raw(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=v")), "application/x-www-form-urlencoded"), withToken: withToken));
            yield return ("invalid json" + tag, Make(content: Raw("{\"email\": \"a@b.c\", ", "application/json"), withToken: withToken));
            yield return ("json of the wrong shape" + tag, Make(content: Raw("[1, {\"x\": null}]", "application/json"), withToken: withToken));
        }
    }

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
