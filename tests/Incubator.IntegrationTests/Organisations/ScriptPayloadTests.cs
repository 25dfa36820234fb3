using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Content;

namespace Incubator.IntegrationTests.Organisations;

/// <summary>
/// A profile's text is whatever its owner (or staff) typed: a script in it must reach every page that shows it as
/// text. The payload goes into every free-text field of the type; the other fields validate their format.
/// </summary>
public sealed class ScriptPayloadTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_render_the_payload_as_text_on_every_page_when_an_applicant_puts_it_in_every_profile_field(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        var tag = Guid.NewGuid().ToString("N");
        var (fields, count) = Payload("startups", tag);
        fields["Sectors"] = ["it-digital"];

        var id = await ApplicantPagesTests.CreateWithFormAsync(applicant.Browser, "startup", fields);
        await Html.AssertShowsPayloadAsTextAsync(applicant.Browser, "/my/organisations");
        await Html.AssertShowsPayloadAsTextAsync(applicant.Browser, $"/my/organisations/{id}", count);

        await ApplicantPagesTests.SubmitWithFormAsync(applicant.Browser, id);
        await Html.AssertShowsPayloadAsTextAsync(staff, "/admin/moderation", 2);
        await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/startups?q={tag}");
        await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/startups/{id}", count);

        // Staff's comment is shown to the applicant too.
        await Moderation.ReturnAsync(staff, id, Html.ScriptPayload);
        await Html.AssertShowsPayloadAsTextAsync(applicant.Browser, "/my/organisations", 2);
        await Html.AssertShowsPayloadAsTextAsync(applicant.Browser, $"/my/organisations/{id}", count + 1);
        await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/startups/{id}", count + 1);

        await ApplicantPagesTests.SubmitWithFormAsync(applicant.Browser, id);
        await Moderation.ApproveAsync(staff, id);
        var slug = (await Json.GetAsync(applicant.Api, $"/api/organisations/{id}")).Text("slug");
        var href = $"/directory/startups/{slug}";
        await Html.AssertShowsPayloadAsTextAsync(visitor, await DirectoryReader.FindListPageAsync(visitor, "startups", href, "sector=it-digital"), 2);
        await Html.AssertShowsPayloadAsTextAsync(visitor, href, count);
        await Html.AssertShowsPayloadAsTextAsync(applicant.Browser, $"/my/organisations/{id}", count);

        // The JSON API returns the text as it was typed; it is data, not markup.
        var detail = await Json.GetAsync(visitor, $"/api/directory/startups/{slug}");
        Assert.Equal(Html.ScriptPayload, detail.Text("summary"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_render_the_payload_as_text_on_every_page_when_staff_put_it_in_every_field_of_each_directory_type(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        foreach (var type in new[] { "startups", "enterprises", "mentors", "organisations" })
        {
            var tag = Guid.NewGuid().ToString("N");
            var (fields, count) = Payload(type, tag);
            fields["Locality"] = ["quang-ngai.tinh-khe"];
            var item = await BackOffice.CreateAsync(staff, type, fields, publish: true);
            var href = $"/directory/{type}/{item.Slug}";

            await Html.AssertShowsPayloadAsTextAsync(visitor, await DirectoryReader.FindListPageAsync(visitor, type, href, "locality=quang-ngai.tinh-khe"), 2);
            await Html.AssertShowsPayloadAsTextAsync(visitor, href, count);
            await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/{type}?q={tag}");
            await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/{type}/{item.Id}", count);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_render_the_payload_as_text_when_it_is_the_title_of_a_page_or_news_article(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var visitor = site.CreateBrowserClient();
        var tag = Guid.NewGuid().ToString("N");
        var page = await BackOffice.CreateAsync(staff, "pages", new Dictionary<string, string[]> { ["Title"] = [$"{Html.ScriptPayload} {tag}"], ["Body"] = ["Body."] }, publish: true);
        var news = await BackOffice.CreateAsync(staff, "news", new Dictionary<string, string[]>
        {
            ["Title"] = [$"{Html.ScriptPayload} {tag}"], ["Summary"] = [Html.ScriptPayload], ["Body"] = ["Body."],
        }, publish: true);

        await Html.AssertShowsPayloadAsTextAsync(visitor, $"/pages/{page.Slug}");
        await Html.AssertShowsPayloadAsTextAsync(visitor, $"/news/{news.Slug}");
        await Html.AssertShowsPayloadAsTextAsync(visitor, "/news", 2);
        await Html.AssertShowsPayloadAsTextAsync(visitor, "/", 2);
        await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/pages?q={tag}");
        await Html.AssertShowsPayloadAsTextAsync(staff, $"/admin/content/news/{news.Id}", 2);
    }

    /// <summary>The payload in every free-text field of the type (the title made unique by <paramref name="tag"/>), and how many fields that is.</summary>
    private static (Dictionary<string, string[]> Fields, int Count) Payload(string type, string tag)
    {
        var definition = new ContentTypeRegistry([.. Incubator.Web.Features.Directory.DirectoryContentTypes.All, Incubator.Web.Features.Pages.PageContentTypes.Page, Incubator.Web.Features.Pages.PageContentTypes.News]).ByRoute(type) ?? throw new InvalidOperationException($"No type {type}.");
        var fields = definition.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.LongText).ToDictionary(
            f => f.Name,
            f => new[] { f.Name == "Title" ? $"{Html.ScriptPayload} {tag}" : Html.ScriptPayload });
        Assert.True(fields.Count >= 3, $"{type} has too few text fields for this test to mean anything");
        return (fields, fields.Count);
    }
}
