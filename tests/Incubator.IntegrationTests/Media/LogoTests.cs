using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Media;

public sealed class LogoTests(Sites sites) : IClassFixture<Sites>
{
    // The smallest valid PNG: signature, IHDR for 1x1, IDAT, IEND.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_serve_the_logo_publicly_only_once_the_profile_is_published(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await StaffAsync(site);
        var title = "Logo test " + Guid.NewGuid().ToString("N")[..8];

        using var created = await PostProfileAsync(staff, title, Png, "logo.png", then: "save");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var edit = await Forms.GetAsync(staff, editUrl);
        var logo = edit.QuerySelector("img.logo")?.GetAttribute("src");
        Assert.NotNull(logo);
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", logo);

        using var anonymous = site.CreateBrowserClient();
        using (var hidden = await anonymous.GetAsync(new Uri(logo, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var forStaff = await staff.GetAsync(new Uri(logo, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, forStaff.StatusCode);
        }

        var list = await Forms.GetAsync(staff, "/admin/content/startups");
        using (var publish = await Forms.SubmitAsync(staff, list, $"form[action='{editUrl}?handler=Publish']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        }

        using var served = await anonymous.GetAsync(new Uri(logo, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_upload_and_save_nothing_when_the_file_is_not_an_image(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await StaffAsync(site);
        var title = "Fake logo " + Guid.NewGuid().ToString("N")[..8];

        using var response = await PostProfileAsync(staff, title, "<script>alert(1)</script>"u8.ToArray(), "logo.png", then: "publish");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.NotNull(page.QuerySelector(".field-error"));
        using var api = site.CreateClient();
        var list = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/directory/startups?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == title);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_no_stored_file_when_the_rest_of_the_form_is_refused(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await StaffAsync(site);
        var before = Stored(site);

        using var response = await PostProfileAsync(staff, title: string.Empty, Png, "logo.png", then: "save");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Forms.ParseAsync(response)).QuerySelector(".field-error"));
        Assert.Equal(before, Stored(site));
    }

    private static string[] Stored(SiteFactory site) =>
        System.IO.Directory.Exists(site.MediaFolder) ? [.. System.IO.Directory.GetFiles(site.MediaFolder).Order(StringComparer.Ordinal)] : [];

    private static async Task<HttpClient> StaffAsync(SiteFactory site)
    {
        var email = $"staff-{Guid.NewGuid():N}@test.local";
        using (var admin = await site.CreateApiClientAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword))
        {
            using var created = await admin.PostAsJsonAsync("/api/admin/users", new { email, password = "Staff-Password-1", roles = new[] { "Staff" } });
            created.EnsureSuccessStatusCode();
        }

        var client = site.CreateBrowserClient();
        await Forms.SignInAsync(client, email, "Staff-Password-1");
        return client;
    }

    private static async Task<HttpResponseMessage> PostProfileAsync(HttpClient staff, string title, byte[] file, string fileName, string then)
    {
        var page = await Forms.GetAsync(staff, "/admin/content/startups/new");
        var form = (IHtmlFormElement)page.QuerySelector("form[enctype]")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Title" },
            { new StringContent("A startup with a logo"), "Summary" },
            { new StringContent(then), "then" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        content.Add(bytes, "Logo", fileName);
        return await staff.PostAsync(new Uri("/admin/content/startups/new", UriKind.Relative), content);
    }
}
