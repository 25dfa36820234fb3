using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Security;

/// <summary>
/// One hardened site per provider, shared by the "hardened" collection: throttling on with low limits, a listed
/// proxy, the OpenAPI document switched off, and a stand-in TCP peer per request.
/// </summary>
public sealed class ThrottledSites : IDisposable
{
    public const string Proxy = "10.0.0.1";

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:SignIn:PermitLimit"] = "3",
        ["RateLimiting:SignIn:AddressPermitLimit"] = "5",
        ["RateLimiting:SignIn:Window"] = "00:10:00",
        ["RateLimiting:TwoFactor:PermitLimit"] = "2",
        ["RateLimiting:ForgotPassword:PermitLimit"] = "2",
        ["RateLimiting:Search:AddressPermitLimit"] = "4",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["OpenApi:Enabled"] = "false",
    };

    private static int _lastAddress;
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
                    site = new SiteFactory(provider, Settings, TestPeer.Register);
                    _ = site.Server;
                    _sites[provider] = site;
                }

                return site;
            }
        }
    }

    /// <summary>A client address no other test uses, so the tests of this site do not spend each other's allowance.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return $"100.64.{n / 250}.{(n % 250) + 1}";
    }

    public void Dispose()
    {
        foreach (var site in _sites.Values)
        {
            site.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HardenedSiteTests : ICollectionFixture<ThrottledSites>
{
    public const string Name = "hardened";
}

[Collection(HardenedSiteTests.Name)]
public sealed class ThrottlingTests(ThrottledSites sites)
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_429_with_retry_after_and_a_problem_when_one_address_signs_in_too_often(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
        for (var i = 0; i < 5; i++)
        {
            // A new e-mail each time: only the address's allowance (5) is spent.
            using var allowed = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "Wrong-Password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "Wrong-Password-1" });
        var problem = await Json.ReadAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Quá nhiều lần thử", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_localised_page_when_the_sign_in_form_is_posted_too_often_for_one_account(DatabaseProvider provider)
    {
        var site = sites[provider];
        var email = $"target-{Guid.NewGuid():N}@test.local";
        foreach (var (language, expected) in new[] { ("vi", "Quá nhiều lần thử"), ("en-GB", "Too many attempts") })
        {
            using var client = site.CreateBrowserClient();
            client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            HttpResponseMessage? last = null;
            for (var i = 0; i < 4 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
            {
                last?.Dispose();
                var page = await Forms.GetAsync(client, "/account/login");
                last = await Forms.SubmitAsync(client, page, "main form", [new("Email", email), new("Password", "Wrong-Password-1")]);
            }

            using var refused = last!;
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            var html = await Forms.ParseAsync(refused);
            Assert.Contains(expected, html.QuerySelector("main")?.TextContent ?? html.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_hold_the_account_limit_when_the_attempts_come_from_different_addresses(DatabaseProvider provider)
    {
        var site = sites[provider];
        var email = $"target-{Guid.NewGuid():N}@test.local";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = site.CreateClient();
            client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
            // The e-mail's case and spaces differ too: it is one account all the same.
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = i % 2 == 0 ? email : $" {email.ToUpperInvariant()} ", password = "Wrong-Password-1" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_spend_the_two_factor_allowance_when_the_sign_in_carries_a_code(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
        var email = $"target-{Guid.NewGuid():N}@test.local";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-Password-1", twoFactorCode = "123456" });
            statuses.Add(response.StatusCode);
        }

        // Sign-in alone allows 3 per account; the two-factor policy allows 2.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_limit_forgot_password_per_account_when_the_api_is_asked_again_and_again(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
        var email = $"target-{Guid.NewGuid():N}@test.local";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/forgotPassword", new { email });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_ignore_x_forwarded_for_when_the_peer_is_not_a_listed_proxy(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", ThrottledSites.NewAddress());
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        // Every request counted against the real peer: its sixth is refused whatever address it claimed.
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_the_forwarded_address_when_the_peer_is_a_listed_proxy(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.Proxy);
        var one = ThrottledSites.NewAddress();
        var statuses = new List<(string Client, HttpStatusCode Status)>();
        foreach (var address in Enumerable.Range(0, 6).Select(_ => ThrottledSites.NewAddress()).Concat(Enumerable.Repeat(one, 6)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@test.local", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add((address, response.StatusCode));
        }

        // Six clients behind the proxy are six addresses; one client is refused at its sixth attempt.
        Assert.All(statuses[..11], s => Assert.Equal(HttpStatusCode.Unauthorized, s.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1].Status);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_throttle_searches_per_address_when_the_search_is_repeated(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeer.Header, ThrottledSites.NewAddress());
        var statuses = new List<HttpStatusCode>();
        foreach (var url in new[] { "/api/search?q=a", "/search?q=b", "/api/search?q=c", "/search?q=d", "/api/search?q=e", "/search?q=f" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
