using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Api;

public sealed class OpenApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_describe_the_json_api_when_the_openapi_document_is_asked_for(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await Json.ReadAsync(response);
        Assert.StartsWith("3.", document.Text("openapi"), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/api/directory/{type}", "get"), ("/api/directory/{type}/{slug}", "get"), ("/api/taxonomies/{name}", "get"),
                     ("/api/organisations", "post"), ("/api/organisations", "get"), ("/api/organisations/{id}", "get"), ("/api/organisations/{id}", "put"),
                     ("/api/organisations/{id}/submit", "post"), ("/api/auth/register", "post"), ("/api/auth/login", "post"), ("/api/admin/users", "post"),
                     ("/api/items/{id}/workflow", "get"), ("/api/items/{id}/actions", "post"),
                 })
        {
            Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is not documented");
            Assert.True(operations.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is not documented");
        }

        var parameters = paths.GetProperty("/api/directory/{type}").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.Text("name")).ToList();
        Assert.Equal(["type", "sector", "locality", "stage", "page", "pageSize"], parameters);
        Assert.False(paths.TryGetProperty("/culture", out _));
    }
}
