using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Organisations;
using Incubator.Search;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Search;

public sealed class SearchPagesTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly TimeSpan RebuildPatience = TimeSpan.FromSeconds(30);

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    private static string Search(string q, string extra = "") => "/search?q=" + Uri.EscapeDataString(q) + extra;

    private static IReadOnlyList<string> ResultIds(IDocument page) =>
        [.. page.QuerySelectorAll("main li.result").Select(r => r.GetAttribute("data-id")!)];

    private static string? Text(IDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim();

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_a_search_box_that_opens_the_results_page_when_a_public_page_is_opened(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        foreach (var url in new[] { "/", "/directory/startups", "/programmes", "/news", "/search" })
        {
            var page = await Forms.GetAsync(visitor, url);
            var form = page.QuerySelector("header form.site-search") as IHtmlFormElement;
            Assert.True(form is not null, $"{url} has no search box in its header");
            Assert.Equal("get", form.GetAttribute("method"));
            Assert.Equal("/search", form.GetAttribute("action"));
            var input = Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input[name=q]"));
            Assert.NotNull(page.QuerySelector($"header label[for='{input.Id}']"));
        }

        var marker = Word();
        var results = await Forms.GetAsync(visitor, Search(marker));
        Assert.Equal(marker, (results.QuerySelector("main #search-q") as IHtmlInputElement)?.Value);
        Assert.Equal(Texts.Vi("Search"), Text(results, "main h1"));
        Assert.StartsWith(Texts.Vi("Search: {0}", marker), results.Title, StringComparison.Ordinal);
        Assert.Equal(Texts.Vi("{0} results", 0), Text(results, "#search-total"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_invite_a_query_instead_of_listing_everything_when_nothing_is_asked(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        foreach (var url in new[] { "/search", "/search?q=", "/search?q=%20%20", Search("( - \"") })
        {
            var page = await Forms.GetAsync(visitor, url);
            Assert.NotNull(page.QuerySelector("#search-prompt"));
            Assert.Null(page.QuerySelector("#search-total"));
            Assert.Empty(ResultIds(page));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_a_published_item_with_its_words_marked_when_they_are_searched(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var startup = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Nông nghiệp công nghệ cao {marker}", "agri-hitech"), publish: true);
        using var client = site.CreateClient();
        await SearchReader.UntilFoundAsync(client, marker, startup.Id);

        var page = await Forms.GetAsync(client, Search($"nong nghiep {marker}"));

        var result = page.QuerySelector($"main li.result[data-id='{startup.Id}']");
        Assert.NotNull(result);
        Assert.Equal("startup", result.GetAttribute("data-type"));
        var link = result.QuerySelector("h3 a");
        Assert.Equal($"/directory/startups/{startup.Slug}", link?.GetAttribute("href"));
        Assert.Equal($"Nông nghiệp công nghệ cao {marker}", link?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Startup"), result.QuerySelector(".type")?.TextContent.Trim());
        var marks = result.QuerySelectorAll(".snippet mark").Select(m => m.TextContent).ToList();
        Assert.Contains(marker, marks);
        Assert.Contains(marks, m => m.Equals("Nông", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Texts.Vi("{0} results", 1), Text(page, "#search-total"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_hostile_input_encoded_when_it_is_searched(DatabaseProvider provider)
    {
        var site = sites[provider];
        const string hostile = "<script>alert(1)</script> \"unclosed ( title:x -";
        using var visitor = site.CreateBrowserClient();
        using var staff = await site.CreateBrowserUserAsync("Staff");
        foreach (var (client, path) in new[] { (visitor, "/search"), (staff, "/admin/search") })
        {
            foreach (var extra in new[] { "", "&type=%3Cb%3E&sector=%22%3E%3Cscript%3E&page=%3Cx%3E&pageSize=-3" })
            {
                using var response = await client.GetAsync(new Uri(path + "?q=" + Uri.EscapeDataString(hostile) + extra, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("\"><script>", html, StringComparison.Ordinal);
                var page = await Forms.ParseAsync(html);
                Assert.Equal(hostile, (page.QuerySelector("main #search-q") as IHtmlInputElement)?.Value);
                Assert.Empty(page.QuerySelectorAll("main script"));
            }
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_narrow_the_results_and_their_counts_when_a_facet_value_is_followed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var farm = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Farm {marker}", "agri-hitech", "cao-bang.tan-giang", "mvp"), publish: true);
        var clinic = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Clinic {marker}", "health", "cao-bang", "idea"), publish: true);
        var mentor = await BackOffice.CreateAsync(staff, "mentors", DirectoryPagesTests.Profile($"Mentor {marker}", "agri-hitech"), publish: true);
        using var visitor = site.CreateBrowserClient();
        await SearchReader.UntilAsync(visitor, marker, r => SearchReader.Ids(r).Count == 3);

        var all = await Forms.GetAsync(visitor, Search(marker));
        Assert.Equal(Texts.Vi("{0} results", 3), Text(all, "#search-total"));
        Assert.Equal("2", Text(all, "aside.facets [data-facet=sector] a[data-code='agri-hitech'] + .count"));
        Assert.Equal("1", Text(all, "aside.facets [data-facet=sector] a[data-code='health'] + .count"));
        Assert.Equal("2", Text(all, "aside.facets [data-facet=type] a[data-code='startup'] + .count"));
        Assert.Equal(Texts.Vi("Startups"), Text(all, "aside.facets [data-facet=type] a[data-code='startup']"));
        Assert.Equal(Texts.Vi("Mentors"), Text(all, "aside.facets [data-facet=type] a[data-code='mentor']"));
        Assert.Null(all.QuerySelector(".active-filters"));

        // Sector first: the mentor and the farm stay; then type: only the farm.
        var agriculture = all.QuerySelector("aside.facets [data-facet=sector] a[data-code='agri-hitech']")!.GetAttribute("href")!;
        Assert.Contains("q=" + marker, agriculture, StringComparison.Ordinal);
        var bySector = await Forms.GetAsync(visitor, agriculture);
        Assert.Equal(new[] { farm.Id, mentor.Id }.Order(StringComparer.Ordinal), ResultIds(bySector).Order(StringComparer.Ordinal));
        Assert.Equal(Texts.Vi("{0} results", 2), Text(bySector, "#search-total"));
        Assert.Equal("true", bySector.QuerySelector("aside.facets [data-facet=sector] a[data-code='agri-hitech']")?.GetAttribute("aria-current"));
        Assert.Null(bySector.QuerySelector("aside.facets [data-facet=sector] a[data-code='health']"));
        Assert.Equal("1", Text(bySector, "aside.facets [data-facet=type] a[data-code='startup'] + .count"));

        var startups = await Forms.GetAsync(visitor, bySector.QuerySelector("aside.facets [data-facet=type] a[data-code='startup']")!.GetAttribute("href")!);
        Assert.Equal(new[] { farm.Id }, ResultIds(startups));
        Assert.Equal(marker, (startups.QuerySelector("main #search-q") as IHtmlInputElement)?.Value);
        var active = startups.QuerySelectorAll(".active-filters li").ToList();
        Assert.Equal(new[] { "sector", "type" }, active.Select(a => a.GetAttribute("data-facet")!).Order(StringComparer.Ordinal));
        Assert.Contains(Texts.Vi("Startups"), active.Single(a => a.GetAttribute("data-facet") == "type").TextContent, StringComparison.Ordinal);

        // A new query from the page's box keeps the filters in force.
        var kept = startups.QuerySelectorAll("main form.search-form input[type=hidden]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal("agri-hitech", kept["sector"]);
        Assert.Equal("startup", kept["type"]);

        // Removing the sector keeps the type: both startups, not the mentor.
        var withoutSector = await Forms.GetAsync(visitor, active.Single(a => a.GetAttribute("data-facet") == "sector").QuerySelector("a.remove")!.GetAttribute("href")!);
        Assert.Equal(new[] { farm.Id, clinic.Id }.Order(StringComparer.Ordinal), ResultIds(withoutSector).Order(StringComparer.Ordinal));

        // A province's code also finds its communes.
        var province = await Forms.GetAsync(visitor, Search(marker, "&type=startup&locality=cao-bang"));
        Assert.Equal(new[] { farm.Id, clinic.Id }.Order(StringComparer.Ordinal), ResultIds(province).Order(StringComparer.Ordinal));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_page_through_the_results_when_there_are_more_than_a_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Paged {i} {marker}"), publish: true)).Id);
        }

        using var visitor = site.CreateBrowserClient();
        await SearchReader.UntilAsync(visitor, marker, r => SearchReader.Ids(r).Count == 3);

        var first = await Forms.GetAsync(visitor, Search(marker, "&pageSize=2"));
        Assert.Equal(2, ResultIds(first).Count);
        Assert.Equal(Texts.Vi("Page {0} of {1}", 1, 2), Text(first, "nav.pager .page-of"));
        Assert.Null(first.QuerySelector("nav.pager a[rel=prev]"));
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("pageSize=2", next, StringComparison.Ordinal);

        var second = await Forms.GetAsync(visitor, next);
        Assert.Single(ResultIds(second));
        Assert.Equal(Texts.Vi("Page {0} of {1}", 2, 2), Text(second, "nav.pager .page-of"));
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
        Assert.NotNull(second.QuerySelector("nav.pager a[rel=prev]"));
        Assert.Equal(created.Order(StringComparer.Ordinal), ResultIds(first).Concat(ResultIds(second)).Order(StringComparer.Ordinal));

        // Nonsense numbers show page 1, and a page past the end shows the last one.
        foreach (var (extra, shown) in new[] { ("&page=abc", 1), ("&page=0", 1), ("&page=-4", 1), ("&page=2.5", 1), ("&page=99", 2), ("&page=99999999999999", 2) })
        {
            using var response = await visitor.GetAsync(new Uri(Search(marker, "&pageSize=2" + extra), UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{extra} answered {(int)response.StatusCode}");
            Assert.Equal(Texts.Vi("Page {0} of {1}", shown, 2), Text(await Forms.ParseAsync(response), "nav.pager .page-of"));
        }

        var oddSize = await Forms.GetAsync(visitor, Search(marker, "&pageSize=nope"));
        Assert.Equal(3, ResultIds(oddSize).Count);
        Assert.Equal(Texts.Vi("Page {0} of {1}", 1, 1), Text(oddSize, "nav.pager .page-of"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_an_application_for_staff_but_never_for_the_public_when_it_is_searched(DatabaseProvider provider)
    {
        var site = sites[provider];
        var marker = Word();
        var (programmeId, _, _) = await SupportApplications.CreateProgrammeAsync(site);
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using (applicant)
        {
            var organisationId = await OrganisationApiTests.CreateAsync(applicant, "startup", $"Hợp tác xã {marker}");
            var applicationId = await SupportApplications.CreateApplicationAsync(applicant, programmeId, organisationId);
            await SupportApplications.SubmitCompleteAsync(applicant, applicationId);
            using var staffApi = await site.CreateUserAsync("Staff");
            await SearchReader.UntilFoundAsync(staffApi, marker, applicationId);

            using var staff = await site.CreateBrowserUserAsync("Staff");
            var found = await Forms.GetAsync(staff, "/admin/search?q=" + marker);
            var result = found.QuerySelector($"main li.result[data-id='{applicationId}']");
            Assert.NotNull(result);
            Assert.Equal("application", result.GetAttribute("data-type"));
            Assert.Equal($"/admin/applications/{applicationId}", result.QuerySelector("h3 a")?.GetAttribute("href"));
            Assert.Equal(Texts.Vi("Application"), result.QuerySelector(".type")?.TextContent.Trim());
            Assert.Equal("1", Text(found, "aside.facets [data-facet=type] a[data-code='application'] + .count"));

            using var visitor = site.CreateBrowserClient();
            foreach (var url in new[] { Search(marker), Search(marker, "&type=application"), "/search?type=application" })
            {
                var page = await Forms.GetAsync(visitor, url);
                Assert.Empty(page.QuerySelectorAll("main li.result[data-type=application]"));
                Assert.Null(page.QuerySelector("aside.facets [data-facet=type] a[data-code='application']"));
            }

            Assert.Equal(Texts.Vi("{0} results", 0), Text(await Forms.GetAsync(visitor, Search(marker)), "#search-total"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_admin_search_to_the_back_office_when_others_open_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var visitor = site.CreateBrowserClient();
        using var anonymous = await visitor.GetAsync(new Uri("/admin/search", UriKind.Relative));
        Assert.StartsWith("/account/login?ReturnUrl=", Forms.Location(anonymous), StringComparison.Ordinal);

        foreach (var role in new[] { "Applicant", "Reviewer" })
        {
            using var user = await site.CreateBrowserUserAsync(role);
            using var denied = await user.GetAsync(new Uri("/admin/search", UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(denied), StringComparison.Ordinal);
        }

        foreach (var role in new[] { "Staff", "Leader" })
        {
            using var user = await site.CreateBrowserUserAsync(role);
            var page = await Forms.GetAsync(user, "/admin/search");
            Assert.NotNull(page.QuerySelector("nav.side a[href='/admin/search']"));
            Assert.NotNull(page.QuerySelector("#index-status"));
            Assert.Matches(@"^\d+$", Text(page, "#index-documents"));
            Assert.Matches(@"^\d+$", Text(page, "#index-pending"));
            Assert.Null(page.QuerySelector("button#rebuild"));
            Assert.NotNull(page.QuerySelector("#search-prompt"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_rebuild_and_change_nothing_when_staff_post_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var before = await RequestedAsync(site);
        var page = await Forms.GetAsync(staff, "/admin/search");
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");

        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var posted = await staff.PostAsync(new Uri("/admin/search?handler=Rebuild", UriKind.Relative), content);

        Assert.StartsWith("/account/denied", Forms.Location(posted), StringComparison.Ordinal);
        Assert.Equal(before, await RequestedAsync(site));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rebuild_the_index_with_visible_progress_when_an_administrator_asks(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var marker = Word();
        var startup = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Rebuilt {marker}"), publish: true);
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        await SearchReader.DrainAsync(site);
        var before = await RowAsync(site);

        var page = await Forms.GetAsync(admin, "/admin/search");
        Assert.NotNull(page.QuerySelector("form.rebuild button#rebuild"));
        using (var posted = await Forms.SubmitAsync(admin, page, "form.rebuild", []))
        {
            Assert.StartsWith("/admin/search", Forms.Location(posted), StringComparison.Ordinal);
        }

        Assert.NotNull(await RequestedAsync(site));

        // The background service starts it on its own schedule: watch the page until this instance's row says done.
        var order = new[] { "queued", "running", "done" };
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        IDocument shown;
        while (true)
        {
            shown = await Forms.GetAsync(admin, "/admin/search");
            var status = shown.QuerySelector("#index-status")?.GetAttribute("data-status") ?? throw new InvalidOperationException("No status.");
            Assert.Contains(status, order);
            Assert.True(seen.Count == 0 || Array.IndexOf(order, status) >= Array.IndexOf(order, seen[^1]), $"The status went back from {seen.LastOrDefault()} to {status}.");
            seen.Add(status);
            var refresh = shown.QuerySelector("meta[http-equiv=refresh]");
            if (status == "done")
            {
                Assert.Null(refresh);
                break;
            }

            Assert.Equal("2", refresh?.GetAttribute("content"));
            Assert.True(clock.Elapsed < RebuildPatience, $"The rebuild did not finish; statuses seen: {string.Join(", ", seen)}.");
            await Task.Delay(100);
        }

        var after = await RowAsync(site);
        Assert.Equal("done", after.RebuildStatus);
        Assert.True(after.RebuildTotal > 0);
        Assert.Equal(after.RebuildTotal, after.RebuildDone);
        Assert.NotEqual(before.RebuildStartedUtc, after.RebuildStartedUtc);
        Assert.Equal(Texts.Vi("{0} / {1} items", after.RebuildTotal, after.RebuildTotal), Text(shown, "tr.this-instance .index-progress-text"));
        Assert.Equal(Texts.Vi("Done"), Text(shown, "#index-status .badge"));
        Assert.Null(shown.QuerySelector("button#rebuild[disabled]"));

        // The rebuilt index still finds what was published.
        using var visitor = site.CreateClient();
        Assert.Contains(startup.Id, SearchReader.Ids(await SearchReader.SearchTextAsync(visitor, marker)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_each_instances_progress_bar_and_error_when_its_rebuild_is_running_or_has_failed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var admin = await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        await SearchReader.DrainAsync(site);

        // Another instance's row, as that instance would report it: nothing here moves it while the page is read.
        var other = "other-machine/4242/" + Word();
        var now = site.Clock.GetUtcNow().UtcDateTime;
        await site.QueryAsync(async db =>
        {
            db.SearchCheckpoints.Add(new SearchCheckpoint
            {
                InstanceId = other, Machine = "other-machine", Condition = nameof(SearchIndexCondition.Missing), RebuildStatus = "running",
                RebuildDone = 3, RebuildTotal = 10, RebuildStartedUtc = now, BuiltUtc = now, UpdatedUtc = now,
            });
            return await db.SaveChangesAsync();
        });
        try
        {
            var running = await Forms.GetAsync(admin, "/admin/search");
            var row = running.QuerySelector($"#index-instances tr[data-instance='{other}']") ?? throw new InvalidOperationException("No row for the other instance.");
            var bar = row.QuerySelector("progress.index-progress");
            Assert.Equal("10", bar?.GetAttribute("max"));
            Assert.Equal("3", bar?.GetAttribute("value"));
            Assert.Equal(Texts.Vi("{0} / {1} items", 3, 10), row.QuerySelector(".index-progress-text")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Running"), row.QuerySelector(".badge")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Missing"), row.QuerySelector("td[data-condition]")?.TextContent.Trim());
            Assert.NotNull(running.QuerySelector("#index-instances tr.this-instance"));
            Assert.Equal("2", running.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
            Assert.NotNull(running.QuerySelector("button#rebuild[disabled]"));

            await site.QueryAsync(db => db.SearchCheckpoints.Where(c => c.InstanceId == other).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.RebuildStatus, "failed").SetProperty(c => c.RebuildDone, 4).SetProperty(c => c.RebuildError, "<b>disk full</b>")));
            var failed = await Forms.GetAsync(admin, "/admin/search");
            var failedRow = failed.QuerySelector($"#index-instances tr[data-instance='{other}']")!;
            Assert.Equal(Texts.Vi("The last rebuild failed: {0}", "<b>disk full</b>"), failedRow.QuerySelector(".index-error")?.TextContent.Trim());
            Assert.Null(failedRow.QuerySelector(".index-error b"));
            Assert.Null(failed.QuerySelector("meta[http-equiv=refresh]"));
            Assert.Null(failed.QuerySelector("button#rebuild[disabled]"));
        }
        finally
        {
            await site.QueryAsync(db => db.SearchCheckpoints.Where(c => c.InstanceId == other).ExecuteDeleteAsync());
        }
    }

    private static Task<DateTime?> RequestedAsync(SiteFactory site) =>
        site.QueryAsync(async db => (await db.SearchIndexState.AsNoTracking().FirstOrDefaultAsync())?.RebuildRequestedUtc);

    /// <summary>This instance's row, as its indexing service has just written it.</summary>
    private static async Task<SearchCheckpoint> RowAsync(SiteFactory site)
    {
        await site.Services.GetRequiredService<Incubator.Web.Features.Search.SearchIndexingService>().RunOnceAsync();
        var id = site.Services.GetRequiredService<Incubator.Web.Infrastructure.SiteInstance>().Id;
        return await site.QueryAsync(db => db.SearchCheckpoints.AsNoTracking().SingleAsync(c => c.InstanceId == id));
    }
}
