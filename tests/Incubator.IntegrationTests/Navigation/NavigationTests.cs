using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Navigation;

/// <summary>
/// The menus the themes draw from the features' navigation providers: the same entries, order and labels the
/// hand-written menus had, only those the user may use, and the page being shown marked.
/// </summary>
public sealed class NavigationTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_public_menu_and_footer_in_their_order_when_a_visitor_opens_the_home_page(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        var home = await Forms.GetAsync(visitor, "/");

        Assert.Equal(
            ["/directory/startups", "/directory/enterprises", "/directory/mentors", "/directory/organisations", "/programmes", "/events", "/news", "/targets", "/account/login", "/account/register"],
            home.QuerySelectorAll("header nav.menu a").Select(a => a.GetAttribute("href")));
        Assert.Equal(Texts.Vi("Startups"), home.QuerySelector("header nav.menu a")?.TextContent.Trim());
        Assert.Equal(["/support/approved", "/targets"], home.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).Where(h => h is "/support/approved" or "/targets"));
        Assert.Empty(home.QuerySelectorAll("header nav.menu form"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_a_members_entries_and_mark_the_current_page_when_an_applicant_is_signed_in(DatabaseProvider provider)
    {
        using var applicant = await sites[provider].CreateBrowserUserAsync("Applicant");
        var page = await Forms.GetAsync(applicant, "/programmes");

        var hrefs = page.QuerySelectorAll("header nav.menu a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/directory/startups", "/directory/enterprises", "/directory/mentors", "/directory/organisations", "/programmes", "/events", "/news", "/targets", "/my/organisations", "/my/applications", "/my/events", "/notifications", "/account"], hrefs);
        Assert.NotNull(page.QuerySelector("header nav.menu form[action='/account/logout']"));
        Assert.Equal(["/programmes"], page.QuerySelectorAll("header nav.menu a[aria-current=page]").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_back_office_menu_in_sections_by_permission_when_staff_and_an_administrator_open_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var staffPage = await Forms.GetAsync(staff, "/admin/applications");

        string[] staffLinks =
        [
            "/admin", "/admin/search", "/admin/moderation", "/admin/content/startups", "/admin/content/enterprises", "/admin/content/mentors",
            "/admin/content/organisations", "/admin/programmes", "/admin/applications", "/admin/events", "/admin/targets", "/admin/records",
            "/admin/organisations", "/admin/people", "/admin/pipeline", "/admin/tasks", "/admin/interactions", "/admin/import", "/admin/segments", "/admin/mailings",
            "/admin/cohorts", "/admin/mentoring", "/admin/mentoring/hours", "/admin/content/pages",
            "/admin/content/news", "/admin/recipes", "/admin/personal-data", "/admin/workflows", "/admin/workflows/instances", "/admin/workflows/calendar",
        ];
        Assert.Equal(staffLinks, staffPage.QuerySelectorAll("nav.side a").Select(a => a.GetAttribute("href")));
        Assert.Equal([Texts.Vi("Directory"), Texts.Vi("Support"), Texts.Vi("Relationships"), Texts.Vi("Incubation"), Texts.Vi("Site"), Texts.Vi("Workflows")], staffPage.QuerySelectorAll("nav.side h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["/admin/applications"], staffPage.QuerySelectorAll("nav.side a[aria-current=page]").Select(a => a.GetAttribute("href")));

        using var leader = await site.CreateBrowserUserAsync("Leader");
        var leaderPage = await Forms.GetAsync(leader, "/admin");
        Assert.Null(leaderPage.QuerySelector("nav.side a[href='/admin/recipes']"));
        Assert.Null(leaderPage.QuerySelector("nav.side a[href='/admin/pipeline']"));
        Assert.Null(leaderPage.QuerySelector("nav.side a[href='/admin/segments']"));
        Assert.Null(leaderPage.QuerySelector("nav.side a[href='/admin/cohorts']"));
        Assert.Null(leaderPage.QuerySelector("nav.side a[href='/admin/events']"));
        Assert.NotNull(leaderPage.QuerySelector("nav.side a[href='/admin/records']"));

        using var administrator = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var adminPage = await Forms.GetAsync(administrator, "/admin");
        Assert.Equal(Texts.Vi("Administration"), adminPage.QuerySelectorAll("nav.side h2")[^1].TextContent.Trim());
        Assert.Equal(["/admin/users", "/admin/audit"], adminPage.QuerySelectorAll("nav.side a").TakeLast(2).Select(a => a.GetAttribute("href")));
        Assert.NotNull((await Forms.GetAsync(administrator, "/")).QuerySelector("header nav.menu a[href='/admin']"));
    }
}
