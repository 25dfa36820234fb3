using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Reads pages like a browser: parse the HTML, find a form, post it with its antiforgery token.</summary>
public static class Forms
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {url} returned {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>Submits the form matched by <paramref name="selector"/> on the page with the given values (plus its hidden fields).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string selector, IEnumerable<KeyValuePair<string, string>> values, string? submitName = null, string? submitValue = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form matches {selector}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(values);
        if (submitName is not null)
        {
            fields.Add(new(submitName, submitValue ?? string.Empty));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(new Uri(page.Url), action).ToString();
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(new Uri(target).PathAndQuery, UriKind.Relative), content);
    }

    /// <summary>Signs a cookie client in through the sign-in page.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var page = await GetAsync(client, "/account/login");
        using var response = await SubmitAsync(client, page, "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
