using System.Net;
using System.Text.Json;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Content;

/// <summary>The recipes' "ContentFields" step: custom fields on the directory's types, through forms, profile, API and search.</summary>
public sealed class CustomFieldsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_edit_show_and_find_a_custom_field_when_a_recipe_adds_it_to_startups(DatabaseProvider provider)
    {
        var site = sites[provider];
        var marker = "C" + Guid.NewGuid().ToString("N")[..8];
        var (rating, note) = ($"Rating{marker}", $"Note{marker}");
        var fields = Fields(
            new { type = "startup", name = rating, label = new { vi = "Hạng OCOP", en = "OCOP rating" }, kind = "choice", options = new[] { "3 sao", $"4 sao {marker}" }, @public = true, searchable = true },
            new { type = "startup", name = note, label = new { vi = "Ghi chú nội bộ" }, kind = "longText", @public = false, searchable = true });
        try
        {
            Assert.Equal(2, (await site.RunRecipeAsync(Recipe(fields))).Changed);
            Assert.Equal(0, (await site.RunRecipeAsync(Recipe(fields))).Changed);

            using var staff = await site.CreateBrowserUserAsync("Staff");
            var form = await Forms.GetAsync(staff, "/admin/content/startups/new");
            Assert.Equal("Hạng OCOP", form.QuerySelector($"label[for='f-{rating}']")?.TextContent.Trim());
            var profile = DirectoryPagesTests.Profile($"Hợp tác xã {marker}");
            profile[rating] = [$"4 sao {marker}"];
            profile[note] = [$"bí mật {marker}"];
            var item = await BackOffice.CreateAsync(staff, "startups", profile, publish: true);

            // The public sees the public field in its language, never the private one.
            using var visitor = site.CreateBrowserClient();
            var page = await Forms.GetAsync(visitor, $"/directory/startups/{item.Slug}");
            var rows = page.QuerySelectorAll("dl.profile dt").Select(d => d.TextContent.Trim()).ToList();
            Assert.Contains("Hạng OCOP", rows);
            Assert.Contains($"4 sao {marker}", page.QuerySelector("dl.profile")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain($"bí mật {marker}", page.Body!.TextContent, StringComparison.Ordinal);
            var detail = await Json.GetAsync(visitor, $"/api/directory/startups/{item.Slug}");
            Assert.Equal($"4 sao {marker}", detail.GetProperty("fields").GetProperty(char.ToLowerInvariant(rating[0]) + rating[1..]).GetString());
            Assert.False(detail.GetProperty("fields").TryGetProperty(char.ToLowerInvariant(note[0]) + note[1..], out _));

            // Search finds the public value; the private one, though marked searchable, is not indexed.
            Assert.Contains(item.Id, SearchReader.Ids(await SearchReader.UntilFoundAsync(visitor, $"4 sao {marker}", item.Id)));
            Assert.Empty(SearchReader.Ids(await SearchReader.SearchTextAsync(visitor, $"bi mat {marker}")));

            // A value outside the choices is refused with the field's label, and nothing is saved.
            var bad = await Forms.GetAsync(staff, $"/admin/content/startups/{item.Id}");
            using var refused = await Forms.FillAndSubmitAsync(staff, bad, "main form", new Dictionary<string, string[]> { [rating] = ["7 sao"] }, "then", "save");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Hạng OCOP", (await Forms.ParseAsync(refused)).QuerySelector(".field-error")?.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await CleanAsync(site, marker);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_set_custom_values_from_the_content_step_when_an_earlier_step_adds_the_field(DatabaseProvider provider)
    {
        var site = sites[provider];
        var marker = "C" + Guid.NewGuid().ToString("N")[..8];
        var since = $"Since{marker}";
        var slug = "hop-tac-xa-" + marker.ToLowerInvariant();
        var recipe = JsonSerializer.Serialize(new
        {
            name = "custom-fields-test",
            steps = new object[]
            {
                new { name = "ContentFields", fields = new object[] { new { type = "enterprise", name = since, label = new { vi = "Hoạt động từ" }, kind = "date", required = true, @public = true } } },
                new { name = "Content", items = new object[] { new { type = "enterprise", slug, published = true, fields = new Dictionary<string, object> { ["Title"] = "HTX " + marker, ["Summary"] = "Chè", [since] = "2019-03-15" } } } },
            },
        });
        try
        {
            Assert.Equal(2, (await site.RunRecipeAsync(recipe)).Changed);
            Assert.Equal(0, (await site.RunRecipeAsync(recipe)).Changed);
            using var visitor = site.CreateBrowserClient();
            var page = await Forms.GetAsync(visitor, $"/directory/enterprises/{slug}");
            Assert.Contains("15/03/2019", page.QuerySelector("dl.profile")!.TextContent, StringComparison.Ordinal);

            // The field is required: a form that leaves it empty is refused.
            using var staff = await site.CreateBrowserUserAsync("Staff");
            var form = await Forms.GetAsync(staff, "/admin/content/enterprises/new");
            using var refused = await Forms.FillAndSubmitAsync(staff, form, "main form", DirectoryPagesTests.Profile("Không ngày " + marker), "then", "save");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Hoạt động từ", (await Forms.ParseAsync(refused)).QuerySelector(".field-error")?.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await CleanAsync(site, marker);
            await site.QueryAsync(db => db.Enterprises.Where(e => e.Slug == slug).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_a_custom_field_is_malformed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var marker = "C" + Guid.NewGuid().ToString("N")[..8];
        var ok = new { type = "mentor", name = $"Ok{marker}", label = new { vi = "Được" }, kind = "text", @public = true };
        try
        {
            var clash = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe(Fields(ok, new { type = "mentor", name = "Expertise", label = new { vi = "Trùng" }, kind = "text" }))));
            var page = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe(Fields(new { type = "page", name = $"X{marker}", label = new { vi = "Trang" }, kind = "text" }))));
            var noOptions = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe(Fields(new { type = "mentor", name = $"C{marker}", label = new { vi = "Chọn" }, kind = "choice" }))));
            Assert.Equal("$.fields[1].name", clash.Field);
            Assert.Equal("$.fields[0].type", page.Field);
            Assert.Equal("$.fields[0].options", noOptions.Field);
            Assert.Equal(0, await site.QueryAsync(db => db.CustomFields.CountAsync(f => f.Name.Contains(marker))));

            // A kind cannot change once the field exists.
            await site.RunRecipeAsync(Recipe(Fields(ok)));
            var kind = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(Recipe(Fields(ok with { kind = "date" }))));
            Assert.Equal("$.fields[0].kind", kind.Field);
            Assert.Equal(Web.Features.Content.FieldKind.Text, await site.QueryAsync(db => db.CustomFields.Where(f => f.Name == ok.name).Select(f => f.Kind).SingleAsync()));
        }
        finally
        {
            await CleanAsync(site, marker);
        }
    }

    private static object[] Fields(params object[] fields) => fields;

    private static string Recipe(object[] fields) =>
        JsonSerializer.Serialize(new { name = "custom-fields-test", steps = new object[] { new { name = "ContentFields", fields } } });

    /// <summary>The site is shared by the tests: custom fields left behind would change every later form of the type.</summary>
    private static async Task CleanAsync(SiteFactory site, string marker)
    {
        await site.QueryAsync(db => db.CustomFields.Where(f => f.Name.Contains(marker)).ExecuteDeleteAsync());
        await site.QueryAsync(db => db.SiteSettings.Where(s => s.Key == "recipe:custom-fields-test").ExecuteDeleteAsync());
    }
}
