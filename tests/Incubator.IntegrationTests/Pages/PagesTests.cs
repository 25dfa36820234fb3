using System.Net;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Pages;

public sealed class PagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_serve_the_pages_of_the_default_recipe_when_the_site_is_new(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        foreach (var slug in new[] { "gioi-thieu", "huong-dan-dang-ky", "lien-he" })
        {
            var page = await Forms.GetAsync(visitor, $"/pages/{slug}");
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("article h1")?.TextContent), $"/pages/{slug} has no title");
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("article .prose")?.TextContent), $"/pages/{slug} has no body");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_when_no_published_page_has_the_slug(DatabaseProvider provider)
    {
        using var visitor = sites[provider].CreateBrowserClient();
        foreach (var url in new[] { $"/pages/no-such-{Guid.NewGuid():N}", "/pages/chao-mung-den-voi-cong-thong-tin", "/news/gioi-thieu" })
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} returned {(int)response.StatusCode}");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_published_version_until_the_draft_is_published_when_staff_edit_a_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        var page = await BackOffice.CreateAsync(staff, "pages", Page($"Quy chế {Guid.NewGuid():N}", "First text."), publish: false);
        await AssertNotFoundAsync(visitor, $"/pages/{page.Slug}");

        await BackOffice.PublishAsync(staff, page);
        Assert.Equal("First text.", await BodyAsync(visitor, $"/pages/{page.Slug}"));

        await BackOffice.EditAsync(staff, page, new Dictionary<string, string[]> { ["Body"] = ["Second text."] }, publish: false);
        Assert.Equal("First text.", await BodyAsync(visitor, $"/pages/{page.Slug}"));
        var edit = await Forms.GetAsync(staff, $"/admin/content/pages/{page.Id}");
        Assert.Equal(Texts.Vi("Published, with a draft"), edit.QuerySelector(".badge")?.TextContent.Trim());
        Assert.Equal("Second text.", edit.QuerySelector("textarea[name=Body]")?.TextContent);

        await BackOffice.PublishAsync(staff, page);
        Assert.Equal("Second text.", await BodyAsync(visitor, $"/pages/{page.Slug}"));

        await BackOffice.EditAsync(staff, page, new Dictionary<string, string[]> { ["Body"] = ["Third text."] }, publish: true);
        Assert.Equal("Third text.", await BodyAsync(visitor, $"/pages/{page.Slug}"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_the_page_off_the_site_when_staff_unpublish_or_delete_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        var page = await BackOffice.CreateAsync(staff, "pages", Page($"Tạm thời {Guid.NewGuid():N}", "Soon gone."), publish: true);
        Assert.Equal("Soon gone.", await BodyAsync(visitor, $"/pages/{page.Slug}"));

        await BackOffice.UnpublishAsync(staff, page);
        await AssertNotFoundAsync(visitor, $"/pages/{page.Slug}");

        await BackOffice.PublishAsync(staff, page);
        Assert.Equal("Soon gone.", await BodyAsync(visitor, $"/pages/{page.Slug}"));

        await BackOffice.DeleteAsync(staff, page);
        await AssertNotFoundAsync(visitor, $"/pages/{page.Slug}");
        using var edit = await staff.GetAsync(new Uri($"/admin/content/pages/{page.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var list = await Forms.GetAsync(staff, $"/admin/content/pages?q={page.Slug[^32..]}");
        Assert.Null(list.QuerySelector($"a[href='/admin/content/pages/{page.Id}']"));

        // Deleting keeps the history: every version is still in the database, marked deleted.
        var versions = await site.QueryAsync(db => db.SitePages.Where(p => p.ContentItemId == page.Id).ToListAsync());
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.NotNull(v.DeletedUtc));
        Assert.All(versions, v => Assert.False(v.Published));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_publish_the_page_at_once_when_staff_choose_save_and_publish(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var title = $"Thông báo {Guid.NewGuid():N}";
        var page = await BackOffice.CreateAsync(staff, "pages", Page(title, "Nội dung **quan trọng**."), publish: true);

        using var visitor = site.CreateBrowserClient();
        var shown = await Forms.GetAsync(visitor, $"/pages/{page.Slug}");
        Assert.Equal(title, shown.QuerySelector("article h1")?.TextContent.Trim());
        Assert.Equal("quan trọng", shown.QuerySelector("article .prose strong")?.TextContent);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_give_an_ascii_slug_and_number_the_second_when_two_items_have_the_same_vietnamese_title(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var tag = Guid.NewGuid().ToString("N")[..12];
        var title = $"Công ty Đổi Mới Sáng Tạo {tag}";
        var first = await BackOffice.CreateAsync(staff, "pages", Page(title, "One."), publish: true);
        var second = await BackOffice.CreateAsync(staff, "pages", Page(title, "Two."), publish: true);

        Assert.Equal($"cong-ty-doi-moi-sang-tao-{tag}", first.Slug);
        Assert.Equal($"cong-ty-doi-moi-sang-tao-{tag}-2", second.Slug);
        using var visitor = site.CreateBrowserClient();
        Assert.Equal("One.", await BodyAsync(visitor, $"/pages/{first.Slug}"));
        Assert.Equal("Two.", await BodyAsync(visitor, $"/pages/{second.Slug}"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_slug_when_staff_type_one_that_is_not_lower_case_ascii(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var title = $"Bad slug {Guid.NewGuid():N}";
        var form = await Forms.GetAsync(staff, "/admin/content/pages/new");
        using var response = await Forms.FillAndSubmitAsync(staff, form, "main form",
            new Dictionary<string, string[]> { ["Title"] = [title], ["Body"] = ["Body."], ["Slug"] = ["Đổi Mới!"] }, "then", "publish");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.NotNull(page.QuerySelector(".notice[role=alert]"));
        Assert.False(await site.QueryAsync(db => db.SitePages.AnyAsync(p => p.Title == title)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_and_show_the_title_in_nfc_when_it_is_posted_decomposed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var composed = $"Khởi nghiệp đổi mới sáng tạo {Guid.NewGuid():N}".Normalize(NormalizationForm.FormC);
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);

        var page = await BackOffice.CreateAsync(staff, "pages", Page(decomposed, "Văn bản".Normalize(NormalizationForm.FormD)), publish: true);

        var stored = await site.QueryAsync(db => db.SitePages.AsNoTracking().SingleAsync(p => p.ContentItemId == page.Id && p.Latest));
        Assert.Equal(composed, stored.Title);
        Assert.Equal("Văn bản".Normalize(NormalizationForm.FormC), stored.Body);
        Assert.StartsWith("khoi-nghiep-doi-moi-sang-tao-", page.Slug, StringComparison.Ordinal);
        using var visitor = site.CreateBrowserClient();
        var shown = await Forms.GetAsync(visitor, $"/pages/{page.Slug}");
        Assert.Equal(composed, shown.QuerySelector("article h1")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_render_no_script_and_no_javascript_link_when_a_page_body_carries_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var page = await BackOffice.CreateAsync(staff, "pages", Page($"Markdown {Guid.NewGuid():N}", HostileMarkdown), publish: true);

        using var visitor = site.CreateBrowserClient();
        using var response = await visitor.GetAsync(new Uri($"/pages/{page.Slug}", UriKind.Relative));
        await Html.AssertInertMarkdownAsync(response);
    }

    internal const string HostileMarkdown = """
        Hello <script>alert(1)</script> world.

        <script>alert(1)</script>

        [x](javascript:alert(1)) and [y]( JAVASCRIPT:alert(1) ) and <javascript:alert(1)>

        ![img](javascript:alert(1)) <img src=x onerror=alert(1)>

        [ok](https://example.vn/ok)
        """;

    internal static Dictionary<string, string[]> Page(string title, string body) => new() { ["Title"] = [title], ["Body"] = [body] };

    internal static async Task<string> BodyAsync(HttpClient visitor, string url)
    {
        var page = await Forms.GetAsync(visitor, url);
        return page.QuerySelector("article .prose")?.TextContent.Trim() ?? string.Empty;
    }

    internal static async Task AssertNotFoundAsync(HttpClient visitor, string url)
    {
        using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} returned {(int)response.StatusCode}");
    }
}
