using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.IntegrationTests.Organisations;

namespace Incubator.IntegrationTests.Applications;

/// <summary>
/// What people read of an application's round and amount: the round by its name in their language (never its key),
/// and the requested amount once, formatted, where the programme's form places it.
/// </summary>
public sealed class RoundAndAmountPagesTests(Sites sites) : IClassFixture<Sites>
{
    private const string RoundKey = "2026-1";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_round_by_its_name_when_applicants_and_staff_read_the_programme_and_the_application(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, key) = await CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        var programme = await Forms.GetAsync(application.Applicant.Browser, $"/programmes/{key}");
        Assert.Equal("Đợt 1 năm 2026", programme.QuerySelector($"#rounds tr[data-key='{RoundKey}'] td")?.TextContent.Trim());
        var english = await Forms.GetAsync(application.Applicant.Browser, $"/programmes/{key}?culture=en-GB&ui-culture=en-GB");
        Assert.Equal("Round 1 of 2026", english.QuerySelector($"#rounds tr[data-key='{RoundKey}'] td")?.TextContent.Trim());

        var mine = await Forms.GetAsync(application.Applicant.Browser, "/my/applications");
        Assert.Equal("Đợt 1 năm 2026", mine.QuerySelector($"table.applications tr[data-id='{application.Id}'] td.round")?.TextContent.Trim());
        var page = await Forms.GetAsync(application.Applicant.Browser, $"/my/applications/{application.Id}");
        Assert.StartsWith("Đợt 1 năm 2026 · ", page.QuerySelector("#application-round")?.TextContent.Trim(), StringComparison.Ordinal);

        var back = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        var queue = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}");
        Assert.Equal("Đợt 1 năm 2026", back.QuerySelector("span.round")?.TextContent.Trim());
        Assert.Equal("Đợt 1 năm 2026", queue.QuerySelector($"tr[data-id='{application.Id}'] span.round")?.TextContent.Trim());

        Assert.Equal("Đợt 1 năm 2026", queue.QuerySelector($"#f-round option[value='{RoundKey}']")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_requested_amount_once_where_the_form_places_it_when_a_submitted_application_is_read(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _) = await CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        foreach (var (client, url) in new[] { (application.Applicant.Browser, $"/my/applications/{application.Id}"), (staff, $"/admin/applications/{application.Id}") })
        {
            var page = await Forms.GetAsync(client, url);
            var body = page.Body!.TextContent;
            Assert.Equal(1, Occurrences(body, "300.000.000 ₫"));
            Assert.DoesNotContain("300000000", body, StringComparison.Ordinal);
            Assert.Equal(["summary", "requestedAmount", "ownFunds", "field"], page.QuerySelectorAll("dl.answers dt").Select(d => d.GetAttribute("data-field")));
            Assert.Equal("Kinh phí xin hỗ trợ", page.QuerySelector("dl.answers dt[data-field=requestedAmount]")?.TextContent.Trim());
            Assert.Equal("300.000.000 ₫", page.QuerySelector("dl.answers dd[data-field=requestedAmount]")?.TextContent.Trim());
        }
    }

    /// <summary>A programme whose round is named "Đợt 1 năm 2026" and whose form asks the amount second.</summary>
    private static async Task<(string Id, string Key)> CreateProgrammeAsync(SiteFactory site)
    {
        var key = SupportData.NewKey();
        var definition = SupportData.Programme(key);
        definition["rounds"]![0]!["name"] = new JsonObject { ["vi"] = "Đợt 1 năm 2026", ["en"] = "Round 1 of 2026" };
        var form = definition["form"]!.AsArray();
        form.Insert(1, new JsonObject { ["key"] = "requestedAmount", ["type"] = "money", ["label"] = new JsonObject { ["vi"] = "Kinh phí xin hỗ trợ", ["en"] = "Support requested" } });
        using var staff = await site.CreateUserAsync("Staff");
        using var response = await staff.PostAsJsonAsync("/api/programmes", definition);
        return ((await Json.ReadAsync(response, HttpStatusCode.Created)).Text("id"), key);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
