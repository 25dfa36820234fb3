using System.Globalization;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Infrastructure;

namespace Incubator.IntegrationTests.Localization;

/// <summary>
/// The localiser translates the texts the code passes as keys, never a user's value that happens to equal one: an
/// organisation named "News" is "News" in Vietnamese too, not "Tin tức".
/// </summary>
public sealed class UserValuesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_an_organisation_by_its_own_name_when_the_name_equals_an_english_key(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateClient();
        foreach (var name in new[] { "News", "Search" })
        {
            Assert.NotEqual(name, Texts.Vi(name));
            var profile = await BackOffice.CreateAsync(staff, "startups", Directory.DirectoryPagesTests.Profile(name), publish: true);
            var href = $"/directory/startups/{profile.Slug}";

            var page = await Forms.GetAsync(visitor, href);
            Assert.Equal(name, page.QuerySelector("main h1")?.TextContent.Trim());

            var cards = await DirectoryReader.PagesAsync(visitor, "startups");
            Assert.Equal(name, Assert.Single(cards, c => c.Href == href).Title);

            await SearchReader.UntilFoundAsync(visitor, name, profile.Id);
            var results = await Forms.GetAsync(visitor, "/search?q=" + Uri.EscapeDataString(name));
            Assert.Equal(name, Assert.Single(results.QuerySelectorAll(".search-hits h3 a"), a => a.GetAttribute("href") == href).TextContent.Trim());
        }
    }

    [Fact]
    public void Should_translate_only_arguments_marked_as_keys_when_a_message_has_arguments()
    {
        var localizer = new JsonStringLocalizerFactory().Create(typeof(UserValuesTests));
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = JsonStringLocalizerFactory.Vietnamese;
            Assert.Equal(Texts.Vi("Removed: {0}", "News"), localizer["Removed: {0}", "News"].Value);
            Assert.Contains("News", localizer["Removed: {0}", "News"].Value, StringComparison.Ordinal);
            Assert.Contains(Texts.Vi("News"), localizer["Removed: {0}", new TextKey("News")].Value, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }
}
