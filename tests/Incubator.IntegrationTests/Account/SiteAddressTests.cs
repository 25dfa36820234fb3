using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

/// <summary>Links in e-mails carry Site:BaseUrl, whatever Host or X-Forwarded-Host a request claims.</summary>
public sealed class SiteAddressTests
{
    private const string BaseUrl = "https://dmst.example.gov.vn";

    private static SiteFactory Site(DatabaseProvider provider) =>
        new(provider, new Dictionary<string, string?> { ["Site:BaseUrl"] = BaseUrl });

    private static HttpRequestMessage Forged(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Host = "attacker.example";
        request.Headers.Add("X-Forwarded-Host", "attacker.example");
        request.Headers.Add("X-Forwarded-Proto", "http");
        return request;
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_put_the_configured_address_in_the_reset_link_when_the_host_is_forged(DatabaseProvider provider)
    {
        using var site = Site(provider);
        var (email, _) = await site.CreateAccountAsync(Incubator.Web.Features.Account.Roles.Applicant);
        using var client = site.CreateBrowserClient();
        var form = await Forms.GetAsync(client, "/account/forgot-password");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = Forged(HttpMethod.Post, "/account/forgot-password",
            new FormUrlEncodedContent([new("Email", email), new("__RequestVerificationToken", token)]));
        using var response = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var body = await site.LastEmailAsync(email);
        Assert.DoesNotContain("attacker", body, StringComparison.OrdinalIgnoreCase);
        var link = Mailbox.Link(body, "/account/reset-password");
        Assert.Equal($"{BaseUrl}/account/reset-password", link.GetLeftPart(UriPartial.Path));

        // The link works: its path and query on this site reset the password.
        var reset = await Forms.GetAsync(client, link.PathAndQuery);
        using var done = await Forms.SubmitAsync(client, reset, "main form", [new("Password", "New-Password-2")]);
        Assert.NotNull((await Forms.ParseAsync(done)).QuerySelector("p.success"));
        using var signIn = site.CreateBrowserClient();
        await Forms.SignInAsync(signIn, email, "New-Password-2");
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_a_working_confirmation_link_on_the_configured_address_when_the_api_registers_with_a_forged_host(DatabaseProvider provider)
    {
        using var site = Site(provider);
        using var client = site.CreateClient();
        var email = $"forged-{Guid.NewGuid():N}@test.local";
        using (var response = await client.SendAsync(Forged(HttpMethod.Post, "/api/auth/register", JsonContent.Create(new { email, password = "Forged-Password-1" }))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var resend = await client.SendAsync(Forged(HttpMethod.Post, "/api/auth/resendConfirmationEmail", JsonContent.Create(new { email }))))
        {
            Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        }

        var bodies = await site.QueryAsync(db => db.OutboxEmails.Where(e => e.To == email).Select(e => e.HtmlBody).ToListAsync());
        Assert.Equal(2, bodies.Count);
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("attacker", body, StringComparison.OrdinalIgnoreCase);
            Assert.Equal($"{BaseUrl}/account/confirm-email", Mailbox.Link(body, "/account/confirm-email").GetLeftPart(UriPartial.Path));
        }

        // Clicked, the link confirms the address (it used to be HTML-encoded twice and answer 400).
        var page = await client.GetStringAsync(Mailbox.Link(bodies[^1], "/account/confirm-email").PathAndQuery);
        Assert.Contains("class=\"success\"", page, StringComparison.Ordinal);
        Assert.True(await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Forged-Password-1" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_link_workflow_notices_to_the_configured_address_when_staff_act_from_a_forged_host(DatabaseProvider provider)
    {
        using var site = Site(provider);
        var (email, _) = await site.CreateAccountAsync(Incubator.Web.Features.Account.Roles.Staff);
        var (api, _, _) = await site.CreateApplicantAsync();
        using var applicant = api;
        using var created = await applicant.SendAsync(Forged(HttpMethod.Post, "/api/organisations",
            JsonContent.Create(new { kind = "startup", name = "Khởi nghiệp liên kết", summary = "Nông nghiệp số" })));
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using (var submitted = await applicant.SendAsync(Forged(HttpMethod.Post, $"/api/organisations/{id}/submit")))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        // Submitting a profile notifies staff, by e-mail with a link to the moderation queue.
        var body = await site.LastEmailAsync(email);
        Assert.DoesNotContain("attacker", body, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(BaseUrl + "/", Mailbox.Link(body, "/admin").AbsoluteUri, StringComparison.Ordinal);
    }
}
