using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>
/// Clients whose credentials a test can copy: a cookie jar it reads (the factory's own cookie handling hides the
/// cookies), and the bearer and refresh tokens of an API login.
/// </summary>
public static class Sessions
{
    /// <summary>A client that sends exactly the cookies it is given, as a second browser holding a copied cookie would.</summary>
    public static HttpClient CookieClient(SiteFactory site, string cookieHeader)
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    /// <summary>Signs in through the sign-in page and returns the Cookie header a browser would then send.</summary>
    public static async Task<CookieJar> SignInOnPageAsync(SiteFactory site, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(site);
        var jar = new CookieJar();
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await jar.PostFormAsync(client, "/account/login", "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("incubator.auth", jar.Header, StringComparison.Ordinal);
        return jar;
    }

    /// <summary>Logs in through /api/auth/login and returns the access and refresh tokens.</summary>
    public static async Task<(string Access, string Refresh)> LoginAsync(SiteFactory site, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var client = site.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        var json = await Json.ReadAsync(response);
        return (json.Text("accessToken"), json.Text("refreshToken"));
    }

    public static HttpClient BearerClient(SiteFactory site, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>POST /api/auth/refresh: the new access token, or null with the status when refused.</summary>
    public static async Task<(HttpStatusCode Status, string? Access)> RefreshAsync(SiteFactory site, string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var client = site.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("accessToken").GetString());
    }

    /// <summary>The status of GET /api/auth/manage/info, which any signed-in user may read.</summary>
    public static async Task<HttpStatusCode> WhoAmIAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/api/auth/manage/info", UriKind.Relative));
        return response.StatusCode;
    }
}

/// <summary>The cookies a browser keeps, readable so a test can copy them to another client.</summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>Only the sign-in cookie, as someone who stole it would hold it.</summary>
    public string AuthHeader => string.Join("; ", _cookies.Where(c => c.Key.StartsWith("incubator.auth", StringComparison.Ordinal)).Select(c => $"{c.Key}={c.Value}"));

    public void Keep(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';')[0];
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, content) = (pair[..at], pair[(at + 1)..]);
            if (content.Length == 0 || value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = content;
            }
        }
    }

    public async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", Header);
        }

        var response = await client.SendAsync(request);
        Keep(response);
        return response;
    }

    /// <summary>Opens the page, then posts its form (with its antiforgery token) and these values, keeping the cookies of both.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string selector, IEnumerable<KeyValuePair<string, string>> values)
    {
        using var get = await GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var page = await Forms.ParseAsync(get);
        var form = page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form matches {selector} on {url}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(values);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", Header);
        var response = await client.SendAsync(request);
        Keep(response);
        return response;
    }
}
