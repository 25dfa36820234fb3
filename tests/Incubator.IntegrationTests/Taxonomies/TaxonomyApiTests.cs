using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Taxonomies;

public sealed class TaxonomyApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_the_terms_with_code_and_vietnamese_name_when_a_taxonomy_is_asked_for(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var (name, code, vietnamese) in new[]
                 {
                     ("sectors", "agri-hitech", "Nông nghiệp công nghệ cao"),
                     ("localities", "cao-bang.hoa-an", "Xã Hòa An"),
                     ("stages", "mvp", null),
                     ("support-types", "technology-transfer", null),
                 })
        {
            var terms = (await Json.GetAsync(client, $"/api/taxonomies/{name}")).EnumerateArray().ToList();
            Assert.NotEmpty(terms);
            Assert.All(terms, t => Assert.False(string.IsNullOrWhiteSpace(t.Text("code")) || string.IsNullOrWhiteSpace(t.Text("name"))));
            Assert.Equal(terms.Count, terms.Select(t => t.Text("code")).Distinct().Count());
            var term = Assert.Single(terms, t => t.Text("code") == code);
            if (vietnamese is not null)
            {
                Assert.Equal(vietnamese, term.Text("name"));
            }
        }

        var localities = (await Json.GetAsync(client, "/api/taxonomies/localities")).EnumerateArray().ToList();
        Assert.Equal("cao-bang", localities.Single(t => t.Text("code") == "cao-bang.hoa-an").Text("parent"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_terms_in_english_when_the_visitor_chose_english(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var terms = (await Json.GetAsync(client, "/api/taxonomies/sectors")).EnumerateArray();
        Assert.Equal("High-tech agriculture", terms.Single(t => t.Text("code") == "agri-hitech").Text("name"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_when_the_taxonomy_is_unknown(DatabaseProvider provider)
    {
        using var client = sites[provider].CreateClient();
        foreach (var name in new[] { "unicorns", "Sectors", "pages" })
        {
            using var response = await client.GetAsync(new Uri($"/api/taxonomies/{name}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{name} returned {(int)response.StatusCode}");
        }
    }
}
