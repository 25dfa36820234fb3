using System.Net;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Staff's moderation queue (/admin/moderation), driven through the workflow action forms it shows.</summary>
public static class Moderation
{
    public static async Task ApproveAsync(HttpClient staff, string id)
    {
        var queue = await Forms.GetAsync(staff, "/admin/moderation");
        using var response = await Forms.SubmitAsync(staff, queue, $"section.moderation-item[data-id='{id}'] form.workflow-action[data-action='approve']", []);
        Assert.Equal("/admin/moderation", Forms.Location(response));
        var after = await Forms.GetAsync(staff, "/admin/moderation");
        Assert.Null(after.QuerySelector("p.notice[role=alert]")?.TextContent);
    }

    /// <summary>Sends the profile back with a comment; returns the moderation page shown afterwards.</summary>
    public static async Task<AngleSharp.Dom.IDocument> ReturnAsync(HttpClient staff, string id, string comment)
    {
        var queue = await Forms.GetAsync(staff, "/admin/moderation");
        using var response = await Forms.SubmitAsync(staff, queue, $"section.moderation-item[data-id='{id}'] form.workflow-action[data-action='return']", [new("comment", comment)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Forms.GetAsync(staff, Forms.Location(response));
    }
}
