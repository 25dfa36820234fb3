using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Recipes;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Targets;

public sealed class TargetsTests(Sites sites) : IClassFixture<Sites>
{
    private static string Recipe(string prefix, string programmeKey) => $$"""
        {
          "name": "targets-test",
          "steps": [ { "name": "Targets", "targets": [
            { "key": "{{prefix}}-funded", "title": { "vi": "Doanh nghiệp được hỗ trợ kinh phí", "en": "Enterprises funded" },
              "plan": "Kế hoạch thử 1/KH-UBND ngày 11/01/2024", "baseline": 0, "target": { "min": 2, "max": 3 },
              "unit": { "vi": "doanh nghiệp", "en": "enterprises" }, "startYear": 2024, "deadline": 2030,
              "indicator": { "measure": "distinct", "field": "organisation", "source": "decisions", "filter": { "programmes": [ "{{programmeKey}}" ] } } },
            { "key": "{{prefix}}-amount", "title": { "vi": "Kinh phí hỗ trợ đã quyết định" }, "plan": "Kế hoạch thử 1/KH-UBND ngày 11/01/2024",
              "target": { "min": 1000000000 }, "unit": { "vi": "đồng" }, "startYear": 2024, "deadline": 2030,
              "indicator": { "measure": "sum", "field": "value", "source": "decisions", "filter": { "programmes": [ "{{programmeKey}}" ] } } },
            { "key": "{{prefix}}-share", "title": { "vi": "Tỉ lệ hồ sơ được hỗ trợ" }, "plan": "Kế hoạch thử 1/KH-UBND ngày 11/01/2024",
              "target": { "min": 30 }, "unit": { "vi": "%" }, "startYear": 2024, "deadline": 2030,
              "indicator": { "measure": "share", "source": "applications", "filter": { "programmes": [ "{{programmeKey}}" ] }, "where": { "statuses": [ "funded", "closed" ] } } }
          ] } ]
        }
        """;

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_move_each_target_when_a_leader_approves_a_decision(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var leader = await site.CreateUserAsync(Roles.Leader);
        var key = "tgt-" + Guid.NewGuid().ToString("N")[..8];
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition(key));
        Assert.Equal(3, (await site.RunRecipeAsync(Recipe(key, key))).Changed);
        Assert.Equal(0, (await site.RunRecipeAsync(Recipe(key, key))).Changed);

        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme, requestedAmount: 250_000_000);
        await ProgrammeData.SubmitAsync(applicant, id);
        using var anonymous = site.CreateClient();
        var before = await TargetsAsync(anonymous, key);
        Assert.Equal(0m, before[$"{key}-funded"].GetProperty("actual").GetDecimal());
        Assert.Equal(0m, before[$"{key}-share"].GetProperty("actual").GetDecimal());
        Assert.False(before[$"{key}-share"].GetProperty("onTrack").GetBoolean());

        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using var reviewer = await site.CreateApiClientAsync(email, password);
        using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
        {
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        using (var scored = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 35, feasibility = 55 } }))
        {
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(leader, id, "approve", data: new { decisionNumber = "7/QĐ-SKHCN", decisionDate = ProgrammeData.Today(site), approvedAmount = "240000000" }));

        var after = await TargetsAsync(anonymous, key);
        var funded = after[$"{key}-funded"];
        Assert.Equal(1m, funded.GetProperty("actual").GetDecimal());
        Assert.Equal((2m, 3m), (funded.GetProperty("target").GetProperty("min").GetDecimal(), funded.GetProperty("target").GetProperty("max").GetDecimal()));
        Assert.Equal(("Kế hoạch thử 1/KH-UBND ngày 11/01/2024", 2030, 0m), (funded.Text("plan"), funded.GetProperty("deadline").GetInt32(), funded.GetProperty("baseline").GetDecimal()));
        Assert.Equal("Doanh nghiệp được hỗ trợ kinh phí", funded.GetProperty("title").Text("vi"));
        Assert.Equal(240_000_000m, after[$"{key}-amount"].GetProperty("actual").GetDecimal());
        Assert.Equal(1_000_000_000m, after[$"{key}-amount"].GetProperty("target").GetProperty("max").GetDecimal()); // a single value has min = max
        Assert.Equal(100m, after[$"{key}-share"].GetProperty("actual").GetDecimal());
        Assert.True(after[$"{key}-share"].GetProperty("onTrack").GetBoolean());

        // The transparency page draws each target and links to the records behind it: public ones for everyone.
        var list = await Forms.GetAsync(anonymous, "/targets");
        var item = list.QuerySelector($"li.target[data-key='{key}-funded']")!;
        Assert.NotNull(item.QuerySelector("svg.target-chart[role='img'] title"));
        Assert.Equal("1 doanh nghiệp", item.QuerySelector("dd.actual")?.TextContent.Trim());
        Assert.Equal("on-track", item.QuerySelector("dd.state")?.ClassList[^1]); // 1 of 2 by 2030 is ahead of the straight line from 2024
        Assert.Contains("2–3 doanh nghiệp", item.QuerySelector("dd.range")?.TextContent, StringComparison.Ordinal);
        var records = await Forms.GetAsync(anonymous, $"/targets/{key}-funded");
        Assert.NotNull(records.QuerySelector($"table.target-rows tr[data-id='{id}']"));
        Assert.Null(records.QuerySelector($"table.target-rows a[href^='/admin/']"));
        var share = await Forms.GetAsync(anonymous, $"/targets/{key}-share");
        Assert.Null(share.QuerySelector($"table.target-rows tr[data-id='{id}']")); // an application: staff only
        Assert.NotNull(share.QuerySelector("p.hint"));
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        var staffShare = await Forms.GetAsync(staffBrowser, $"/targets/{key}-share");
        Assert.NotNull(staffShare.QuerySelector($"table.target-rows tr[data-id='{id}'] a[href='/admin/applications/{id}']"));
        Assert.NotNull((await Forms.GetAsync(staffBrowser, "/admin/targets")).QuerySelector($"li.target[data-key='{key}-amount']"));

        using var csv = await anonymous.GetAsync(new Uri("/targets/export.csv", UriKind.Relative));
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains($"{key}-amount,Kế hoạch thử 1/KH-UBND ngày 11/01/2024,Kinh phí hỗ trợ đã quyết định,,đồng,0,1000000000,1000000000,2030,240000000", text, StringComparison.Ordinal);
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_broken_target_naming_its_field_and_save_none_of_the_recipe(DatabaseProvider provider)
    {
        var site = sites[provider];
        var key = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var good = Recipe(key, "any-programme");
        foreach (var (broken, step, field) in new[]
                 {
                     (good.Replace("\"min\": 2, \"max\": 3", "\"min\": 3, \"max\": 2", StringComparison.Ordinal), "Targets", "$.targets[0].target.max"),
                     (good.Replace("\"measure\": \"share\"", "\"measure\": \"median\"", StringComparison.Ordinal), "Targets", "$.targets[2].indicator.measure"),
                     (good.Replace(", \"where\": { \"statuses\": [ \"funded\", \"closed\" ] }", string.Empty, StringComparison.Ordinal), "Targets", "$.targets[2].indicator.where"),
                     (good.Replace("\"field\": \"value\"", "\"field\": \"organisation\"", StringComparison.Ordinal), "Targets", "$.targets[1].indicator.field"),
                     (good.Replace("\"deadline\": 2030,", "\"deadline\": 2023,", StringComparison.Ordinal), "Targets", "$.targets[0].startYear"),
                     (good.Replace("\"plan\": \"Kế hoạch thử 1/KH-UBND ngày 11/01/2024\",", string.Empty, StringComparison.Ordinal), "Targets", "$.targets[0].plan"),
                 })
        {
            var error = await Assert.ThrowsAsync<RecipeException>(() => site.RunRecipeAsync(broken));
            Assert.Equal((step, field), (error.StepName, error.Field));
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Targets.CountAsync(t => t.Key.StartsWith(key))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_share_and_grow_over_staff_records_when_targets_read_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        var m = Guid.NewGuid().ToString("N")[..8];
        var recipe = $$"""
            {
              "name": "records-targets-{{m}}",
              "steps": [
                { "name": "Records",
                  "contestEntries": [
                    { "key": "{{m}}-c1", "title": "Máy tách hạt", "authors": "Nông Văn A", "field": "Cơ khí {{m}}", "round": "2025", "result": "qualified-national", "appliedInProduction": true, "locality": "cao-bang.bao-lac" },
                    { "key": "{{m}}-c2", "title": "Lò sấy", "authors": "Lý Thị B", "field": "Cơ khí {{m}}", "round": "2025", "result": "qualified-national", "appliedInProduction": false, "locality": "cao-bang.hoa-an" },
                    { "key": "{{m}}-c3", "title": "Bơm nước", "authors": "Hoàng C", "field": "Cơ khí {{m}}", "round": "2024", "result": "third", "appliedInProduction": false, "locality": "cao-bang.hoa-an" } ],
                  "technologyTransactions": [
                    { "key": "{{m}}-t1", "technology": "Nhân giống", "kind": "transfer", "seller": "Viện", "buyer": "HTX", "value": 100000000, "date": "2024-05-01", "locality": "quang-ngai.mo-rai" },
                    { "key": "{{m}}-t2", "technology": "Bảo quản", "kind": "licence", "seller": "Viện", "buyer": "HTX", "value": 90000000, "date": "2025-05-01", "locality": "quang-ngai.mo-rai" },
                    { "key": "{{m}}-t3", "technology": "Nhãn hiệu", "kind": "ip-sale", "seller": "HTX", "buyer": "Công ty", "value": 31000000, "date": "2025-08-01", "locality": "quang-ngai.mo-rai" } ] },
                { "name": "Targets", "targets": [
                  { "key": "{{m}}-national", "title": { "vi": "Giải pháp đủ điều kiện dự thi toàn quốc" }, "plan": "Kế hoạch thử", "target": { "min": 20 }, "unit": { "vi": "giải pháp" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "count", "source": "contestEntries", "filter": { "kinds": [ "Cơ khí {{m}}" ], "results": [ "qualified-national" ] } } },
                  { "key": "{{m}}-applied", "title": { "vi": "Tỉ lệ giải pháp được ứng dụng" }, "plan": "Kế hoạch thử", "target": { "min": 30 }, "unit": { "vi": "%" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "share", "source": "contestEntries", "filter": { "kinds": [ "Cơ khí {{m}}" ] }, "where": { "appliedInProduction": true } } },
                  { "key": "{{m}}-communes", "title": { "vi": "Xã có giải pháp dự thi" }, "plan": "Kế hoạch thử", "target": { "min": 5 }, "unit": { "vi": "xã" }, "startYear": 2024, "deadline": 2030,
                    "indicator": { "measure": "distinct", "field": "locality", "source": "contestEntries", "filter": { "kinds": [ "Cơ khí {{m}}" ] } } },
                  { "key": "{{m}}-ip-share", "title": { "vi": "Giao dịch tài sản trí tuệ" }, "plan": "Kế hoạch thử", "target": { "min": 5 }, "unit": { "vi": "%" }, "startYear": 2021, "deadline": 2025,
                    "indicator": { "measure": "share", "source": "technologyTransactions", "filter": { "localities": [ "quang-ngai.mo-rai" ] }, "where": { "kinds": [ "ip-sale" ] } } },
                  { "key": "{{m}}-growth", "title": { "vi": "Tăng trưởng giá trị giao dịch" }, "plan": "Kế hoạch thử", "target": { "min": 10 }, "unit": { "vi": "%/năm" }, "startYear": 2021, "deadline": 2030,
                    "indicator": { "measure": "growth", "field": "value", "fromYear": 2024, "source": "technologyTransactions", "filter": { "localities": [ "quang-ngai.mo-rai" ] } } }
                ] } ]
            }
            """;
        using (site.Clock.FreezeAt(new DateTime(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc)))
        {
            Assert.Equal(11, (await site.RunRecipeAsync(recipe)).Changed);
            Assert.Equal(0, (await site.RunRecipeAsync(recipe)).Changed);
            using var anonymous = site.CreateClient();
            var targets = await TargetsAsync(anonymous, m);

            Assert.Equal(2m, targets[$"{m}-national"].GetProperty("actual").GetDecimal());
            Assert.Equal(33.3m, targets[$"{m}-applied"].GetProperty("actual").GetDecimal());
            Assert.True(targets[$"{m}-applied"].GetProperty("onTrack").GetBoolean());
            Assert.Equal(2m, targets[$"{m}-communes"].GetProperty("actual").GetDecimal());
            Assert.Equal(33.3m, targets[$"{m}-ip-share"].GetProperty("actual").GetDecimal());
            Assert.Equal(21m, targets[$"{m}-growth"].GetProperty("actual").GetDecimal()); // 100M in 2024, 121M in 2025
            Assert.True(targets[$"{m}-growth"].GetProperty("onTrack").GetBoolean());

            // Contest entries are public facts; technology transactions (their values) are listed to staff only.
            var contest = await Forms.GetAsync(anonymous, $"/targets/{m}-national");
            Assert.Equal(2, contest.QuerySelectorAll("table.target-rows tbody tr").Length);
            var deals = await Forms.GetAsync(anonymous, $"/targets/{m}-ip-share");
            Assert.Empty(deals.QuerySelectorAll("table.target-rows tbody tr"));
        }
    }

    private static async Task<Dictionary<string, JsonElement>> TargetsAsync(HttpClient client, string prefix) =>
        (await Json.GetAsync(client, "/api/targets")).EnumerateArray()
            .Where(t => t.Text("key").StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Text("key"));
}
