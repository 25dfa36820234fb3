using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Incubator.IntegrationTests.Infrastructure;

/// <summary>Programmes and applications made through the API, as staff and applicants make them.</summary>
public static class ProgrammeData
{
    /// <summary>A programme definition in the documented shape; <paramref name="change"/> edits it before it is sent.</summary>
    public static JsonObject Definition(string key, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, long budget = 2_000_000_000, long maxPerApplication = 300_000_000) => new()
    {
        ["key"] = key,
        ["name"] = new JsonObject { ["vi"] = "Hỗ trợ khởi nghiệp đổi mới sáng tạo " + key, ["en"] = "Innovative startup support " + key },
        ["legalBasis"] = "Kế hoạch 62/KH-UBND ngày 11/01/2024",
        ["supportType"] = "innovative-startup",
        ["eligibleKinds"] = new JsonArray("startup"),
        ["rounds"] = new JsonArray(new JsonObject
        {
            ["key"] = "2026-1",
            ["opensAt"] = (opensAt ?? DateTimeOffset.UtcNow.AddDays(-1)).ToString("o"),
            ["closesAt"] = (closesAt ?? DateTimeOffset.UtcNow.AddDays(30)).ToString("o"),
        }),
        ["budget"] = budget,
        ["maxPerApplication"] = maxPerApplication,
        ["coFundingShare"] = 0.3,
        ["form"] = new JsonArray(
            new JsonObject { ["key"] = "summary", ["type"] = "longtext", ["label"] = new JsonObject { ["vi"] = "Tóm tắt dự án", ["en"] = "Project summary" }, ["required"] = true },
            new JsonObject { ["key"] = "employees", ["type"] = "number", ["label"] = new JsonObject { ["vi"] = "Số lao động" } },
            new JsonObject
            {
                ["key"] = "field", ["type"] = "choice", ["label"] = new JsonObject { ["vi"] = "Lĩnh vực" }, ["required"] = true,
                ["options"] = new JsonArray(
                    new JsonObject { ["value"] = "agri", ["label"] = new JsonObject { ["vi"] = "Nông nghiệp" } },
                    new JsonObject { ["value"] = "it", ["label"] = new JsonObject { ["vi"] = "Công nghệ thông tin" } }),
            },
            new JsonObject { ["key"] = "plan", ["type"] = "file", ["label"] = new JsonObject { ["vi"] = "Kế hoạch kinh doanh" } }),
        ["rubric"] = new JsonObject
        {
            ["passMark"] = 70,
            ["criteria"] = new JsonArray(
                new JsonObject { ["key"] = "novelty", ["label"] = new JsonObject { ["vi"] = "Tính mới", ["en"] = "Novelty" }, ["maxPoints"] = 40 },
                new JsonObject { ["key"] = "feasibility", ["label"] = new JsonObject { ["vi"] = "Tính khả thi", ["en"] = "Feasibility" }, ["maxPoints"] = 60 }),
        },
        ["workflow"] = "support-approval",
    };

    public static async Task<string> CreateProgrammeAsync(HttpClient staff, JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(staff);
        using var response = await staff.PostAsJsonAsync("/api/programmes", definition);
        return (await Json.ReadAsync(response, HttpStatusCode.Created)).Text("id");
    }

    /// <summary>A new applicant with a startup, and a draft application of it to the programme with valid answers.</summary>
    public static async Task<(HttpClient Applicant, string OrganisationId, string ApplicationId)> DraftAsync(SiteFactory site, string programmeId, long requestedAmount = 200_000_000)
    {
        ArgumentNullException.ThrowIfNull(site);
        var (applicant, _, _) = await site.CreateApplicantAsync();
        var organisationId = await Organisations.OrganisationApiTests.CreateAsync(applicant, "startup", $"Nông sản sạch {Guid.NewGuid():N}");
        using var created = await applicant.PostAsJsonAsync("/api/applications", new { programmeId, organisationId });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using var saved = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Chuỗi giá trị nông sản", field = "agri", employees = 12 }, requestedAmount });
        await Json.ReadAsync(saved);
        return (applicant, organisationId, id);
    }

    public static async Task<HttpStatusCode> SubmitAsync(HttpClient applicant, string id)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        using var response = await applicant.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null);
        return response.StatusCode;
    }

    /// <summary>
    /// Today in Vietnam on the site's clock (yyyy-MM-dd), a date a decision may carry: it may be neither in the future
    /// nor before the application was submitted.
    /// </summary>
    public static string Today(SiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Incubator.Core.Time.VietnamTime.FormatIsoDate(DateOnly.FromDateTime(Incubator.Core.Time.VietnamTime.ToLocal(site.Clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>Takes a workflow action on the item's current version; returns the response status.</summary>
    public static async Task<HttpStatusCode> ActAsync(HttpClient client, string id, string action, string? comment = null, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var state = await Json.GetAsync(client, $"/api/items/{id}/workflow");
        using var response = await client.PostAsJsonAsync($"/api/items/{id}/actions", new { action, version = state.GetProperty("version").GetInt32(), comment, data });
        return response.StatusCode;
    }
}
