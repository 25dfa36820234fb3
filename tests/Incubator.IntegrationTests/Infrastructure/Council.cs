using System.Net;
using System.Net.Http.Json;
using Incubator.Web.Features.Account;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Applications taken through screening and the council's score sheets over the API, as staff and reviewers do.</summary>
public static class Council
{
    /// <summary>
    /// Staff assign one new reviewer per sheet and pass screening; each reviewer declares no conflict and scores
    /// (novelty out of 40, feasibility out of 60, as <see cref="ProgrammeData.Definition"/>'s rubric). Returns the
    /// reviewers' e-mails in the order of the sheets.
    /// </summary>
    public static async Task<List<string>> ScoreAsync(SiteFactory site, HttpClient staff, string id, params (int Novelty, int Feasibility)[] sheets)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(sheets);
        var reviewers = new List<(string Email, string Password)>();
        foreach (var _ in sheets)
        {
            reviewers.Add(await site.CreateAccountAsync(Roles.Reviewer));
        }

        using (var assigned = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = reviewers.Select(r => r.Email) }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        for (var i = 0; i < sheets.Length; i++)
        {
            using var reviewer = await site.CreateApiClientAsync(reviewers[i].Email, reviewers[i].Password);
            using var scored = await reviewer.PutAsJsonAsync(
                $"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = sheets[i].Novelty, feasibility = sheets[i].Feasibility } });
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        }

        return [.. reviewers.Select(r => r.Email)];
    }

    /// <summary>A new applicant's application to the programme, submitted and scored by one reviewer at 90: it waits for the leader's decision.</summary>
    public static async Task<(HttpClient Applicant, string Id)> AwaitingDecisionAsync(SiteFactory site, HttpClient staff, string programmeId, long requestedAmount)
    {
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programmeId, requestedAmount);
        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(applicant, id));
        await ScoreAsync(site, staff, id, (35, 55));
        Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        return (applicant, id);
    }
}
