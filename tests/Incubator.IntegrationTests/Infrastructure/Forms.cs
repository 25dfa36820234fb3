using System.Net;
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
        return await ParseAsync(html, response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/");
    }

    public static async Task<IDocument> ParseAsync(string html, string address = "http://localhost/")
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(address));
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

        return await PostAsync(client, page, form, fields);
    }

    /// <summary>
    /// Submits a form the way a browser does: every field with its current value (text inputs, checked boxes,
    /// selected options, textareas), where each name in <paramref name="changes"/> replaces the values of that field.
    /// </summary>
    public static async Task<HttpResponseMessage> FillAndSubmitAsync(HttpClient client, IDocument page, string selector, IReadOnlyDictionary<string, string[]>? changes = null, string? submitName = null, string? submitValue = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form matches {selector}.");
        changes ??= new Dictionary<string, string[]>();
        var fields = CurrentValues(form).Where(f => !changes.ContainsKey(f.Key)).ToList();
        fields.AddRange(changes.SelectMany(c => c.Value.Select(v => new KeyValuePair<string, string>(c.Key, v))));
        if (submitName is not null)
        {
            fields.Add(new(submitName, submitValue ?? string.Empty));
        }

        return await PostAsync(client, page, form, fields);
    }

    /// <summary>What a browser would send for the form's fields, without any submit button.</summary>
    public static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    var type = input.Type.ToLowerInvariant();
                    if (type is "submit" or "button" or "image" or "reset" or "file")
                    {
                        break;
                    }

                    if (type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }

                    // A box without a value attribute sends "on"; one with value="" sends the empty string, as browsers do.
                    result.Add(new(input.Name, type is "checkbox" or "radio" && !input.HasAttribute("value") ? "on" : input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !area.IsDisabled:
                    result.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    var chosen = select.Options.Where(o => o.IsSelected).ToList();
                    if (chosen.Count == 0 && !select.IsMultiple && select.Options.Length > 0)
                    {
                        chosen.Add(select.Options[0]!);
                    }

                    result.AddRange(chosen.Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    break;
            }
        }

        return result;
    }

    /// <summary>Signs a cookie client in through the sign-in page.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var page = await GetAsync(client, "/account/login");
        using var response = await SubmitAsync(client, page, "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The path and query a redirect points to.</summary>
    public static string Location(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb,
            $"Expected a redirect, got {(int)response.StatusCode}");
        var location = response.Headers.Location ?? throw new InvalidOperationException("The redirect has no Location.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, IDocument page, IHtmlFormElement form, List<KeyValuePair<string, string>> fields)
    {
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(new Uri(page.Url), action).ToString();
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(new Uri(target).PathAndQuery, UriKind.Relative), content);
    }
}
