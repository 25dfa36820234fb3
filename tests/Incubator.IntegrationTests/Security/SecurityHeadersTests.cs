using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Incubator.IntegrationTests.Security;

public sealed class SecurityHeadersTests(Sites sites) : IClassFixture<Sites>
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_the_security_headers_when_any_kind_of_response_is_given(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var anonymous = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);

        var responses = new List<(string Kind, HttpResponseMessage Response, bool Private)>
        {
            ("public page", await anonymous.GetAsync(new Uri("/", UriKind.Relative)), false),
            ("sign-in page", await anonymous.GetAsync(new Uri("/account/login", UriKind.Relative)), true),
            ("public API JSON", await anonymous.GetAsync(new Uri("/api/search?q=x", UriKind.Relative)), false),
            ("static file", await anonymous.GetAsync(new Uri("/_content/Incubator.Themes.Public/public.css", UriKind.Relative)), false),
            ("API 401", await anonymous.GetAsync(new Uri("/api/organisations", UriKind.Relative)), false),
            ("API 404", await anonymous.GetAsync(new Uri("/api/directory/startups/no-such-slug-" + Guid.NewGuid().ToString("N"), UriKind.Relative)), false),
            ("page 404", await anonymous.GetAsync(new Uri("/no-such-page-" + Guid.NewGuid().ToString("N"), UriKind.Relative)), false),
            ("authenticated API JSON", await staffApi.GetAsync(new Uri("/api/organisations", UriKind.Relative)), true),
            ("API 403", await staffApi.PostAsJsonAsync("/api/admin/users", new { email = "x@test.local", password = "Whatever-1" }), true),
            ("API 400", await staffApi.PostAsync(new Uri("/api/organisations", UriKind.Relative), new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), true),
            ("back-office page", await staffBrowser.GetAsync(new Uri("/admin", UriKind.Relative)), true),
            ("export", await staffBrowser.GetAsync(new Uri("/admin/applications/export.csv", UriKind.Relative)), true),
        };

        foreach (var (kind, response, isPrivate) in responses)
        {
            using var _ = response;
            Assert.True((int)response.StatusCode < 500, $"{kind}: {(int)response.StatusCode}");
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
            Assert.True(Header(response, "Content-Security-Policy") == Policy, $"{kind}: CSP {Header(response, "Content-Security-Policy")}");
            Assert.Null(Header(response, "Strict-Transport-Security"));
            if (isPrivate)
            {
                Assert.True(response.Headers.CacheControl?.NoStore == true, $"{kind} ({(int)response.StatusCode}) is not no-store: {response.Headers.CacheControl}");
            }
        }

        Assert.Equal(HttpStatusCode.OK, responses.Single(r => r.Kind == "export").Response.StatusCode);
        Assert.False(responses.Single(r => r.Kind == "static file").Response.Headers.CacheControl?.NoStore ?? false);
        // Public pages carry the language form's antiforgery token, for which antiforgery itself already sends no-store.
        Assert.False(responses.Single(r => r.Kind == "public API JSON").Response.Headers.CacheControl?.NoStore ?? false);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_use_host_prefixed_secure_cookies_and_hsts_when_the_request_is_https(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Staff);
        // Cookies are carried by hand, to see exactly which names go back and forth.
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Equal("max-age=31536000", Header(page, "Strict-Transport-Security"));
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.Contains("incubator.af=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-incubator.af=", antiforgery, StringComparison.Ordinal);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);

        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await Forms.ParseAsync(page)).QuerySelector("main form")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([.. Forms.CurrentValues(form).Where(f => f.Key is not ("Email" or "Password")), new("Email", email), new("Password", password)]),
        };
        post.Headers.Add("Cookie", NameAndValue(antiforgery));
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.Contains("incubator.auth=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-incubator.auth=", auth, StringComparison.Ordinal);
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);

        using var backOffice = new HttpRequestMessage(HttpMethod.Get, "/admin");
        backOffice.Headers.Add("Cookie", NameAndValue(auth));
        using (var allowed = await client.SendAsync(backOffice))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("max-age=31536000", Header(allowed, "Strict-Transport-Security"));
        }

        // The same value under the plain name is not trusted over HTTPS (a sibling subdomain or plain-HTTP page could set it).
        using var planted = new HttpRequestMessage(HttpMethod.Get, "/admin");
        planted.Headers.Add("Cookie", NameAndValue(auth)[SecurityPrefix.Length..]);
        using var refused = await client.SendAsync(planted);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/login", Forms.Location(refused), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_plain_cookie_names_and_no_hsts_when_the_request_is_plain_http(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Staff);
        using var client = site.CreateBrowserClient();
        var form = await Forms.GetAsync(client, "/account/login");
        // A peer that is not a listed proxy (none is, here) cannot claim HTTPS.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([.. Forms.CurrentValues((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("main form")!).Where(f => f.Key is not ("Email" or "Password")), new("Email", email), new("Password", password)]),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var signedIn = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Null(Header(signedIn, "Strict-Transport-Security"));
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.Contains("incubator.auth=", StringComparison.Ordinal));
        Assert.StartsWith("incubator.auth=", auth, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", auth, StringComparison.OrdinalIgnoreCase);
        using var backOffice = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, backOffice.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public void Should_not_name_the_server_when_kestrel_answers(DatabaseProvider provider) =>
        Assert.False(sites[provider].Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private const string SecurityPrefix = "__Host-";

    private static string NameAndValue(string setCookie) => setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
}
