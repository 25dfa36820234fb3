using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Admin;

public sealed class BackOfficeAccessTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly string[] BackOfficePages =
    [
        "/admin", "/admin/moderation", "/admin/users", "/admin/content/startups", "/admin/content/enterprises", "/admin/content/mentors",
        "/admin/content/organisations", "/admin/content/pages", "/admin/content/news", "/admin/content/pages/new", "/admin/workflows/calendar",
        "/admin/programmes", "/admin/programmes/new", "/admin/applications", "/admin/people", "/admin/people/new",
    ];

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_an_anonymous_visitor_to_the_sign_in_page_when_they_open_the_back_office(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        foreach (var url in BackOfficePages)
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            var location = Forms.Location(response);
            Assert.StartsWith("/account/login?ReturnUrl=", location, StringComparison.Ordinal);
            Assert.Contains(Uri.EscapeDataString(url), location, StringComparison.Ordinal);
            Assert.DoesNotContain("nav class=\"side\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_deny_an_applicant_every_back_office_page_when_they_are_signed_in(DatabaseProvider provider)
    {
        using var applicant = await sites[provider].CreateBrowserUserAsync("Applicant");
        foreach (var url in BackOfficePages)
        {
            using var response = await applicant.GetAsync(new Uri(url, UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
            Assert.DoesNotContain("nav class=\"side\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var denied = await applicant.GetAsync(new Uri("/account/denied", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var page = await Forms.ParseAsync(denied);
        Assert.Equal(Texts.Vi("Access denied"), page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("nav.side"));
    }

    /// <summary>
    /// Every page whose address is under /admin, wherever its feature keeps it, found from the site's own endpoints
    /// rather than a list: a page added to a feature's Admin folder is covered without anyone adding it here.
    /// </summary>
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_an_anonymous_visitor_and_an_applicant_when_they_open_any_admin_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var pages = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null
                        && ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(pages.Count >= 25, $"only {pages.Count} pages under /admin were found");

        var loader = site.Services.GetRequiredService<PageLoader>();
        using var visitor = site.CreateBrowserClient();
        using var applicant = await site.CreateBrowserUserAsync("Applicant");
        foreach (var page in pages)
        {
            var descriptor = page.Metadata.GetRequiredMetadata<PageActionDescriptor>();
            var compiled = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, page.Metadata);
            var needs = compiled.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(needs.Contains(Policies.BackOffice), $"{page.RoutePattern.RawText} does not need {Policies.BackOffice} to open");

            var url = HandlerPermissionsTests.FillRoute(page.RoutePattern);
            using var anonymous = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(Forms.Location(anonymous).StartsWith("/account/login?ReturnUrl=", StringComparison.Ordinal), $"{url}: an anonymous visitor was not sent to sign in");
            using var applicants = await applicant.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(Forms.Location(applicants).StartsWith("/account/denied", StringComparison.Ordinal), $"{url}: an applicant was not denied");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_nothing_when_an_applicant_posts_a_back_office_form(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateBrowserUserAsync("Applicant");
        var title = $"Sneaky {Guid.NewGuid():N}";

        // A valid antiforgery token of the applicant's own, from a page they may open.
        var page = await Forms.GetAsync(applicant, "/my/organisations/new/startup");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Title", title), new("Body", "Body."), new("then", "publish")]);
        using var posted = await applicant.PostAsync(new Uri("/admin/content/pages/new", UriKind.Relative), content);

        Assert.StartsWith("/account/denied", Forms.Location(posted), StringComparison.Ordinal);
        Assert.False(await site.QueryAsync(db => db.SitePages.AnyAsync(p => p.Title == title)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_open_the_back_office_but_not_the_users_when_staff_sign_in(DatabaseProvider provider)
    {
        using var staff = await sites[provider].CreateBrowserUserAsync("Staff");
        foreach (var url in BackOfficePages.Where(u => u != "/admin/users"))
        {
            using var response = await staff.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} returned {(int)response.StatusCode}");
            var page = await Forms.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("nav.side a[href='/admin/moderation']"));
            Assert.Null(page.QuerySelector("nav.side a[href='/admin/users']"));
        }

        var dashboard = await Forms.GetAsync(staff, "/admin");
        Assert.NotNull(dashboard.QuerySelector("#submitted-count"));
        using var users = await staff.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.StartsWith("/account/denied", Forms.Location(users), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_open_the_back_office_when_a_leader_signs_in(DatabaseProvider provider)
    {
        using var leader = await sites[provider].CreateBrowserUserAsync("Leader");
        using var response = await leader.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var users = await leader.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.StartsWith("/account/denied", Forms.Location(users), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_deny_reviewers_and_mentors_the_back_office_when_they_sign_in(DatabaseProvider provider)
    {
        foreach (var role in new[] { "Reviewer", "Mentor" })
        {
            using var user = await sites[provider].CreateBrowserUserAsync(role);
            using var response = await user.GetAsync(new Uri("/admin", UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_when_staff_open_an_unknown_content_type_or_item(DatabaseProvider provider)
    {
        using var staff = await sites[provider].CreateBrowserUserAsync("Staff");
        foreach (var url in new[] { "/admin/content/unicorns", "/admin/content/unicorns/new", $"/admin/content/pages/{Guid.NewGuid():N}" })
        {
            using var response = await staff.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} returned {(int)response.StatusCode}");
        }
    }
}
