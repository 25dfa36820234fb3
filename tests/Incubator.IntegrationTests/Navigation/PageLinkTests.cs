using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Navigation;

/// <summary>
/// Links come from the pages' routes (asp-page, Url.Page, LinkGenerator). A page name the routes do not know gives an
/// empty href rather than an error, so these tests walk the site and look for exactly that, and check that the
/// addresses the links give are the ones the site has always had.
/// </summary>
public sealed class PageLinkTests(Sites sites) : IClassFixture<Sites>
{
    /// <summary>How many pages one walk opens at most, so a site with much content still tests quickly.</summary>
    private const int MaxPages = 120;

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_render_no_empty_link_and_open_every_linked_page_when_an_administrator_and_an_applicant_walk_the_site(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await Given.OpenProgrammeAsync(site);
        using var application = await Given.SubmittedApplicationAsync(site, programmeId);
        var profile = await Given.SubmittedProfileAsync(site);
        using var owner = profile.Owner;
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);

        var adminPages = await WalkAsync(admin,
        [
            "/", "/programmes", "/news", "/directory/startups", "/targets", "/search?q=a", "/admin", "/admin/moderation", "/admin/applications",
            $"/admin/applications/{application.Id}", "/admin/programmes", $"/admin/programmes/{programmeId}", $"/admin/programmes/{programmeId}/ranking",
            "/admin/workflows", "/admin/workflows/instances", $"/admin/workflows/instances/{profile.InstanceId}", "/admin/content/pages",
            "/admin/content/pages/new", "/admin/targets", "/admin/search", "/admin/recipes", "/notifications",
        ]);
        var applicantPages = await WalkAsync(application.Applicant.Browser, ["/my/applications", $"/my/applications/{application.Id}", "/my/organisations"]);
        Assert.True(adminPages >= 30, $"the administrator's walk opened only {adminPages} pages");
        Assert.True(applicantPages >= 4, $"the applicant's walk opened only {applicantPages} pages");
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_site_addresses_when_links_come_from_the_page_routes(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await Given.OpenProgrammeAsync(site);
        using var application = await Given.SubmittedApplicationAsync(site, programmeId);
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);

        var dashboard = await Forms.GetAsync(admin, "/admin");
        Assert.NotNull(dashboard.QuerySelector("a[href='/admin/moderation']"));
        Assert.NotNull(dashboard.QuerySelector("a[href='/admin/applications?status=submitted']"));
        Assert.NotNull(dashboard.QuerySelector("ul.counts a[href='/admin/content/pages']"));
        Assert.NotNull(dashboard.QuerySelector("ul.counts a[href='/admin/programmes']"));
        Assert.NotNull(dashboard.QuerySelector("header a.brand[href='/admin']"));
        Assert.NotNull(dashboard.QuerySelector("header form[action='/culture']"));
        Assert.NotNull(dashboard.QuerySelector("header form[action='/account/logout']"));

        // Staff screen a submitted application, so its page shows them the workflow's actions.
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var shown = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        Assert.NotNull(shown.QuerySelector("a[href='/admin/applications']"));
        Assert.NotNull(shown.QuerySelector($"a[href='/admin/programmes/{programmeId}']"));
        var act = shown.QuerySelector("form.workflow-action");
        Assert.NotNull(act);
        Assert.Equal("/admin/workflows/act", act.GetAttribute("action"));
        Assert.Equal($"/admin/applications/{application.Id}", act.QuerySelector("input[name=returnUrl]")?.GetAttribute("value"));

        var programmes = await Forms.GetAsync(admin, "/admin/programmes");
        Assert.NotNull(programmes.QuerySelector("a[href='/admin/programmes/new']"));
        Assert.NotNull(programmes.QuerySelector($"a[href='/admin/programmes/{programmeId}/ranking']"));

        var recipes = await Forms.GetAsync(admin, "/admin/recipes");
        Assert.Equal("/admin/recipes/export", recipes.QuerySelector("#export-configuration")?.GetAttribute("href"));
        Assert.Equal("/admin/recipes/export?content=true", recipes.QuerySelector("#export-content")?.GetAttribute("href"));

        var targets = await Forms.GetAsync(admin, "/targets");
        Assert.NotNull(targets.QuerySelector("a[href='/targets/export.csv']"));

        var home = await Forms.GetAsync(admin, "/");
        Assert.NotNull(home.QuerySelector("header a.brand[href='/']"));
        Assert.NotNull(home.QuerySelector("header form.site-search[action='/search']"));
        Assert.NotNull(home.QuerySelector("a[href='/directory/startups']"));

        using var visitor = site.CreateBrowserClient();
        var programme = await Forms.GetAsync(visitor, "/programmes");
        var slug = programme.QuerySelectorAll("main a[href^='/programmes/']").Select(a => a.GetAttribute("href")!).First()["/programmes/".Length..];
        var show = await Forms.GetAsync(visitor, $"/programmes/{slug}");
        Assert.NotNull(show.QuerySelector($"a.button[href='/account/login?returnUrl=%2Fprogrammes%2F{slug}']"));
        Assert.NotNull(show.QuerySelector("a[href='/account/register']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public void Should_put_a_page_on_the_base_address_and_refuse_a_page_with_no_route_when_an_e_mail_link_is_made(DatabaseProvider provider)
    {
        var links = sites[provider].Services.GetRequiredService<SiteLinks>();

        Assert.Equal(new Uri(links.BaseUrl, "account/confirm-email?userId=u-1&code=a%2Bb").AbsoluteUri, links.Page("/Account/ConfirmEmail", new { userId = "u-1", code = "a+b" }));
        Assert.Equal(new Uri(links.BaseUrl, "account/login").AbsoluteUri, links.Page("/Account/Login"));
        Assert.Throws<InvalidOperationException>(() => links.Page("/Account/NoSuchPage"));
    }

    /// <summary>
    /// Opens the pages and, breadth first, the site's pages they link to (not the API, downloads or sign-out), failing
    /// on an empty href or action, a tag helper attribute left unrendered, or a linked page that does not open.
    /// Returns how many pages it opened.
    /// </summary>
    private static async Task<int> WalkAsync(HttpClient client, IReadOnlyList<string> start)
    {
        var seen = new HashSet<string>(start, StringComparer.Ordinal);
        var queue = new Queue<(string Url, string From)>(start.Select(s => (s, "(start)")));
        var opened = 0;
        while (queue.Count > 0 && opened < MaxPages)
        {
            var (url, from) = queue.Dequeue();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            opened++;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{url} (linked from {from}) returned {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await Forms.ParseAsync(response);
            var empty = page.QuerySelectorAll("a[href=''], form[action=''], link[href='']").Select(e => e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]).ToList();
            Assert.True(empty.Count == 0, $"{url} renders an empty link: {string.Join(" | ", empty)}");
            var unrendered = page.QuerySelectorAll("*").Where(e => e.Attributes.Any(a => a.Name.StartsWith("asp-", StringComparison.Ordinal))).Select(e => e.LocalName).ToList();
            Assert.True(unrendered.Count == 0, $"{url} has tag helper attributes left in its markup on: {string.Join(", ", unrendered)}");

            foreach (var href in page.QuerySelectorAll("a[href]").Where(a => !a.HasAttribute("download")).Select(a => a.GetAttribute("href")!))
            {
                if (Followed(href) && seen.Add(href))
                {
                    queue.Enqueue((href, url));
                }
            }
        }

        return opened;
    }

    private static bool Followed(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/api/", StringComparison.Ordinal) && !href.StartsWith("/media/", StringComparison.Ordinal)
        && !href.Contains("logout", StringComparison.OrdinalIgnoreCase) && !href.Contains("export", StringComparison.OrdinalIgnoreCase)
        && !href.Contains('#', StringComparison.Ordinal);
}
