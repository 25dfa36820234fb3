using System.Net;
using AngleSharp.Dom;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Checks that hostile text reached the page as text: encoded in the HTML, never an element or an event handler.</summary>
public static class Html
{
    public const string ScriptPayload = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

    /// <summary>Fetches the page and checks the payload shows as text and nothing of it became markup.</summary>
    public static async Task<IDocument> AssertShowsPayloadAsTextAsync(HttpClient client, string url, int atLeast = 1)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await Forms.ParseAsync(html, "http://localhost" + url);
        AssertNoActiveContent(page, html, url);

        // The text a person reads (or finds in a form field) is the payload itself, so it was encoded, not dropped.
        var shown = Occurrences(page.Body?.TextContent ?? string.Empty)
            + page.QuerySelectorAll("input").Count(i => (i.GetAttribute("value") ?? string.Empty).Contains(ScriptPayload, StringComparison.Ordinal));
        Assert.True(shown >= atLeast, $"{url} shows the payload as text {shown} times, expected at least {atLeast}");
        return page;
    }

    /// <summary>A rendered Markdown body: no script element, no event handler, no javascript: address.</summary>
    public static async Task AssertInertMarkdownAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await Forms.ParseAsync(html);
        var url = response.RequestMessage?.RequestUri?.PathAndQuery ?? string.Empty;
        AssertNoActiveContent(page, html, url);
        var prose = page.QuerySelector(".prose") ?? throw new InvalidOperationException($"{url} has no body.");
        Assert.Contains("<script>alert(1)</script>", prose.TextContent, StringComparison.Ordinal);
        Assert.NotNull(prose.QuerySelector("a[href='https://example.vn/ok']"));
    }

    private static void AssertNoActiveContent(IDocument page, string html, string url)
    {
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name is "href" or "src" or "action" or "formaction"
            && a.Value.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)));
        Assert.False(html.Contains("<script>alert", StringComparison.OrdinalIgnoreCase), $"{url} carries a raw script tag");
        Assert.False(html.Contains("<img src=x", StringComparison.OrdinalIgnoreCase), $"{url} carries a raw img tag");
    }

    private static int Occurrences(string text)
    {
        var count = 0;
        for (var i = text.IndexOf(ScriptPayload, StringComparison.Ordinal); i >= 0; i = text.IndexOf(ScriptPayload, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
