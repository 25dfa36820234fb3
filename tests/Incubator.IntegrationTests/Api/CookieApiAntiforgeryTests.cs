using System.Net;
using System.Net.Http.Json;
using System.Text;
using Incubator.IntegrationTests.Applications;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Api;

/// <summary>
/// A page of another site can make the browser post to /api with the auth cookie (a form needs no preflight), so an
/// unsafe API call the cookie authenticates must carry the page's antiforgery token in the RequestVerificationToken
/// header; a bearer call needs none.
/// </summary>
public sealed class CookieApiAntiforgeryTests(Sites sites) : IClassFixture<Sites>
{
    private const string Header = "RequestVerificationToken";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_leave_the_draft_when_an_application_is_submitted_with_the_cookie_but_no_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await SupportApplications.CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await SupportApplications.CreateApplicationAsync(applicant.Api, programmeId);
        await SupportApplications.FillCompleteAsync(applicant.Api, id);
        var url = $"/api/applications/{id}/submit";

        foreach (var content in CrossSiteBodies())
        {
            using (content)
            using (var response = await applicant.Browser.PostAsync(new Uri(url, UriKind.Relative), content))
            {
                await AssertRefusedAsync(response);
            }
        }

        Assert.Equal(ApplicationStatuses.Draft, await site.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative));
        request.Headers.Add(Header, await TokenAsync(applicant.Browser));
        using var submitted = await applicant.Browser.SendAsync(request);
        Assert.Equal("submitted", (await Json.ReadAsync(submitted)).Text("status"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_leave_the_milestone_unpaid_when_staff_mark_it_paid_with_the_cookie_but_no_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var first = await AddMilestoneAsync(site, application.Id, "Đợt 1");
        var second = await AddMilestoneAsync(site, application.Id, "Đợt 2");
        using var staff = await site.CreateBrowserUserAsync("Staff");

        foreach (var content in CrossSiteBodies())
        {
            using (content)
            using (var response = await staff.PostAsync(new Uri($"/api/applications/{application.Id}/milestones/{first}/paid", UriKind.Relative), content))
            {
                await AssertRefusedAsync(response);
            }
        }

        Assert.Null(await PaidAsync(site, first));

        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/applications/{application.Id}/milestones/{first}/paid", UriKind.Relative)))
        {
            request.Headers.Add(Header, await TokenAsync(staff));
            using var paid = await staff.SendAsync(request);
            await Json.ReadAsync(paid);
        }

        Assert.NotNull(await PaidAsync(site, first));

        // A bearer token is never sent by the browser on its own, so an API client needs no antiforgery token.
        using var staffApi = await site.CreateUserAsync("Staff");
        using (var paid = await staffApi.PostAsync(new Uri($"/api/applications/{application.Id}/milestones/{second}/paid", UriKind.Relative), null))
        {
            await Json.ReadAsync(paid);
        }

        Assert.NotNull(await PaidAsync(site, second));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_cookie_sign_in_over_the_api_when_it_carries_no_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync("Applicant");
        using var browser = site.CreateBrowserClient();

        // Another site could otherwise sign the visitor into an account of its choosing (login CSRF).
        using (var refused = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password }))
        {
            await AssertRefusedAsync(refused);
            Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("incubator.auth=", StringComparison.Ordinal)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/login?useCookies=true", UriKind.Relative)) { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(Header, await TokenAsync(browser, "/account/login"));
        using (var signedIn = await browser.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        // Bearer sign-in and registration carry no cookie authority and keep working without a token.
        using var anonymous = site.CreateClient();
        using (var bearer = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password }))
        {
            Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        }

        using (var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = $"new-{Guid.NewGuid():N}@test.local", password = "Applicant-Password-1" }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }
    }

    /// <summary>What a page of another site can make the browser send without a preflight, plus JSON without the header.</summary>
    private static List<HttpContent> CrossSiteBodies() =>
    [
        new FormUrlEncodedContent([new("status", "submitted")]),
        new StringContent("{\"x\":1}", Encoding.UTF8, "text/plain"),
        new MultipartFormDataContent { { new StringContent("1"), "x" } },
        JsonContent.Create(new { x = 1 }),
    ];

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"Expected 400 or 403, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RequestVerificationToken", body, StringComparison.Ordinal);
    }

    /// <summary>The user's own token, from a form on a page they can open (the sign-out form is on every page of theirs).</summary>
    private static async Task<string> TokenAsync(HttpClient browser, string url = "/")
    {
        var page = await Forms.GetAsync(browser, url);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException($"No antiforgery token on {url}.");
    }

    private static Task<long> AddMilestoneAsync(SiteFactory site, string applicationId, string title) =>
        site.QueryAsync(async db =>
        {
            var milestone = new DisbursementMilestone { ApplicationId = applicationId, Title = title, Amount = 10_000_000, DueOn = new DateOnly(2030, 1, 1) };
            db.DisbursementMilestones.Add(milestone);
            await db.SaveChangesAsync();
            return milestone.Id;
        });

    private static Task<DateTime?> PaidAsync(SiteFactory site, long milestoneId) =>
        site.QueryAsync(db => db.DisbursementMilestones.Where(m => m.Id == milestoneId).Select(m => m.PaidUtc).SingleAsync());
}
