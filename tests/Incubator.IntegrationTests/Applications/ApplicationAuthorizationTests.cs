using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Applications;

/// <summary>Every application endpoint, asked by each kind of caller who may not use it: refused, and nothing changes.</summary>
public sealed class ApplicationAuthorizationTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_every_application_endpoint_to_callers_without_a_right_to_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("authz-" + Guid.NewGuid().ToString("N")[..8]));
        var (owner, _, id) = await ProgrammeData.DraftAsync(site, programme);
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using var reviewer = await site.CreateUserAsync(Roles.Reviewer);
        using var leader = await site.CreateUserAsync(Roles.Leader);
        using var anonymous = site.CreateClient();
        var before = await site.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));

        var calls = new (string Method, string Url, object? Body)[]
        {
            ("GET", $"/api/applications/{id}", null),
            ("PUT", $"/api/applications/{id}", new { answers = new { summary = "Đổi trộm" } }),
            ("POST", $"/api/applications/{id}/submit", null),
            ("GET", $"/api/applications/{id}/reviews/mine", null),
            ("PUT", $"/api/applications/{id}/reviews/mine", new { noConflict = true }),
            ("GET", $"/api/applications/{id}/milestones", null),
            ("POST", $"/api/applications/{id}/reports", new { kind = "progress", text = "x" }),
            ("GET", $"/api/items/{id}/workflow", null),
        };
        var staffOnly = new (string Method, string Url, object? Body)[]
        {
            ("GET", "/api/applications", null),
            ("POST", $"/api/applications/{id}/reviewers", new { automatic = 1 }),
            ("POST", $"/api/applications/{id}/milestones", new { title = "x", amount = 1, dueOn = "2026-01-01" }),
            ("POST", "/api/programmes", ProgrammeData.Definition("nope-" + Guid.NewGuid().ToString("N")[..8])),
        };

        foreach (var (method, url, body) in calls)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(anonymous, method, url, body));
            Assert.Equal(HttpStatusCode.NotFound, await SendAsync(stranger, method, url, body));
            Assert.Equal(HttpStatusCode.NotFound, await SendAsync(reviewer, method, url, body));
        }

        foreach (var (method, url, body) in staffOnly)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(anonymous, method, url, body));
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(stranger, method, url, body));
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(reviewer, method, url, body));
            if (method == "POST" && !url.EndsWith("/api/applications", StringComparison.Ordinal))
            {
                Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(leader, method, url, body));
            }
        }

        var after = await site.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((before.RowVersion, before.AnswersJson, before.Status), (after.RowVersion, after.AnswersJson, after.Status));
        Assert.Equal(0, await site.QueryAsync(db => db.Reviews.CountAsync(r => r.ApplicationId == id)));
        owner.Dispose();
        stranger.Dispose();
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url, object? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
