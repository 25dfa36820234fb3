using System.Net;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Directory;

public sealed class DirectoryApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_published_profiles_with_their_public_fields_when_the_api_is_asked(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        using var client = site.CreateClient();
        foreach (var type in DirectoryPagesTests.Types)
        {
            var title = $"Api {type} {Guid.NewGuid():N}";
            var published = await BackOffice.CreateAsync(staff, type, DirectoryPagesTests.Profile(title, "biotech", "thai-nguyen.quyet-thang"), publish: true);
            var draft = await BackOffice.CreateAsync(staff, type, DirectoryPagesTests.Profile($"Api draft {Guid.NewGuid():N}", "biotech"), publish: false);

            var (total, items) = await DirectoryReader.ApiAsync(client, type);
            Assert.Equal(total, items.Count);
            Assert.DoesNotContain(items, i => i.Text("id") == draft.Id);
            var item = Assert.Single(items, i => i.Text("id") == published.Id);
            Assert.Equal(published.Slug, item.Text("slug"));
            Assert.Equal(title, item.Text("title"));
            Assert.Equal($"Summary of {title}", item.Text("summary"));
            Assert.Equal(["biotech"], item.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal("thai-nguyen.quyet-thang", item.Text("locality"));
            Assert.Equal($"/directory/{type}/{published.Slug}", item.Text("url"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_only_matching_profiles_when_the_api_is_filtered(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var a = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Api filter A {Guid.NewGuid():N}", "health", "cao-bang.tan-giang", "mvp"), publish: true);
        var b = await BackOffice.CreateAsync(staff, "startups", DirectoryPagesTests.Profile($"Api filter B {Guid.NewGuid():N}", "industry", "thai-nguyen.phan-dinh-phung", "prototype"), publish: true);
        using var client = site.CreateClient();

        foreach (var (query, expected) in new[]
                 {
                     ("sector=health", a), ("sector=industry", b), ("locality=cao-bang", a), ("locality=cao-bang.tan-giang", a),
                     ("locality=thai-nguyen", b), ("stage=mvp", a), ("stage=prototype", b), ("sector=health&locality=cao-bang&stage=mvp", a),
                 })
        {
            var other = expected == a ? b : a;
            var (total, items) = await DirectoryReader.ApiAsync(client, "startups", query);
            Assert.Equal(total, items.Count);
            Assert.Contains(items, i => i.Text("id") == expected.Id);
            Assert.DoesNotContain(items, i => i.Text("id") == other.Id);
            foreach (var item in items)
            {
                if (query.Contains("sector=health", StringComparison.Ordinal))
                {
                    Assert.Contains("health", item.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
                }

                if (query.Contains("locality=cao-bang", StringComparison.Ordinal))
                {
                    Assert.StartsWith("cao-bang", item.Text("locality"), StringComparison.Ordinal);
                }
            }
        }

        // Stage belongs to startups: no other directory has a stage to match.
        var (mentorTotal, _) = await DirectoryReader.ApiAsync(client, "mentors", "stage=mvp");
        Assert.Equal(0, mentorTotal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_page_the_api_results_when_page_and_page_size_are_given(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        for (var i = 0; i < 3; i++)
        {
            await BackOffice.CreateAsync(staff, "organisations", DirectoryPagesTests.Profile($"Api paged {Guid.NewGuid():N}", "tourism-services", "quang-ngai.van-tuong"), publish: true);
        }

        using var client = site.CreateClient();
        const string filter = "sector=tourism-services&locality=quang-ngai.van-tuong";
        var first = await Json.GetAsync(client, $"/api/directory/organisations?{filter}&page=1&pageSize=2");
        var second = await Json.GetAsync(client, $"/api/directory/organisations?{filter}&page=2&pageSize=2");
        var total = first.GetProperty("total").GetInt32();
        Assert.True(total >= 3);
        Assert.Equal(total, second.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.NotEqual(0, second.GetProperty("items").GetArrayLength());
        var firstIds = first.GetProperty("items").EnumerateArray().Select(i => i.Text("id"));
        var secondIds = second.GetProperty("items").EnumerateArray().Select(i => i.Text("id"));
        Assert.Empty(firstIds.Intersect(secondIds));

        var beyond = await Json.GetAsync(client, $"/api/directory/organisations?{filter}&page=1000&pageSize=100");
        Assert.Equal(total, beyond.GetProperty("total").GetInt32());
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_with_400_when_page_or_page_size_is_out_of_range(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var (query, field) in new[] { ("page=0", "page"), ("page=-1", "page"), ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize") })
        {
            var problem = await Json.GetAsync(client, $"/api/directory/startups?{query}", HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.Errors(field));
        }

        using var notANumber = await client.GetAsync(new Uri("/api/directory/startups?page=abc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        using var largest = await client.GetAsync(new Uri("/api/directory/startups?page=1&pageSize=100", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, largest.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_when_the_api_directory_type_is_unknown(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var url in new[] { "/api/directory/unicorns", "/api/directory/pages", "/api/directory/news", "/api/directory/unicorns/x", "/api/directory/pages/gioi-thieu" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} returned {(int)response.StatusCode}");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_the_published_profile_when_the_api_is_asked_for_its_slug(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var title = $"Api detail {Guid.NewGuid():N}";
        var fields = DirectoryPagesTests.Profile(title, "it-digital", "cao-bang.thuc-phan");
        fields["TaxCode"] = ["0102030405"];
        fields["CertificateNumber"] = ["KHCN-01"];
        var enterprise = await BackOffice.CreateAsync(staff, "enterprises", fields, publish: true);
        var draft = await BackOffice.CreateAsync(staff, "enterprises", DirectoryPagesTests.Profile($"Api detail draft {Guid.NewGuid():N}"), publish: false);
        using var client = site.CreateClient();

        var detail = await Json.GetAsync(client, $"/api/directory/enterprises/{enterprise.Slug}");
        Assert.Equal(enterprise.Id, detail.Text("id"));
        Assert.Equal(title, detail.Text("title"));
        Assert.Equal($"/directory/enterprises/{enterprise.Slug}", detail.Text("url"));
        Assert.Equal("0102030405", detail.GetProperty("fields").Text("taxCode"));
        Assert.Equal("KHCN-01", detail.GetProperty("fields").Text("certificateNumber"));

        await Json.GetAsync(client, $"/api/directory/enterprises/{draft.Slug}", HttpStatusCode.NotFound);
        await Json.GetAsync(client, $"/api/directory/startups/{enterprise.Slug}", HttpStatusCode.NotFound);
        await Json.GetAsync(client, $"/api/directory/enterprises/no-such-{Guid.NewGuid():N}", HttpStatusCode.NotFound);
    }
}
