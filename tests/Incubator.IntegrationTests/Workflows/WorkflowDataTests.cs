using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Workflows;

/// <summary>
/// An action's data as JSON of the types its outcome declares: numbers for money, arrays for lists; a value of another
/// JSON type is a 400 naming data.&lt;name&gt; and changes nothing.
/// </summary>
public sealed class WorkflowDataTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_reopen_the_fields_listed_when_staff_request_information_with_a_json_array(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("list-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        using var _ = applicant;
        await ProgrammeData.SubmitAsync(applicant, id);

        var number = await ActAsync(staff, id, "request-information", "Bổ sung", new { fields = 5 }, HttpStatusCode.BadRequest);
        var numbers = await ActAsync(staff, id, "request-information", "Bổ sung", new { fields = new[] { 1, 2 } }, HttpStatusCode.BadRequest);
        Assert.Equal("submitted", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        await ActAsync(staff, id, "request-information", "Bổ sung", new { fields = new[] { "summary", "requestedAmount" } });

        Assert.Equal([Texts.Vi("Must be a list of texts.")], number.Errors("data.fields"));
        Assert.Equal([Texts.Vi("Must be a list of texts.")], numbers.Errors("data.fields"));
        var application = await Json.GetAsync(applicant, $"/api/applications/{id}");
        Assert.Equal("information-requested", application.Text("status"));
        Assert.Equal(["summary", "requestedAmount"], application.GetProperty("reopenedFields").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_record_the_decision_when_the_leader_sends_the_approved_amount_as_a_json_number(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var leader = await site.CreateUserAsync(Roles.Leader);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("number-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme, requestedAmount: 250_000_000);
        using var _ = applicant;
        await ProgrammeData.SubmitAsync(applicant, id);
        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using var reviewer = await site.CreateApiClientAsync(email, password);
        using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
        {
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        using (var scored = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 35, feasibility = 55 } }))
        {
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        }

        var boolean = await ActAsync(leader, id, "approve", null, new { decisionNumber = "7/QĐ-SKHCN", decisionDate = ProgrammeData.Today(site), approvedAmount = true }, HttpStatusCode.BadRequest);
        var fraction = await ActAsync(leader, id, "approve", null, new { decisionNumber = "7/QĐ-SKHCN", decisionDate = ProgrammeData.Today(site), approvedAmount = 1.5 }, HttpStatusCode.BadRequest);
        var dateNumber = await ActAsync(leader, id, "approve", null, new { decisionNumber = 7, decisionDate = 20260601, approvedAmount = 200_000_000 }, HttpStatusCode.BadRequest);
        Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        await ActAsync(leader, id, "approve", null, new { decisionNumber = "7/QĐ-SKHCN", decisionDate = ProgrammeData.Today(site), approvedAmount = 200_000_000 });

        Assert.Equal([Texts.Vi("Must be a non-negative whole number of đồng.")], boolean.Errors("data.approvedAmount"));
        Assert.Equal([Texts.Vi("Must be a non-negative whole number of đồng.")], fraction.Errors("data.approvedAmount"));
        Assert.Equal([Texts.Vi("Must be a date as yyyy-MM-dd.")], dateNumber.Errors("data.decisionDate"));
        Assert.Equal([Texts.Vi("Must be text.")], dateNumber.Errors("data.decisionNumber"));
        var decision = (await Json.GetAsync(applicant, $"/api/applications/{id}")).GetProperty("decision");
        Assert.Equal((200_000_000L, "7/QĐ-SKHCN"), (decision.GetProperty("approvedAmount").GetInt64(), decision.Text("number")));
        Assert.Equal(200_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
    }

    /// <summary>Takes the action on the item's current version and returns the answer's body, after checking its status.</summary>
    private static async Task<JsonElement> ActAsync(HttpClient client, string id, string action, string? comment, object data, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var state = await Json.GetAsync(client, $"/api/items/{id}/workflow");
        using var response = await client.PostAsJsonAsync($"/api/items/{id}/actions", new { action, version = state.GetProperty("version").GetInt32(), comment, data });
        return await Json.ReadAsync(response, expected);
    }
}
