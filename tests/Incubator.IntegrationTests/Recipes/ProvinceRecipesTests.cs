using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Content;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Recipes;

/// <summary>
/// The shipped province and demo recipes, each on a site of its own that only the default recipe has set up, as a
/// province's fresh site is. The "site" collection runs them one at a time with the other site tests.
/// </summary>
public sealed class ProvinceRecipesTests
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip };

    [Theory]
    [Recipes(DatabaseProvider.Sqlite), Recipes(DatabaseProvider.Postgres)]
    public async Task Should_set_up_a_fresh_site_and_change_nothing_when_the_recipe_runs_again(DatabaseProvider provider, string name)
    {
        using var site = new SiteFactory(provider);
        _ = site.Server;
        using var shipped = Shipped(name);

        var first = await RunByNameAsync(site, name);
        var second = await RunByNameAsync(site, name);

        Assert.All(first.Steps, s => Assert.True(s.Changed > 0, $"{name}: step {s.Step} changed nothing on a fresh site"));
        Assert.All(second.Steps, s => Assert.True(s.Changed == 0, $"{name}: step {s.Step} changed {s.Changed} on the second run"));
        Assert.Equal(0, (await RunByNameAsync(site, "default")).Changed); // nor does it disturb what the default recipe set

        using var anonymous = site.CreateClient();
        var published = (await Json.GetAsync(anonymous, "/api/targets")).EnumerateArray().ToDictionary(t => t.Text("key"));
        foreach (var target in Items(shipped, "Targets", "targets"))
        {
            var key = target.Text("key");
            Assert.True(published.TryGetValue(key, out var actual), $"{key} is not in GET /api/targets");
            var min = target.GetProperty("target").GetProperty("min").GetDecimal();
            var max = target.GetProperty("target").TryGetProperty("max", out var m) ? m.GetDecimal() : min;
            Assert.Equal(
                (target.Text("plan"), target.GetProperty("deadline").GetInt32(), min, max, target.GetProperty("unit").Text("vi")),
                (actual.Text("plan"), actual.GetProperty("deadline").GetInt32(), actual.GetProperty("target").GetProperty("min").GetDecimal(), actual.GetProperty("target").GetProperty("max").GetDecimal(), actual.GetProperty("unit").Text("vi")));
        }

        foreach (var programme in Items(shipped, "Programmes", "programmes"))
        {
            var key = programme.Text("key");
            var stored = await site.QueryAsync(db => db.Programmes.Where(p => p.Slug == key && p.Published).Select(p => new { p.LegalBasis, p.Workflow, p.SupportType }).SingleOrDefaultAsync());
            Assert.True(stored is not null, $"{key} is not published");
            Assert.Equal((programme.Text("legalBasis"), "support-approval", programme.Text("supportType")), (stored.LegalBasis, stored.Workflow, stored.SupportType));
            var page = await Forms.GetAsync(anonymous, $"/programmes/{key}");
            Assert.Contains(programme.Text("legalBasis"), page.Body?.TextContent, StringComparison.Ordinal);
        }

        if (published.Count > 0)
        {
            var list = await Forms.GetAsync(anonymous, "/targets");
            Assert.All(Items(shipped, "Targets", "targets"), t => Assert.NotNull(list.QuerySelector($"li.target[data-key='{t.Text("key")}'] svg.target-chart")));
        }

        foreach (var item in Items(shipped, "Content", "items"))
        {
            var (type, slug) = (site.Services.GetRequiredService<ContentTypeRegistry>().ByName(item.Text("type")), item.Text("slug"));
            Assert.True(await site.QueryAsync(db => type.Query(db).AnyAsync(c => c.Slug == slug && c.Published)), $"{slug} is not published");
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_compute_every_Cao_Bang_target_from_live_data_when_records_profiles_and_decisions_exist(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        _ = site.Server;

        // Inside the programmes' 2027 round, so applications are taken as they would be then.
        using var frozen = site.Clock.FreezeAt(new DateTime(2027, 4, 15, 3, 0, 0, DateTimeKind.Utc));
        await RunByNameAsync(site, "cao-bang");
        Assert.Equal(11, (await site.RunRecipeAsync(CaoBangData)).Changed);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var leader = await site.CreateUserAsync(Roles.Leader);
        using var anonymous = site.CreateClient();

        var startup = await InReviewAsync(site, staff, "cb-innovative-startup", "startup", "cao-bang.ha-quang", "businessPlan", 150_000_000,
            new { summary = "Trà hoa vàng sấy lạnh", product = "Trà hoa vàng túi lọc", stage = "mvp", supportNeeded = new[] { "mentoring", "ip" }, teamSize = 5 },
            new { novelty = 25, market = 25, team = 18, local = 18 });
        var enterprise = await InReviewAsync(site, staff, "cb-enterprise-technology", "enterprise", "cao-bang.hoa-an", "proposal", 400_000_000,
            new { summary = "Tiếp nhận công nghệ sấy thăng hoa", technology = "Sấy thăng hoa", activity = "reception", totalCost = 900_000_000, employees = 25, expectedResults = "Giảm 30% hao hụt" },
            new { necessity = 18, technology = 26, capacity = 17, impact = 26 });
        var task = await InReviewAsync(site, staff, "cb-st-task", "enterprise", "cao-bang.bao-lac", "proposal", 600_000_000,
            new { summary = "Nhân giống lê Đông Khê", problem = "Giống lê địa phương thoái hóa", hostUnit = "Công ty Giống cây Bảo Lạc", leader = "Nông Văn Hưng", participants = 7, durationMonths = 24, expectedApplication = "Vùng trồng lê tại Bảo Lạc" },
            new { necessity = 22, science = 21, feasibility = 22, application = 23 });

        var before = await TargetsAsync(anonymous);
        Assert.Equal(0m, before["cao-bang-62-startups"].GetProperty("actual").GetDecimal());
        Assert.Equal(0m, before["cao-bang-1581-startups-2030"].GetProperty("actual").GetDecimal());

        foreach (var (id, number, amount) in new[] { (startup.Id, "12/QĐ-SKHCN", "150000000"), (enterprise.Id, "13/QĐ-SKHCN", "400000000"), (task.Id, "14/QĐ-UBND", "600000000") })
        {
            Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(leader, id, "approve", data: new { decisionNumber = number, decisionDate = "2027-04-15", approvedAmount = amount }));
        }

        var funded = await TargetsAsync(anonymous);
        Assert.Equal(1m, funded["cao-bang-62-startups"].GetProperty("actual").GetDecimal()); // the approval moved it
        Assert.Equal(1m, funded["cao-bang-1581-startups-2030"].GetProperty("actual").GetDecimal());
        Assert.Equal(JsonValueKind.Null, funded["cao-bang-1581-task-results-applied"].GetProperty("actual").ValueKind); // no task closed yet

        using (var report = await task.Applicant.PostAsJsonAsync($"/api/applications/{task.Id}/reports", new { kind = "final", text = "Đã nhân giống 5.000 cây, trồng tại 3 xã", appliedInProduction = true }))
        {
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, task.Id, "accept-report"));

        var targets = await TargetsAsync(anonymous);
        var expected = new Dictionary<string, decimal>
        {
            ["cao-bang-62-enterprises-funded"] = 1, // the enterprise funded to receive a technology
            ["cao-bang-62-startups"] = 1,
            ["cao-bang-62-st-enterprises"] = 3, // published S&T enterprises in Cao Bằng: not the one in Thái Nguyên, not the unpublished one
            ["cao-bang-62-contest-localities"] = 2, // Bảo Lâm and Hòa An
            ["cao-bang-62-contest-national"] = 2,
            ["cao-bang-62-contest-applied"] = 33.3m, // 1 of the 3 Cao Bằng entries
            ["cao-bang-62-st-tasks"] = 1,
            ["cao-bang-62-st-task-localities"] = 1,
            ["cao-bang-62-st-task-people"] = 7, // the task form's participants
            ["cao-bang-1581-innovation-centre"] = 1, // the incubator, not the university
            ["cao-bang-1581-st-enterprises-2025"] = 1, // certified in 2024
            ["cao-bang-1581-startups-2025"] = 0, // decided in 2027
            ["cao-bang-1581-st-enterprises-2030"] = 1, // certified in 2026
            ["cao-bang-1581-startups-2030"] = 1,
            ["cao-bang-1581-task-results-applied"] = 100, // the one closed task was applied
        };
        using var shipped = Shipped("cao-bang");
        Assert.Equal(
            Items(shipped, "Targets", "targets").Select(t => t.Text("key")).Order(StringComparer.Ordinal),
            expected.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.True(
            targets[e.Key].GetProperty("actual").GetDecimal() == e.Value,
            $"{e.Key}: expected {e.Value}, got {targets[e.Key].GetProperty("actual")}"));
        startup.Applicant.Dispose();
        enterprise.Applicant.Dispose();
        task.Applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_only_the_former_province_when_Bac_Kan_and_Kon_Tum_targets_read_records(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        _ = site.Server;
        using var frozen = site.Clock.FreezeAt(new DateTime(2026, 6, 1, 3, 0, 0, DateTimeKind.Utc));
        await RunByNameAsync(site, "bac-kan");
        await RunByNameAsync(site, "kon-tum");
        Assert.Equal(14, (await site.RunRecipeAsync(FormerProvincesData)).Changed);
        using var anonymous = site.CreateClient();

        var targets = await TargetsAsync(anonymous);

        // Bắc Kạn: the three transactions in its former communes, not the large one elsewhere in today's Thái Nguyên.
        Assert.Equal(10m, targets["bac-kan-2257-value-growth-2025"].GetProperty("actual").GetDecimal()); // 100M in 2021, 146.41M in 2025
        Assert.Equal(JsonValueKind.Null, targets["bac-kan-2257-value-growth-2030"].GetProperty("actual").ValueKind); // from 2025, and 2025 is the last full year
        Assert.Equal(33.3m, targets["bac-kan-2257-ip-share-2025"].GetProperty("actual").GetDecimal());
        Assert.Equal(66.7m, targets["bac-kan-2257-technology-share-2025"].GetProperty("actual").GetDecimal());
        Assert.Equal(JsonValueKind.Null, targets["bac-kan-2257-ip-share-2030"].GetProperty("actual").ValueKind); // nothing since 2026 yet
        Assert.Equal(1m, targets["bac-kan-2257-intermediary"].GetProperty("actual").GetDecimal()); // joined the network, in Na Rì

        // Kon Tum: key-product IP titles granted 2021–2025 in its former communes (Mô Rai included), not in old Quảng Ngãi.
        Assert.Equal(2m, targets["kon-tum-4485-ip-objects"].GetProperty("actual").GetDecimal());
        Assert.Equal(1m, targets["kon-tum-4485-incubators"].GetProperty("actual").GetDecimal());
        Assert.Equal(0m, targets["kon-tum-4485-startups"].GetProperty("actual").GetDecimal());
        Assert.Equal(JsonValueKind.Null, targets["kon-tum-4485-tasks-in-production"].GetProperty("actual").ValueKind); // no task closed
    }

    /// <summary>Records inside and just outside the former Bắc Kạn and Kon Tum provinces.</summary>
    private const string FormerProvincesData = """
        {
          "name": "former-provinces-test-data",
          "steps": [
            { "name": "Content", "items": [
              { "type": "organisation", "slug": "kt-vuon-uom", "published": true, "fields": { "Title": "Cơ sở ươm tạo công nghệ Măng Đen", "Summary": "Ươm tạo", "Locality": "quang-ngai.mang-den", "Kind": "Incubator" } },
              { "type": "organisation", "slug": "qn-vuon-uom", "published": true, "fields": { "Title": "Vườn ươm Tịnh Khê", "Summary": "Ươm tạo", "Locality": "quang-ngai.tinh-khe", "Kind": "Incubator" } }
            ] },
            { "name": "Records",
              "technologyTransactions": [
                { "key": "bk-t1", "technology": "Nhân giống cam sành", "kind": "transfer", "seller": "Viện", "buyer": "HTX", "value": 100000000, "date": "2021-05-01", "locality": "thai-nguyen.bac-kan" },
                { "key": "bk-t2", "technology": "Bảo quản miến dong", "kind": "licence", "seller": "Viện", "buyer": "HTX", "value": 100000000, "date": "2025-03-01", "locality": "thai-nguyen.cho-don" },
                { "key": "bk-t3", "technology": "Nhãn hiệu gạo Bao thai", "kind": "ip-sale", "seller": "HTX", "buyer": "Công ty", "value": 46410000, "date": "2025-08-01", "locality": "thai-nguyen.ba-be" },
                { "key": "tn-t4", "technology": "Nhãn hiệu chè", "kind": "ip-sale", "seller": "HTX", "buyer": "Công ty", "value": 999000000, "date": "2025-08-01", "locality": "thai-nguyen.quyet-thang" } ],
              "intermediaries": [
                { "key": "bk-i1", "name": "Trung tâm Ứng dụng KH&CN Bắc Kạn", "kind": "transfer-centre", "joinedNetwork": true, "joinedOn": "2024-01-01", "locality": "thai-nguyen.na-ri" },
                { "key": "bk-i2", "name": "Tổ tư vấn chuyển giao Chợ Mới", "kind": "brokerage-consulting", "joinedNetwork": false, "locality": "thai-nguyen.cho-moi" },
                { "key": "tn-i3", "name": "Sàn giao dịch công nghệ Thái Nguyên", "kind": "technology-exchange", "joinedNetwork": true, "joinedOn": "2024-01-01", "locality": "thai-nguyen.phan-dinh-phung" } ],
              "ipRecords": [
                { "key": "kt-ip1", "objectKind": "geographical-indication", "title": "Sâm Ngọc Linh Kon Tum", "owner": "UBND tỉnh", "keyProduct": true, "certificateNumber": "00120", "grantedOn": "2022-03-01", "locality": "quang-ngai.dak-ha" },
                { "key": "kt-ip2", "objectKind": "collective-mark", "title": "Cà phê Mô Rai", "owner": "HTX", "keyProduct": true, "certificateNumber": "400001", "grantedOn": "2025-06-01", "locality": "quang-ngai.mo-rai" },
                { "key": "kt-ip3", "objectKind": "trademark", "title": "Nhãn hiệu riêng", "owner": "Công ty", "keyProduct": false, "certificateNumber": "400002", "grantedOn": "2023-06-01", "locality": "quang-ngai.kon-tum" },
                { "key": "kt-ip4", "objectKind": "collective-mark", "title": "Tỏi Lý Sơn", "owner": "HTX", "keyProduct": true, "certificateNumber": "400003", "grantedOn": "2023-06-01", "locality": "quang-ngai.tinh-khe" },
                { "key": "kt-ip5", "objectKind": "collective-mark", "title": "Rau Măng Đen", "owner": "HTX", "keyProduct": true, "certificateNumber": "400004", "grantedOn": "2026-02-01", "locality": "quang-ngai.dak-to" } ] }
          ]
        }
        """;

    /// <summary>Profiles and staff records in and around Cao Bằng, as staff and the directory keep them.</summary>
    private const string CaoBangData = """
        {
          "name": "cao-bang-test-data",
          "steps": [
            { "name": "Content", "items": [
              { "type": "enterprise", "slug": "cbt-sinh-hoc", "published": true, "fields": { "Title": "Công ty Sinh học Hòa An", "Summary": "Chế phẩm vi sinh", "Locality": "cao-bang.hoa-an", "CertificateDate": "2024-05-01" } },
              { "type": "enterprise", "slug": "cbt-co-khi", "published": true, "fields": { "Title": "Công ty Cơ khí Bảo Lâm", "Summary": "Máy nông nghiệp", "Locality": "cao-bang.bao-lam", "CertificateDate": "2026-03-01" } },
              { "type": "enterprise", "slug": "cbt-duoc-lieu", "published": true, "fields": { "Title": "Công ty Dược liệu Thục Phán", "Summary": "Cao dược liệu", "Locality": "cao-bang.thuc-phan", "CertificateDate": "2022-01-10" } },
              { "type": "enterprise", "slug": "cbt-nhap", "published": false, "fields": { "Title": "Công ty chưa công bố", "Summary": "Bản nháp", "Locality": "cao-bang.hoa-an", "CertificateDate": "2025-02-01" } },
              { "type": "enterprise", "slug": "cbt-thai-nguyen", "published": true, "fields": { "Title": "Công ty Chè Thái Nguyên", "Summary": "Chè", "Locality": "thai-nguyen.quyet-thang", "CertificateDate": "2024-05-01" } },
              { "type": "organisation", "slug": "cbt-vuon-uom", "published": true, "fields": { "Title": "Trung tâm Khởi nghiệp và Đổi mới sáng tạo Cao Bằng", "Summary": "Vườn ươm", "Locality": "cao-bang.thuc-phan", "Kind": "Incubator" } },
              { "type": "organisation", "slug": "cbt-dai-hoc", "published": true, "fields": { "Title": "Phân hiệu đại học", "Summary": "Đào tạo", "Locality": "cao-bang.tan-giang", "Kind": "University" } }
            ] },
            { "name": "Records", "contestEntries": [
              { "key": "cbt-c1", "title": "Máy tách hạt", "authors": "Nông Văn A", "field": "Cơ khí", "round": "2025", "result": "qualified-national", "appliedInProduction": true, "locality": "cao-bang.bao-lam" },
              { "key": "cbt-c2", "title": "Lò sấy", "authors": "Lý Thị B", "field": "Cơ khí", "round": "2025", "result": "qualified-national", "appliedInProduction": false, "locality": "cao-bang.hoa-an" },
              { "key": "cbt-c3", "title": "Bơm nước", "authors": "Hoàng C", "field": "Cơ khí", "round": "2024", "result": "third", "appliedInProduction": false, "locality": "cao-bang.hoa-an" },
              { "key": "cbt-c4", "title": "Máy sao chè", "authors": "Trần D", "field": "Cơ khí", "round": "2025", "result": "qualified-national", "appliedInProduction": true, "locality": "thai-nguyen.tich-luong" }
            ] }
          ]
        }
        """;

    private sealed record Submitted(HttpClient Applicant, string Id);

    /// <summary>
    /// A new applicant's organisation in <paramref name="locality"/> applies with a complete form, staff pass the
    /// screening and one reviewer scores it above the pass mark, so it waits for the leader's decision.
    /// </summary>
    private static async Task<Submitted> InReviewAsync(SiteFactory site, HttpClient staff, string programme, string kind, string locality, string fileField, long requested, object answers, object scores)
    {
        var (applicant, _, _) = await site.CreateApplicantAsync();
        string organisationId;
        using (var created = await applicant.PostAsJsonAsync("/api/organisations", new { kind, name = $"Tổ chức {programme} {Guid.NewGuid():N}", summary = "Hồ sơ thử", locality }))
        {
            organisationId = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        }

        var programmeId = await site.QueryAsync(db => db.Programmes.Where(p => p.Slug == programme && p.Published).Select(p => p.ContentItemId).SingleAsync());
        string id;
        using (var draft = await applicant.PostAsJsonAsync("/api/applications", new { programmeId, organisationId }))
        {
            id = (await Json.ReadAsync(draft, HttpStatusCode.Created)).Text("id");
        }

        using (var saved = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers, requestedAmount = requested }))
        {
            await Json.ReadAsync(saved);
        }

        using (var uploaded = await SupportApplications.UploadAsync(applicant, $"/api/applications/{id}/attachments", [new("fieldKey", fileField)], "file", "Thuyết minh.pdf", SupportApplications.Pdf))
        {
            await Json.ReadAsync(uploaded, HttpStatusCode.Created);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(applicant, id));
        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using var reviewer = await site.CreateApiClientAsync(email, password);
        using (var assigned = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
        {
            Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        using (var scored = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores }))
        {
            Assert.True(scored.StatusCode == HttpStatusCode.OK, await scored.Content.ReadAsStringAsync());
        }

        Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        return new Submitted(applicant, id);
    }

    private static JsonDocument Shipped(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "recipes", $"{name}.recipe.json")), Comments);

    private static IEnumerable<JsonElement> Items(JsonDocument recipe, string step, string list) =>
        recipe.RootElement.GetProperty("steps").EnumerateArray()
            .Where(s => s.Text("name") == step)
            .SelectMany(s => s.GetProperty(list).EnumerateArray());

    private static async Task<RecipeResult> RunByNameAsync(SiteFactory site, string name)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunByNameAsync(name);
    }

    private static async Task<Dictionary<string, JsonElement>> TargetsAsync(HttpClient client) =>
        (await Json.GetAsync(client, "/api/targets")).EnumerateArray().ToDictionary(t => t.Text("key"));

    /// <summary>Every shipped recipe on one provider; the PostgreSQL ones skip visibly where PostgreSQL is not configured.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    private sealed class RecipesAttribute : Xunit.Sdk.DataAttribute
    {
        private readonly DatabaseProvider _provider;

        public RecipesAttribute(DatabaseProvider provider)
        {
            _provider = provider;
            Skip = provider == DatabaseProvider.Postgres ? Providers.PostgresSkipReason : null;
        }

        public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
            new[] { "cao-bang", "bac-kan", "kon-tum", "demo" }.Select(recipe => new object[] { _provider, recipe });
    }
}
