using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pages;

namespace Incubator.IntegrationTests.Content;

/// <summary>
/// Content types come from the features that register them: the back office, search and public links ask the
/// registry, so a feature's registration alone decides where its items live.
/// </summary>
public sealed class ContentTypeRegistryTests
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_index_an_item_at_the_public_url_its_registration_gives_when_a_feature_registers_the_type(DatabaseProvider provider)
    {
        // A test-only feature registers pages again with addresses of its own; nothing generic is touched.
        var guides = new ContentTypeDefinition<SitePage>(SitePage.TypeName, "pages", "Page", "Pages", PageContentTypes.Page.Fields)
        {
            PublicPath = slug => $"/guides/{slug}",
        };
        using var site = new SiteFactory(provider, testServices: services => services.AddContentType(guides));
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateClient();
        var word = "g" + Guid.NewGuid().ToString("N")[..12];

        var page = await BackOffice.CreateAsync(staff, "pages", new Dictionary<string, string[]> { ["Title"] = [$"Hướng dẫn {word}"], ["Body"] = ["Nội dung."] }, publish: true);

        var results = await SearchReader.UntilFoundAsync(visitor, word, page.Id);
        var hit = results.GetProperty("items").EnumerateArray().Single(i => i.Text("id") == page.Id);
        Assert.Equal(($"/guides/{page.Slug}", "page"), (hit.Text("url"), hit.Text("type")));
    }

    [Fact]
    public void Should_keep_the_last_registration_in_the_first_place_when_a_type_is_registered_twice()
    {
        var replacement = new ContentTypeDefinition<Startup>(Startup.TypeName, "startups", "Startup", "Startups", DirectoryContentTypes.Startup.Fields)
        {
            IsDirectory = true,
            PublicPath = slug => $"/startups/{slug}",
        };

        var registry = new ContentTypeRegistry([.. DirectoryContentTypes.All, PageContentTypes.Page, replacement]);

        Assert.Equal(["startup", "enterprise", "mentor", "organisation", "page"], registry.All.Select(t => t.Name));
        Assert.Same(replacement, registry.ByRoute("STARTUPS"));
        Assert.Equal("/startups/an-giang", registry.ByName("startup").PublicUrl("an-giang"));
        Assert.Equal("/pages/gioi-thieu", registry.ByName("page").PublicUrl("gioi-thieu"));
        Assert.Equal(["startup", "enterprise", "mentor", "organisation"], registry.Directory.Select(t => t.Name));
        Assert.Null(registry.Find("programme"));
    }
}
