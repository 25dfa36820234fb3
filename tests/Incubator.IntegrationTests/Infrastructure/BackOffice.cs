using System.Net;
using AngleSharp.Html.Dom;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>A content item as the back office names it.</summary>
public sealed record ContentRef(string Type, string Id, string Slug);

/// <summary>Drives the back office's content forms with a signed-in staff cookie client, as staff do in a browser.</summary>
public static class BackOffice
{
    /// <summary>Creates an item of <paramref name="type"/> (its route: "pages", "startups"...) through /admin/content/{type}/new.</summary>
    public static async Task<ContentRef> CreateAsync(HttpClient staff, string type, IReadOnlyDictionary<string, string[]> fields, bool publish)
    {
        var page = await Forms.GetAsync(staff, $"/admin/content/{type}/new");
        using var response = await Forms.FillAndSubmitAsync(staff, page, "main form", fields, "then", publish ? "publish" : "save");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Creating a {type} returned {(int)response.StatusCode}: {await ErrorsAsync(response)}");
        var id = Forms.Location(response).Split('/')[^1];
        return new ContentRef(type, id, await SlugAsync(staff, type, id));
    }

    /// <summary>Changes some fields of an item through its edit form, leaving the others as the form shows them.</summary>
    public static async Task EditAsync(HttpClient staff, ContentRef item, IReadOnlyDictionary<string, string[]> fields, bool publish)
    {
        ArgumentNullException.ThrowIfNull(item);
        var page = await Forms.GetAsync(staff, $"/admin/content/{item.Type}/{item.Id}");
        using var response = await Forms.FillAndSubmitAsync(staff, page, "main form", fields, "then", publish ? "publish" : "save");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Editing {item} returned {(int)response.StatusCode}: {await ErrorsAsync(response)}");
    }

    public static Task PublishAsync(HttpClient staff, ContentRef item) => ActAsync(staff, item, "Publish", $"/admin/content/{item.Type}");

    public static Task UnpublishAsync(HttpClient staff, ContentRef item) => ActAsync(staff, item, "Unpublish", $"/admin/content/{item.Type}/{item.Id}");

    public static Task DeleteAsync(HttpClient staff, ContentRef item) => ActAsync(staff, item, "Delete", $"/admin/content/{item.Type}/{item.Id}");

    /// <summary>The slug the edit page shows for an item.</summary>
    public static async Task<string> SlugAsync(HttpClient staff, string type, string id)
    {
        var page = await Forms.GetAsync(staff, $"/admin/content/{type}/{id}");
        return (page.QuerySelector("#f-slug") as IHtmlInputElement)?.Value ?? throw new InvalidOperationException("The edit page shows no slug.");
    }

    /// <summary>Posts one of the action buttons (Publish, Unpublish, Delete) found on the list or edit page.</summary>
    private static async Task ActAsync(HttpClient staff, ContentRef item, string handler, string pageUrl)
    {
        var page = await Forms.GetAsync(staff, pageUrl);
        var selector = $"form[action*='/{item.Id}?handler={handler}']";
        using var response = await Forms.SubmitAsync(staff, page, selector, []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return string.Empty;
        }

        var page = await Forms.ParseAsync(response);
        return string.Join(" | ", page.QuerySelectorAll(".field-error, .notice").Select(e => e.TextContent.Trim()));
    }
}
