using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Organisations;

namespace Incubator.IntegrationTests.Applications;

/// <summary>A programme created through the API, and an application submitted to it through the applicant's API.</summary>
public sealed record SubmittedApplication(string Id, string ProgrammeId, string OrganisationName, Applicant Applicant) : IDisposable
{
    public void Dispose() => Applicant.Dispose();
}

/// <summary>Creates programmes and applications the way staff and applicants do, over the site's own APIs.</summary>
public static class SupportData
{
    /// <summary>
    /// <see cref="ProgrammeData.Definition"/> open to startups and enterprises, with a three-field form (summary, own
    /// funds, field) and a pass mark of 50 over the same two criteria (novelty 0–40, feasibility 0–60).
    /// </summary>
    public static JsonObject Programme(string key, long budget = 1_000_000_000)
    {
        var definition = ProgrammeData.Definition(key, budget: budget, maxPerApplication: 500_000_000);
        definition["legalBasis"] = SupportApplications.LegalBasis;
        definition["eligibleKinds"] = new JsonArray("startup", "enterprise");
        definition["form"] = JsonSerializer.SerializeToNode(new object[]
        {
            new { key = "summary", type = "longtext", label = new { vi = "Tóm tắt dự án", en = "Project summary" }, required = true },
            new { key = "ownFunds", type = "money", label = new { vi = "Vốn đối ứng", en = "Own funds" } },
            new
            {
                key = "field", type = "choice", label = new { vi = "Lĩnh vực", en = "Field" },
                options = new[] { new { value = "agri", label = new { vi = "Nông nghiệp công nghệ cao", en = "High-tech agriculture" } } },
            },
        });
        definition["rubric"]!["passMark"] = 50;
        return definition;
    }

    public static async Task<string> CreateProgrammeAsync(SiteFactory site, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var staff = await site.CreateUserAsync("Staff");
        using var response = await staff.PostAsJsonAsync("/api/programmes", Programme(key ?? NewKey()));
        return (await Json.ReadAsync(response, HttpStatusCode.Created)).Text("id");
    }

    public static string NewKey() => $"test-{Guid.NewGuid():N}"[..20];

    /// <summary>A new applicant's startup applies to the programme with <paramref name="summary"/> and submits.</summary>
    public static async Task<SubmittedApplication> SubmitAsync(SiteFactory site, string programmeId, string? organisationName = null, string summary = "Máy sấy nông sản dùng năng lượng mặt trời.")
    {
        ArgumentNullException.ThrowIfNull(site);
        var applicant = await site.CreateApplicantWithBrowserAsync();
        var name = organisationName ?? $"Công ty Đổi Mới {Guid.NewGuid():N}"[..30];
        var organisationId = await OrganisationApiTests.CreateAsync(applicant.Api, "startup", name);
        using var created = await applicant.Api.PostAsJsonAsync("/api/applications", new { programmeId, organisationId });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using var saved = await applicant.Api.PutAsJsonAsync($"/api/applications/{id}", new
        {
            answers = new Dictionary<string, object> { ["summary"] = summary, ["ownFunds"] = 150_000_000, ["field"] = "agri" },
            requestedAmount = 300_000_000,
        });
        await Json.ReadAsync(saved);
        using var submitted = await applicant.Api.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null);
        await Json.ReadAsync(submitted);
        return new SubmittedApplication(id, programmeId, name, applicant);
    }
}
