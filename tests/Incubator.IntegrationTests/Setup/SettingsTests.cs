using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Setup;

/// <summary>The recipes' "Settings" step: the portal's name, its owner and contacts, shown encoded in the public layout.</summary>
public sealed class SettingsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_province_name_and_contacts_encoded_when_a_recipe_sets_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        var recipe = Recipe(new
        {
            siteName = new { vi = "Cổng ĐMST <b>Cao Bằng</b>", en = "Cao Bang innovation portal" },
            owner = new { vi = "Sở Khoa học và Công nghệ tỉnh Cao Bằng" },
            contact = new { email = "sokhcn@caobang.gov.vn", phone = "(0206) 3852 000", address = "Phường Thục Phán, tỉnh Cao Bằng" },
        });
        try
        {
            Assert.Equal(6, (await site.RunRecipeAsync(recipe)).Changed);
            Assert.Equal(0, (await site.RunRecipeAsync(recipe)).Changed);

            using var client = site.CreateBrowserClient();
            var home = await Forms.GetAsync(client, "/");
            Assert.Equal("Cổng ĐMST <b>Cao Bằng</b>", home.QuerySelector("main h1")?.TextContent.Trim());
            Assert.Null(home.QuerySelector("main h1 b"));
            Assert.EndsWith("· Cổng ĐMST <b>Cao Bằng</b>", home.Title, StringComparison.Ordinal);
            Assert.Equal("Sở Khoa học và Công nghệ tỉnh Cao Bằng", home.QuerySelector("footer .site-owner")?.TextContent);
            Assert.Equal("mailto:sokhcn@caobang.gov.vn", home.QuerySelector("footer a[href^='mailto:']")?.GetAttribute("href"));
            Assert.Equal("tel:02063852000", home.QuerySelector("footer a[href^='tel:']")?.GetAttribute("href"));

            using var switched = await Forms.SubmitAsync(client, home, "form[action='/culture']", [], "culture", "en");
            var english = await Forms.GetAsync(client, "/directory/startups");
            Assert.Equal("Cao Bang innovation portal", english.QuerySelector("header .brand")?.TextContent.Trim());
            // No English owner was given: the Vietnamese one stands in rather than the generic wording.
            Assert.Equal("Sở Khoa học và Công nghệ tỉnh Cao Bằng", english.QuerySelector("footer .site-owner")?.TextContent);
        }
        finally
        {
            await site.QueryAsync(db => db.SiteSettings.Where(s => s.Key.StartsWith("site:") || s.Key == "recipe:settings-test").ExecuteDeleteAsync());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_the_contact_is_malformed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var email = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe(new { siteName = new { vi = "Tên mới" }, contact = new { email = "not an address" } })));
        var blank = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe(new { siteName = new { vi = "   " } })));

        Assert.Contains("contact", email.Message, StringComparison.Ordinal);
        Assert.Contains("email", email.Message, StringComparison.Ordinal);
        Assert.Equal("$.siteName.vi", blank.Field);
        Assert.Equal(0, await site.QueryAsync(db => db.SiteSettings.CountAsync(s => s.Key.StartsWith("site:"))));
        using var client = site.CreateBrowserClient();
        Assert.Equal(Texts.Vi("Innovation ecosystem portal"), (await Forms.GetAsync(client, "/")).QuerySelector("main h1")?.TextContent.Trim());
    }

    private static string Recipe(object settings)
    {
        var step = JsonSerializer.SerializeToElement(settings, JsonSerializerOptions.Web);
        var fields = step.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        fields["name"] = "Settings";
        return JsonSerializer.Serialize(new { name = "settings-test", steps = new[] { fields } });
    }
}
