using System.Globalization;
using System.Text.RegularExpressions;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Directory;

/// <summary>The directories read the search index: a publish, an unpublish and a draft show in the lists and their counts once the outbox is applied.</summary>
public sealed partial class DirectoryIndexTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_and_count_a_published_profile_and_drop_it_when_unpublished_once_the_outbox_is_applied(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        using var api = site.CreateClient();
        const string filter = "sector=health&locality=cao-bang";
        await SearchReader.DrainAsync(site);
        var (totalBefore, _) = await DirectoryReader.ApiAsync(api, "startups", filter);
        var optionBefore = await SectorOptionCountAsync(visitor, "health");

        var draft = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Index draft {Guid.NewGuid():N}", "health", "cao-bang.tan-giang", "mvp"), publish: false);
        var published = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Index published {Guid.NewGuid():N}", "health", "cao-bang.tan-giang", "mvp"), publish: true);
        await SearchReader.DrainAsync(site);

        var (total, items) = await DirectoryReader.ApiAsync(api, "startups", filter);
        Assert.Equal(totalBefore + 1, total);
        Assert.Contains(items, i => i.Text("id") == published.Id);
        Assert.DoesNotContain(items, i => i.Text("id") == draft.Id);
        Assert.Equal(optionBefore + 1, await SectorOptionCountAsync(visitor, "health"));
        var listed = (await DirectoryReader.PagesAsync(visitor, "startups", filter + "&sort=newest")).Select(l => l.Href).ToList();
        Assert.Equal($"/directory/startups/{published.Slug}", listed[0]);
        Assert.DoesNotContain($"/directory/startups/{draft.Slug}", listed);

        await BackOffice.UnpublishAsync(staff, published);
        await SearchReader.DrainAsync(site);
        var (totalAfter, itemsAfter) = await DirectoryReader.ApiAsync(api, "startups", filter);
        Assert.Equal(totalBefore, totalAfter);
        Assert.DoesNotContain(itemsAfter, i => i.Text("id") == published.Id);
        Assert.Equal(optionBefore, await SectorOptionCountAsync(visitor, "health"));
    }

    /// <summary>The count a sector's option shows on the startups' page filtered by locality: "Health (3)".</summary>
    private static async Task<int> SectorOptionCountAsync(HttpClient visitor, string sector)
    {
        var page = await Forms.GetAsync(visitor, "/directory/startups?locality=cao-bang");
        var text = page.QuerySelector($"#sector option[value='{sector}']")?.TextContent ?? string.Empty;
        var match = Count().Match(text);
        Assert.True(match.Success, $"The option of {sector} shows no count: \"{text}\".");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\((\d+)\)\s*$")]
    private static partial Regex Count();
}
