using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Features.Records;
using Incubator.Web.Features.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Records;

/// <summary>Drives the records' back-office forms as staff do, and runs Records recipe steps.</summary>
internal static class RecordData
{
    /// <summary>Fills the new-record form of a kind and expects the redirect to its list.</summary>
    public static async Task CreateAsync(HttpClient staff, string kind, Dictionary<string, string[]> fields)
    {
        using var response = await PostNewAsync(staff, kind, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Creating a {kind} record returned {(int)response.StatusCode}: {await ErrorsAsync(response)}");
        Assert.Equal($"/admin/records/{kind}", Forms.Location(response));
    }

    public static async Task<HttpResponseMessage> PostNewAsync(HttpClient staff, string kind, Dictionary<string, string[]> fields)
    {
        var page = await Forms.GetAsync(staff, $"/admin/records/{kind}/new");
        return await Forms.FillAndSubmitAsync(staff, page, "form#record-form", fields);
    }

    /// <summary>The refused form's messages by field key, after checking that it says something is wrong.</summary>
    public static async Task<Dictionary<string, string>> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal(Texts.Vi("Please correct the fields marked below."), page.QuerySelector("main .notice")?.TextContent.Trim());
        return page.QuerySelectorAll("#record-form .field").Where(f => f.QuerySelector(".field-error") is not null)
            .ToDictionary(f => f.GetAttribute("data-field")!, f => f.QuerySelector(".field-error")!.TextContent.Trim(), StringComparer.Ordinal);
    }

    public static async Task<RecipeRunResult> RunAsync(SiteFactory site, string stepJson)
    {
        using var scope = site.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        var result = await runner.RunAsync($$"""{ "name": "records-test", "steps": [ { "name": "Records", {{stepJson}} } ] }""");
        return new RecipeRunResult(result.Changed);
    }

    internal sealed record RecipeRunResult(int Changed);

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return string.Empty;
        }

        var page = await Forms.ParseAsync(response);
        return string.Join(" | ", page.QuerySelectorAll(".field-error, .notice").Select(e => e.TextContent.Trim()));
    }

    /// <summary>Every label a kind shows, so a test can check each has a Vietnamese text.</summary>
    public static IEnumerable<string> Labels() => RecordKinds.All.SelectMany(k =>
        new[] { k.Title, k.Singular, k.YearLabel }.Concat(k.Fields.Select(f => f.Label)).Concat(k.Fields.SelectMany(f => f.Choices.Select(c => c.Label))));
}
