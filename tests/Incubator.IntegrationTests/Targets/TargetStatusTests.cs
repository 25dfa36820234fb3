using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;

namespace Incubator.IntegrationTests.Targets;

/// <summary>
/// How a target is judged and written: met (đạt), on track (đúng tiến độ) or behind (chậm tiến độ); "trên X%" met only
/// above X; a range met from its low end and expected by now as a range; counts as whole numbers; a growth rate frozen
/// at its deadline year. The records come from a recipe, so each test knows every row its targets read.
/// </summary>
public sealed class TargetStatusTests(Sites sites) : IClassFixture<Sites>
{
    private const string Plan = "Kế hoạch thử trạng thái";

    /// <summary>Two contest entries of a field of their own (one applied in production) and the given targets over them.</summary>
    private static string Recipe(string m, string targets) => $$"""
        {
          "name": "target-status-{{m}}",
          "steps": [
            { "name": "Records",
              "contestEntries": [
                { "key": "{{m}}-c1", "title": "Máy tách hạt", "authors": "Nông Văn A", "field": "Cơ khí {{m}}", "round": "2025", "result": "qualified-national", "appliedInProduction": true, "locality": "cao-bang.bao-lac" },
                { "key": "{{m}}-c2", "title": "Lò sấy", "authors": "Lý Thị B", "field": "Cơ khí {{m}}", "round": "2025", "result": "qualified-national", "appliedInProduction": false, "locality": "cao-bang.hoa-an" } ] },
            { "name": "Targets", "targets": [ {{targets}} ] } ]
        }
        """;

    private static string Count(string m, string key, string range) => $$"""
        { "key": "{{m}}-{{key}}", "title": { "vi": "Giải pháp {{key}}" }, "plan": "{{Plan}}", "target": {{range}}, "unit": { "vi": "giải pháp" }, "startYear": 2024, "deadline": 2030,
          "indicator": { "measure": "count", "source": "contestEntries", "filter": { "kinds": [ "Cơ khí {{m}}" ] } } }
        """;

    private static string Share(string m, string key, string range) => $$"""
        { "key": "{{m}}-{{key}}", "title": { "vi": "Tỉ lệ ứng dụng {{key}}" }, "plan": "{{Plan}}", "target": {{range}}, "unit": { "vi": "%" }, "startYear": 2024, "deadline": 2030,
          "indicator": { "measure": "share", "source": "contestEntries", "filter": { "kinds": [ "Cơ khí {{m}}" ] }, "where": { "appliedInProduction": true } } }
        """;

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_meet_an_above_target_only_past_its_figure_when_the_plan_says_tren(DatabaseProvider provider)
    {
        var site = sites[provider];
        var m = Guid.NewGuid().ToString("N")[..8];
        using (site.Clock.FreezeAt(new DateTime(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc)))
        {
            await site.RunRecipeAsync(Recipe(m, string.Join(',', Share(m, "above", """{ "min": 50, "above": true }"""), Share(m, "reach", """{ "min": 50 }"""))));
            using var anonymous = site.CreateClient();
            var targets = await TargetsAsync(anonymous, m);

            // One entry of two applied: 50%, which reaches "50%" but is not "trên 50%".
            Assert.Equal((50m, "behind", false), State(targets[$"{m}-above"]));
            Assert.True(targets[$"{m}-above"].GetProperty("target").GetProperty("above").GetBoolean());
            Assert.Equal((50m, "met", true), State(targets[$"{m}-reach"]));

            var page = await Forms.GetAsync(anonymous, "/targets");
            var above = page.QuerySelector($"li.target[data-key='{m}-above']")!;
            Assert.Equal(Texts.Vi("Behind"), above.QuerySelector("dd.state")?.TextContent.Trim());
            Assert.Contains(Texts.Vi("above {0}", "50"), above.QuerySelector("dd.range")?.TextContent, StringComparison.Ordinal);
            Assert.Equal(Texts.Vi("Met"), page.QuerySelector($"li.target[data-key='{m}-reach'] .state-badge.met")?.TextContent.Trim());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_meet_a_range_from_its_low_end_and_expect_whole_counts_when_targets_count_things(DatabaseProvider provider)
    {
        var site = sites[provider];
        var m = Guid.NewGuid().ToString("N")[..8];

        // 22/11/2026 is 41.3% of the way from 1/1/2024 to 31/12/2030.
        using (site.Clock.FreezeAt(new DateTime(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc)))
        {
            await site.RunRecipeAsync(Recipe(m, string.Join(',',
                Count(m, "band", """{ "min": 2, "max": 3 }"""),
                Count(m, "ahead", """{ "min": 3, "max": 5 }"""),
                Count(m, "far", """{ "min": 15 }"""))));
            using var anonymous = site.CreateClient();
            var targets = await TargetsAsync(anonymous, m);

            // Two entries: inside the band 2–3, so met, not merely on track.
            Assert.Equal((2m, "met", true), State(targets[$"{m}-band"]));

            // 3–5 by 2030 expects 1,24–2,07 by now, written as the whole numbers 1–2: two entries are on track.
            Assert.Equal((2m, "on-track", true), State(targets[$"{m}-ahead"]));
            Assert.Equal((1m, 2m), (targets[$"{m}-ahead"].GetProperty("expected").GetDecimal(), targets[$"{m}-ahead"].GetProperty("expectedMax").GetDecimal()));

            // 15 by 2030 expects 6,2 by now: 6 entries, and two are behind.
            Assert.Equal((2m, "behind", false), State(targets[$"{m}-far"]));
            Assert.Equal(6m, targets[$"{m}-far"].GetProperty("expected").GetDecimal());

            var page = await Forms.GetAsync(anonymous, "/targets");
            var ahead = page.QuerySelector($"li.target[data-key='{m}-ahead']")!;
            Assert.Equal("1–2 giải pháp", ahead.QuerySelector("dd.expected")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("On track"), ahead.QuerySelector("dd.state")?.TextContent.Trim());
            var far = page.QuerySelector($"li.target[data-key='{m}-far']")!;
            Assert.Equal("6 giải pháp", far.QuerySelector("dd.expected")?.TextContent.Trim());
            Assert.Equal("behind", far.GetAttribute("data-state"));

            // The bar is labelled: the target band, the current value and what is expected by now, on an axis from 0.
            var chart = far.QuerySelector("svg.target-chart")!;
            Assert.Equal($"{Texts.Vi("Target")} 15", chart.QuerySelector("text.target-label")?.TextContent);
            Assert.Equal($"{Texts.Vi("Now")} 2", chart.QuerySelector("text.actual-label")?.TextContent);
            Assert.Equal($"{Texts.Vi("Expected by now")} 6", chart.QuerySelector("text.expected-label")?.TextContent);
            Assert.Equal("0", chart.QuerySelector("g.axis text")?.TextContent);

            // In print the page keeps the rows whole and their colours, without the header.
            var print = page.QuerySelector("link[rel=stylesheet][media=print]")?.GetAttribute("href");
            Assert.StartsWith("/_content/Incubator.Themes.Public/print", print, StringComparison.Ordinal); // fingerprinted: print.{hash}.css
            using var printed = await anonymous.GetAsync(new Uri(print!, UriKind.Relative));
            Assert.Contains("li.target", await printed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_growth_of_its_deadline_year_when_the_deadline_has_passed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var m = Guid.NewGuid().ToString("N")[..8];
        var recipe = $$"""
            {
              "name": "target-growth-{{m}}",
              "steps": [
                { "name": "Records",
                  "technologyTransactions": [
                    { "key": "{{m}}-t1", "technology": "Nhân giống {{m}}", "kind": "transfer", "seller": "Viện", "buyer": "HTX", "value": 100000000, "date": "2023-05-01", "locality": "quang-ngai.mo-rai" },
                    { "key": "{{m}}-t2", "technology": "Bảo quản {{m}}", "kind": "transfer", "seller": "Viện", "buyer": "HTX", "value": 121000000, "date": "2025-05-01", "locality": "quang-ngai.mo-rai" },
                    { "key": "{{m}}-t3", "technology": "Sấy {{m}}", "kind": "transfer", "seller": "Viện", "buyer": "HTX", "value": 50000000, "date": "2026-05-01", "locality": "quang-ngai.mo-rai" } ] },
                { "name": "Targets", "targets": [
                  { "key": "{{m}}-growth", "title": { "vi": "Tăng trưởng giá trị giao dịch đến năm 2025" }, "plan": "{{Plan}}", "target": { "min": 10 }, "unit": { "vi": "%/năm" }, "startYear": 2023, "deadline": 2025,
                    "indicator": { "measure": "growth", "field": "value", "fromYear": 2023, "source": "technologyTransactions", "filter": { "localities": [ "quang-ngai.mo-rai" ], "kinds": [ "transfer" ] } } } ] } ]
            }
            """;

        // In March 2027 the last full year is 2026, past the deadline: the target keeps 2023–2025 (100M to 121M, 10% a
        // year), not 2023–2026, which the smaller 2026 would drag below zero.
        using (site.Clock.FreezeAt(new DateTime(2027, 3, 1, 2, 0, 0, DateTimeKind.Utc)))
        {
            await site.RunRecipeAsync(recipe);
            using var anonymous = site.CreateClient();
            var growth = (await TargetsAsync(anonymous, m))[$"{m}-growth"];
            Assert.Equal((10m, "met", true), State(growth));

            var page = await Forms.GetAsync(anonymous, "/targets");
            Assert.Equal("10 %/năm", page.QuerySelector($"li.target[data-key='{m}-growth'] dd.actual")?.TextContent.Trim());
        }
    }

    private static (decimal Actual, string Status, bool OnTrack) State(JsonElement target) =>
        (target.GetProperty("actual").GetDecimal(), target.Text("status"), target.GetProperty("onTrack").GetBoolean());

    private static async Task<Dictionary<string, JsonElement>> TargetsAsync(HttpClient client, string prefix) =>
        (await Json.GetAsync(client, "/api/targets")).EnumerateArray()
            .Where(t => t.Text("key").StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Text("key"));
}
