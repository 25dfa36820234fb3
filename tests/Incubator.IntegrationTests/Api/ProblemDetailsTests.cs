using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Workflows;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Api;

/// <summary>
/// Every error of the API is ProblemDetails: a body that is not JSON, or holds a value of the wrong JSON type, is a 400
/// naming the path of the value and what was expected there, in the caller's language, and changes nothing.
/// </summary>
public sealed class ProblemDetailsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_value_and_what_was_expected_and_change_nothing_when_a_workflow_action_has_mistyped_json(DatabaseProvider provider)
    {
        var site = sites[provider];
        var item = await Given.SubmittedProfileAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var url = $"/api/items/{item.Id}/actions";

        var malformed = await ProblemAsync(await PostRawAsync(staff, url, "{\"action\": \"approve\", \"version\": }"));
        var stringForNumber = await ProblemAsync(await PostRawAsync(staff, url, "{\"action\": \"approve\", \"version\": \"one\"}"));
        var numberForString = await ProblemAsync(await PostRawAsync(staff, url, "{\"action\": 5, \"version\": 1}"));
        var arrayForObject = await ProblemAsync(await PostRawAsync(staff, url, "{\"action\": \"approve\", \"version\": 1, \"data\": [1, 2]}"));
        var bodyAsArray = await ProblemAsync(await PostRawAsync(staff, url, "[1]"));

        var notJson = Texts.Vi("The body is not valid JSON: look at line {0}, character {1}.");
        Assert.StartsWith(notJson[..notJson.IndexOf("{0}", StringComparison.Ordinal)], malformed.GetProperty("errors").EnumerateObject().Single().Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal([Texts.Vi("Expected a whole number here.")], stringForNumber.Errors("version"));
        Assert.Equal([Texts.Vi("Expected text here.")], numberForString.Errors("action"));
        Assert.Equal([Texts.Vi("Expected a JSON object here.")], arrayForObject.Errors("data"));
        Assert.Equal([Texts.Vi("Expected a JSON object here.")], bodyAsArray.Errors("$"));
        Assert.Equal(Texts.Vi("One or more validation errors occurred."), numberForString.Text("title"));
        var state = await Json.GetAsync(staff, $"/api/items/{item.Id}/workflow");
        Assert.Equal(("waiting", 1), (state.Text("status"), state.GetProperty("version").GetInt32()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_what_was_expected_in_english_when_the_caller_reads_english(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var client = applicant;
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var problem = await ProblemAsync(await PostRawAsync(client, "/api/organisations", "{\"kind\": \"startup\", \"name\": 12, \"summary\": \"Nông sản\"}"));
        var sectors = await ProblemAsync(await PostRawAsync(client, "/api/organisations", "{\"kind\": \"startup\", \"name\": \"A\", \"sectors\": \"agri\"}"));

        Assert.Equal(["Expected text here."], problem.Errors("name"));
        Assert.Equal(["Expected a list here."], sectors.Errors("sectors"));
        Assert.Equal(0, (await Json.GetAsync(client, "/api/organisations")).GetArrayLength());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_mistyped_programme_or_application_with_the_path_of_the_value(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var key = "typed-" + Guid.NewGuid().ToString("N")[..8];
        var definition = ProgrammeData.Definition(key);
        definition["budget"] = "lots";

        using var programme = await staff.PostAsJsonAsync("/api/programmes", definition);
        var refused = await ProblemAsync(programme);
        var (programmeId, _, _) = await SupportApplications.CreateProgrammeAsync(site);
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var client = applicant;
        var created = await ProblemAsync(await PostRawAsync(client, "/api/applications", $"{{\"programmeId\": \"{programmeId}\", \"organisationId\": [\"x\"]}}"));

        Assert.Equal([Texts.Vi("Expected a whole number here.")], refused.Errors("budget"));
        Assert.False(await site.QueryAsync(db => db.Programmes.AnyAsync(p => p.Slug == key)));
        Assert.Equal([Texts.Vi("Expected text here.")], created.Errors("organisationId"));
        Assert.False(await site.QueryAsync(db => db.Applications.AnyAsync(a => a.ProgrammeId == programmeId)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_problem_details_when_the_api_has_no_such_address_method_or_media_type(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var client = applicant;

        using var missing = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        using var method = await client.DeleteAsync(new Uri("/api/programmes", UriKind.Relative));
        using var text = new StringContent("kind=startup", Encoding.UTF8, "text/plain");
        using var media = await client.PostAsync(new Uri("/api/organisations", UriKind.Relative), text);
        using var anonymous = site.CreateClient();
        using var unauthenticated = await anonymous.GetAsync(new Uri("/api/organisations", UriKind.Relative));

        foreach (var (response, status) in new[] { (missing, HttpStatusCode.NotFound), (method, HttpStatusCode.MethodNotAllowed), (media, HttpStatusCode.UnsupportedMediaType), (unauthenticated, HttpStatusCode.Unauthorized) })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(Texts.Vi("Not Found"), JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.Text("title"));
    }

    internal static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>The 400 problem of the response, after checking its status and media type.</summary>
    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var problem = await Json.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return problem;
        }
    }
}
