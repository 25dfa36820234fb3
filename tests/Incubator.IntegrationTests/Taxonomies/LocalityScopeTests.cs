using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Taxonomies;

/// <summary>
/// One rule for a locality filter everywhere: a province takes its districts and their communes, a district its
/// communes, and nothing takes a sibling. The commune's code deliberately does not start with its district's, so only
/// the taxonomy's tree (not the shape of the codes) can place it.
/// </summary>
public sealed class LocalityScopeTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_find_a_commune_by_its_district_and_province_but_not_by_a_sibling_when_any_feature_filters_by_locality(DatabaseProvider provider)
    {
        var site = sites[provider];
        var m = Guid.NewGuid().ToString("N")[..8];
        var (province, district, commune, sibling) = ($"p{m}", $"p{m}.d1", $"c{m}", $"p{m}.d2");
        await site.RunRecipeAsync($$"""
            {
              "name": "locality-scope-{{m}}",
              "steps": [
                { "name": "Taxonomies", "taxonomies": [ { "name": "localities", "terms": [
                  { "code": "{{province}}", "vi": "Tỉnh {{m}}" },
                  { "code": "{{district}}", "vi": "Huyện {{m}}", "parent": "{{province}}" },
                  { "code": "{{commune}}", "vi": "Xã {{m}}", "parent": "{{district}}" },
                  { "code": "{{sibling}}", "vi": "Huyện bên {{m}}", "parent": "{{province}}" } ] } ] },
                { "name": "Records", "ipRecords": [
                  { "key": "{{m}}-ip", "objectKind": "trademark", "title": "Nhãn hiệu {{m}}", "owner": "HTX {{m}}", "product": "Miến",
                    "keyProduct": false, "certificateNumber": "4-{{m}}", "grantedOn": "2024-08-15", "locality": "{{commune}}" } ] },
                { "name": "Targets", "targets": [
                  { "key": "{{m}}-in-province", "title": { "vi": "Tỉnh" }, "plan": "Thử {{m}}", "target": { "min": 1 }, "unit": { "vi": "văn bằng" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "count", "source": "ipRecords", "filter": { "localities": [ "{{province}}" ], "kinds": [ "trademark" ] } } },
                  { "key": "{{m}}-in-district", "title": { "vi": "Huyện" }, "plan": "Thử {{m}}", "target": { "min": 1 }, "unit": { "vi": "văn bằng" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "count", "source": "ipRecords", "filter": { "localities": [ "{{district}}" ], "kinds": [ "trademark" ] } } },
                  { "key": "{{m}}-in-sibling", "title": { "vi": "Huyện bên" }, "plan": "Thử {{m}}", "target": { "min": 1 }, "unit": { "vi": "văn bằng" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "count", "source": "ipRecords", "filter": { "localities": [ "{{sibling}}" ], "kinds": [ "trademark" ] } } },
                  { "key": "{{m}}-provinces", "title": { "vi": "Số tỉnh" }, "plan": "Thử {{m}}", "target": { "min": 1 }, "unit": { "vi": "tỉnh" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "distinct", "field": "province", "source": "ipRecords", "filter": { "localities": [ "{{province}}" ] } } } ] }
              ]
            }
            """);

        using var staff = await site.CreateBrowserUserAsync("Staff");
        var title = $"Xã {m} khởi nghiệp";
        var profile = await BackOffice.CreateAsync(staff, "startups", Directory.DirectoryPagesTests.Profile(title, locality: commune), publish: true);
        using var visitor = site.CreateClient();
        var found = await SearchReader.UntilFoundAsync(visitor, title, profile.Id, $"&locality={commune}");
        Assert.Contains(profile.Id, SearchReader.Ids(found));

        foreach (var (code, expected) in new[] { (province, true), (district, true), (commune, true), (sibling, false) })
        {
            var query = $"locality={Uri.EscapeDataString(code)}";

            var (_, items) = await DirectoryReader.ApiAsync(visitor, "startups", query);
            Assert.Equal(expected, items.Any(i => i.Text("id") == profile.Id));

            var cards = await DirectoryReader.PagesAsync(visitor, "startups", query);
            Assert.Equal(expected, cards.Any(c => c.Title == title));

            // The profile is indexed (found above), so an absence here is the filter's answer, not the indexer's delay.
            var results = await SearchReader.SearchTextAsync(visitor, title, "&" + query);
            Assert.Equal(expected, SearchReader.Ids(results).Contains(profile.Id));

            var records = await Forms.GetAsync(staff, $"/admin/records/ip?{query}");
            Assert.Equal(expected, records.QuerySelectorAll("table.records tbody tr td:first-child a").Any(a => a.TextContent.Trim() == $"Nhãn hiệu {m}"));
        }

        // The search facet counts the commune's profile under its district and its province too, as their filters take it.
        var facets = (await SearchReader.SearchTextAsync(visitor, title)).GetProperty("facets").GetProperty("locality");
        Assert.Equal(1, facets.GetProperty(province).GetInt32());
        Assert.Equal(1, facets.GetProperty(district).GetInt32());
        Assert.False(facets.TryGetProperty(sibling, out _));

        var targets = (await Json.GetAsync(visitor, "/api/targets")).EnumerateArray()
            .Where(t => t.Text("key").StartsWith(m, StringComparison.Ordinal)).ToDictionary(t => t.Text("key"), t => t.GetProperty("actual").GetDecimal());
        Assert.Equal(1m, targets[$"{m}-in-province"]);
        Assert.Equal(1m, targets[$"{m}-in-district"]);
        Assert.Equal(0m, targets[$"{m}-in-sibling"]);
        Assert.Equal(1m, targets[$"{m}-provinces"]);

        await EligibilityAsync(site, staff: await site.CreateUserAsync("Staff"), commune, [(province, true), (district, true), (sibling, false)]);
    }

    /// <summary>A programme open to one locality accepts an organisation in a commune beneath it and refuses one elsewhere.</summary>
    private static async Task EligibilityAsync(SiteFactory site, HttpClient staff, string commune, (string Code, bool Eligible)[] cases)
    {
        using (staff)
        {
            var (applicant, _, _) = await site.CreateApplicantAsync();
            using (applicant)
            {
                var organisation = await Organisations.OrganisationApiTests.CreateAsync(applicant, "startup", $"Địa bàn {Guid.NewGuid():N}");
                await site.QueryAsync(async db =>
                {
                    var startup = await db.Startups.SingleAsync(s => s.ContentItemId == organisation && s.Latest);
                    startup.Locality = commune;
                    return await db.SaveChangesAsync();
                });

                foreach (var (code, eligible) in cases)
                {
                    var definition = ProgrammeData.Definition("scope-" + Guid.NewGuid().ToString("N")[..8]);
                    definition["eligibleLocalities"] = new System.Text.Json.Nodes.JsonArray(code);
                    var programme = await ProgrammeData.CreateProgrammeAsync(staff, definition);
                    using var response = await applicant.PostAsJsonAsync("/api/applications", new { programmeId = programme, organisationId = organisation });
                    Assert.Equal(eligible ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
                }
            }
        }
    }
}
