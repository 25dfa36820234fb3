using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Directory;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Organisations;

/// <summary>
/// The owner's API takes every field the back office has, so an S&amp;T enterprise created over JSON is counted by its
/// certificate's date; and a profile's contact e-mail and phone are public only when its owner chose so.
/// </summary>
public sealed class OrganisationFieldsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_an_enterprise_by_its_certificate_date_when_its_owner_creates_it_through_the_api(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var owner = (await site.CreateApplicantAsync()).Client;
        var name = $"Công ty KH&CN Chè Việt {Guid.NewGuid():N}";
        using var response = await owner.PostAsJsonAsync("/api/organisations", new
        {
            kind = "enterprise", name, summary = "Chế biến chè bằng công nghệ sấy lạnh", taxCode = "0312345678", locality = "cao-bang",
            certificateNumber = "15/DNKHCN", certificateDate = "2011-03-15", certificateIssuer = "Sở Khoa học và Công nghệ tỉnh Cao Bằng",
            technologies = "Sấy lạnh chè xanh", scienceRevenueShare = 35.5, contactEmail = "lienhe@cheviet.example.vn", contactPhone = "0206 3852 123", publishContact = true,
        });
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal(("15/DNKHCN", "2011-03-15", "Sở Khoa học và Công nghệ tỉnh Cao Bằng"), (created.Text("certificateNumber"), created.Text("certificateDate"), created.Text("certificateIssuer")));
        Assert.Equal(("Sấy lạnh chè xanh", 35.5m), (created.Text("technologies"), created.GetProperty("scienceRevenueShare").GetDecimal()));
        Assert.Equal(("lienhe@cheviet.example.vn", "0206 3852 123", true), (created.Text("contactEmail"), created.Text("contactPhone"), created.GetProperty("publishContact").GetBoolean()));
        var id = created.Text("id");

        // A startup's field on an enterprise is refused by its name, and nothing changes.
        using (var refused = await owner.PutAsJsonAsync($"/api/organisations/{id}", new { foundedOn = "2010-01-01", certificateNumber = "99/DNKHCN" }))
        {
            var problem = await Json.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(Texts.Vi("This field applies to startups only."), Assert.Single(problem.Errors("foundedOn")));
        }

        Assert.Equal("15/DNKHCN", (await Json.GetAsync(owner, $"/api/organisations/{id}")).Text("certificateNumber"));
        await OrganisationApiTests.SubmitAsync(owner, id);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        await Moderation.ApproveAsync(staff, id);

        // Published in 2026 or later, certified on 15/03/2011: a target counting that one day's enterprises finds it.
        var key = "cert-" + Guid.NewGuid().ToString("N")[..8];
        await site.RunRecipeAsync($$"""
            {
              "name": "certified-{{key}}",
              "steps": [ { "name": "Targets", "targets": [
                { "key": "{{key}}", "title": { "vi": "Doanh nghiệp KH&CN được chứng nhận ngày 15/03/2011" }, "plan": "Kế hoạch thử", "target": { "min": 1 },
                  "unit": { "vi": "doanh nghiệp" }, "startYear": 2011, "deadline": 2011,
                  "indicator": { "measure": "count", "source": "organisations", "filter": { "kinds": [ "enterprise" ], "from": "2011-03-15", "to": "2011-03-15" } } } ] } ]
            }
            """);
        using var anonymous = site.CreateClient();
        var target = (await Json.GetAsync(anonymous, "/api/targets")).EnumerateArray().Single(t => t.Text("key") == key);
        Assert.Equal(1m, target.GetProperty("actual").GetDecimal());
        var records = await Forms.GetAsync(anonymous, $"/targets/{key}");
        Assert.NotNull(records.QuerySelector($"table.target-rows tr[data-id='{id}']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_a_startups_own_fields_and_refuse_a_bad_one_by_name_when_its_owner_sends_them(DatabaseProvider provider)
    {
        using var owner = (await sites[provider].CreateApplicantAsync()).Client;
        using var response = await owner.PostAsJsonAsync("/api/organisations", new
        {
            kind = "startup", name = $"Nấm Hương Bảo Lạc {Guid.NewGuid():N}", summary = "Nấm hương sấy", teamOrCompany = "Nhóm Nấm Bảo Lạc", foundedOn = "2024-09-02",
            products = "Nấm hương sấy khô", teamSize = 6, fundingRaised = 150_000_000, incubationStatus = "Incubating",
        });
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal(("Nhóm Nấm Bảo Lạc", "2024-09-02", "Nấm hương sấy khô"), (created.Text("teamOrCompany"), created.Text("foundedOn"), created.Text("products")));
        Assert.Equal((6, 150_000_000L, "Incubating"), (created.GetProperty("teamSize").GetInt32(), created.GetProperty("fundingRaised").GetInt64(), created.Text("incubationStatus")));
        Assert.False(created.GetProperty("publishContact").GetBoolean());

        var id = created.Text("id");
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { teamSize = -1 }, "teamSize"),
                     (new { incubationStatus = "Unicorn" }, "incubationStatus"),
                     (new { contactEmail = "not an address" }, "contactEmail"),
                     (new { certificateNumber = "1/DNKHCN" }, "certificateNumber"),
                 })
        {
            using var refused = await owner.PutAsJsonAsync($"/api/organisations/{id}", body);
            Assert.Single((await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).Errors(field));
        }

        Assert.Equal(6, (await Json.GetAsync(owner, $"/api/organisations/{id}")).GetProperty("teamSize").GetInt32());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_offer_the_owner_every_field_of_the_back_office_when_they_fill_in_their_form(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var owner = await site.CreateApplicantWithBrowserAsync();
        using var staff = await site.CreateBrowserUserAsync("Staff");
        foreach (var (kind, route) in new[] { ("enterprise", "enterprises"), ("startup", "startups") })
        {
            var back = (await Forms.GetAsync(staff, $"/admin/content/{route}/new")).QuerySelectorAll("main form [name]").Select(e => e.GetAttribute("name") ?? string.Empty).ToHashSet();
            var mine = (await Forms.GetAsync(owner.Browser, $"/my/organisations/new/{kind}")).QuerySelectorAll("main form [name]").Select(e => e.GetAttribute("name") ?? string.Empty).ToHashSet();
            foreach (var field in kind == "enterprise"
                         ? new[] { "CertificateNumber", "CertificateDate", "CertificateIssuer", "Technologies", "ScienceRevenueShare", "PublishContact" }
                         : ["FoundedOn", "TeamOrCompany", "TeamSize", "FundingRaised", "PublishContact"])
            {
                Assert.Contains(field, back);
                Assert.Contains(field, mine);
            }
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_contact_details_only_when_the_profile_chose_to_publish_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var fields = DirectoryPagesTests.Profile($"Liên hệ {Guid.NewGuid():N}");
        fields["ContactEmail"] = ["ban.giam.doc@example.vn"];
        fields["ContactPhone"] = ["0912 345 678"];
        fields["Website"] = ["https://lienhe.example.vn"];
        var startup = await BackOffice.CreateAsync(staff, "startups", fields, publish: true);
        using var visitor = site.CreateClient();

        // Not chosen (the default): the website is public, the e-mail and phone are not, on the page or in the API.
        var hidden = await Forms.GetAsync(visitor, $"/directory/startups/{startup.Slug}");
        Assert.NotNull(hidden.QuerySelector("dl.profile a[href='https://lienhe.example.vn']"));
        Assert.Null(hidden.QuerySelector("main a[href^='mailto:']"));
        Assert.DoesNotContain("0912 345 678", hidden.QuerySelector("main")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        var hiddenApi = (await Json.GetAsync(visitor, $"/api/directory/startups/{startup.Slug}")).GetProperty("fields");
        Assert.False(hiddenApi.TryGetProperty("contactEmail", out _));
        Assert.False(hiddenApi.TryGetProperty("contactPhone", out _));
        Assert.False(hiddenApi.TryGetProperty("publishContact", out _));

        await BackOffice.EditAsync(staff, startup, new Dictionary<string, string[]> { ["PublishContact"] = ["true"] }, publish: true);
        var shown = await Forms.GetAsync(visitor, $"/directory/startups/{startup.Slug}");
        Assert.NotNull(shown.QuerySelector("dl.profile a[href='mailto:ban.giam.doc@example.vn']"));
        Assert.Contains("0912 345 678", shown.QuerySelector("dl.profile")?.TextContent, StringComparison.Ordinal);
        var shownApi = (await Json.GetAsync(visitor, $"/api/directory/startups/{startup.Slug}")).GetProperty("fields");
        Assert.Equal("ban.giam.doc@example.vn", shownApi.Text("contactEmail"));
        Assert.Equal(JsonValueKind.String, shownApi.GetProperty("contactPhone").ValueKind);
    }
}
