using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Home;

public sealed class LanguageTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_switch_the_site_to_english_when_the_visitor_posts_the_language_form(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateBrowserClient();
        var page = await Forms.GetAsync(client, "/directory/startups?sector=ocop");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Texts.Vi("Startups"), page.QuerySelector("main h1")?.TextContent.Trim());

        using var switched = await Forms.SubmitAsync(client, page, "form[action='/culture']", [], "culture", "en");
        Assert.Equal("/directory/startups?sector=ocop", Forms.Location(switched));

        var english = await Forms.GetAsync(client, "/directory/startups?sector=ocop");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Startups", english.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("High-tech agriculture", english.QuerySelector("#sector")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("en", (await Forms.GetAsync(client, "/")).DocumentElement.GetAttribute("lang"));

        using var back = await Forms.SubmitAsync(client, english, "form[action='/culture']", [], "culture", "vi");
        Assert.Equal("vi", (await Forms.GetAsync(client, Forms.Location(back))).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_and_keep_vietnamese_when_a_signed_in_users_language_form_has_no_antiforgery_token(DatabaseProvider provider)
    {
        using var client = await sites[provider].CreateBrowserUserAsync();
        Assert.NotNull((await Forms.GetAsync(client, "/")).QuerySelector("form[action='/culture'] input[name=__RequestVerificationToken]"));
        using var content = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/")]);
        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("vi", (await Forms.GetAsync(client, "/")).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_switch_an_anonymous_visitor_without_a_token_when_the_public_pages_carry_none(DatabaseProvider provider)
    {
        // An anonymous page holds nothing of its visitor (so that one rendering serves every visitor): the language
        // form has no token, and the switch, which only sets the language cookie, works without one.
        using var client = sites[provider].CreateBrowserClient();
        var page = await Forms.GetAsync(client, "/");
        Assert.Null(page.QuerySelector("input[name=__RequestVerificationToken]"));
        using var content = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/")]);
        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);

        Assert.Equal("/", Forms.Location(response));
        Assert.Equal("en", (await Forms.GetAsync(client, "/")).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_stay_on_the_site_when_the_language_form_names_another_site_to_return_to(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateBrowserClient();
        var page = await Forms.GetAsync(client, "/");
        foreach (var target in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            var form = page.QuerySelector("form[action='/culture']") as AngleSharp.Html.Dom.IHtmlFormElement ?? throw new InvalidOperationException("No language form.");
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? string.Empty;
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("culture", "en"), new("returnUrl", target)]);
            using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), content);
            Assert.Equal("/", Forms.Location(response));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_error_page_in_the_site_layout_when_a_page_is_not_found(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateBrowserClient();
        using var response = await client.GetAsync(new Uri($"/pages/no-such-{Guid.NewGuid():N}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Texts.Vi("Page not found"), page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main a[href='/']"));

        using var api = await client.GetAsync(new Uri("/api/directory/unicorns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);
    }
}
