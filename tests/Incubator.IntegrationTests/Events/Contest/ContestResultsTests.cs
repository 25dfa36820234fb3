using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events.Contest;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Events.Contest;

/// <summary>
/// A contest's entry round: entries are applications to the contest's programme; staff record each one's result, which
/// lands in the contest-entry records and so moves the province's targets.
/// </summary>
public sealed class ContestResultsTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_write_a_result_to_the_contest_records_and_move_the_targets_when_staff_record_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await SupportApplications.CreateProgrammeAsync(staff);
        var slug = EventArrange.Slug("hoi-thi");
        await EventArrange.CreateAsync(staff, slug, capacity: null, overrides: new()
        {
            ["kind"] = "contest",
            ["title"] = new { vi = "Hội thi Sáng tạo kỹ thuật tỉnh lần thứ 12" },
            ["startsAt"] = "2031-09-10T08:00",
            ["endsAt"] = "2031-09-10T17:00",
            ["programmeKey"] = programme.Key,
        });
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var applicantClient = applicant;
        var draft = await SupportApplications.CreateApplicationAsync(applicant, programme.Id);
        var entry = await SupportApplications.CreateApplicationAsync(applicant, programme.Id);
        await SupportApplications.SubmitCompleteAsync(applicant, entry);

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (national, applied) = ($"t-national-{suffix}", $"t-applied-{suffix}");
        await site.RunRecipeAsync(JsonSerializer.Serialize(new
        {
            name = "contest-targets",
            description = "Targets counted from contest entries.",
            steps = new object[]
            {
                new
                {
                    name = "Targets",
                    targets = new object[]
                    {
                        Target(national, new { measure = "count", source = "contestEntries", filter = new { results = new[] { "qualified-national" }, from = "2031-01-01", to = "2031-12-31" } }),
                        Target(applied, new { measure = "count", source = "contestEntries", filter = new { appliedInProduction = true, from = "2031-01-01", to = "2031-12-31" } }),
                    },
                },
            },
        }));
        var before = await ActualsAsync(site, national, applied);

        // Only submitted entries are listed, and a draft cannot be given a result.
        var entries = await Json(await staff.GetAsync($"/api/events/{slug}/results"));
        Assert.Equal([entry], entries.EnumerateArray().Select(e => e.GetProperty("applicationId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync($"/api/events/{slug}/results/{draft}", new { prize = "first" })).StatusCode);
        using (var bad = await staff.PutAsJsonAsync($"/api/events/{slug}/results/{entry}", new { prize = "gold" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(Texts.Vi("Choose the prize: first, second, third, consolation or none."), (await Json(bad)).GetProperty("errors").GetProperty("prize")[0].GetString());
        }

        using (var first = await staff.PutAsJsonAsync($"/api/events/{slug}/results/{entry}", new { prize = "second", sentToNational = true, appliedInProduction = true }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("second", (await Json(first)).GetProperty("prize").GetString());
        }

        var record = await site.QueryAsync(db => db.ContestEntries.AsNoTracking().SingleAsync(c => c.Key == ContestResults.EntryKey(entry)));
        Assert.Equal(Incubator.Web.Features.Records.ContestResult.QualifiedNational, record.Result);
        Assert.True(record.AppliedInProduction);
        Assert.StartsWith("2031-hoi-thi-", record.Round, StringComparison.Ordinal);
        Assert.Equal((before.National + 1, before.Applied + 1), await ActualsAsync(site, national, applied));

        // A changed result updates the same record: one entry, counted once.
        (await staff.PutAsJsonAsync($"/api/events/{slug}/results/{entry}", new { prize = "first", sentToNational = false, appliedInProduction = true })).Dispose();
        var records = await site.QueryAsync(db => db.ContestEntries.AsNoTracking().Where(c => c.Key == ContestResults.EntryKey(entry)).ToListAsync());
        Assert.Equal(Incubator.Web.Features.Records.ContestResult.First, Assert.Single(records).Result);
        Assert.Equal((before.National, before.Applied + 1), await ActualsAsync(site, national, applied));

        // The applicant may not record results.
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PutAsJsonAsync($"/api/events/{slug}/results/{entry}", new { prize = "first" })).StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_record_a_result_from_the_page_without_script_when_staff_submit_its_form(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        var programme = await SupportApplications.CreateProgrammeAsync(staffApi);
        var slug = EventArrange.Slug("hoi-thi");
        await EventArrange.CreateAsync(staffApi, slug, capacity: null, overrides: new() { ["kind"] = "contest", ["programmeKey"] = programme.Key });
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using var applicantClient = applicant;
        var entry = await SupportApplications.CreateApplicationAsync(applicant, programme.Id);
        await SupportApplications.SubmitCompleteAsync(applicant, entry);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        // The back office's list and the event's editor lead to the results of a contest.
        var list = await Forms.GetAsync(staff, "/admin/events?when=all");
        Assert.NotNull(list.QuerySelector($"tr[data-event='{slug}'] a[href='/admin/events/{slug}/results']"));
        var editor = await Forms.GetAsync(staff, $"/admin/events/{slug}/edit");
        Assert.NotNull(editor.QuerySelector($"#event-links a[href='/admin/events/{slug}/results']"));
        Assert.NotNull(editor.QuerySelector($"#event-links a[href='/admin/events/{slug}/check-in']"));

        var page = await Forms.GetAsync(staff, $"/admin/events/{slug}/results");
        using var saved = await Forms.FillAndSubmitAsync(staff, page, $"#entry-{entry} form", new Dictionary<string, string[]> { ["Prize"] = ["consolation"], ["AppliedInProduction"] = ["true"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var record = await site.QueryAsync(db => db.ContestEntries.AsNoTracking().SingleAsync(c => c.Key == ContestResults.EntryKey(entry)));
        Assert.Equal(Incubator.Web.Features.Records.ContestResult.Consolation, record.Result);
        var after = await Forms.GetAsync(staff, Forms.Location(saved));
        Assert.Equal(Texts.Vi("The result is saved and the contest-entry record updated."), after.QuerySelector("p.notice")!.TextContent.Trim());
        Assert.Equal("consolation", ((AngleSharp.Html.Dom.IHtmlSelectElement)after.QuerySelector($"#prize-{entry}")!).Value);

        // The contest's public page leads to its entry form (the programme's page).
        using var visitor = site.CreateClient();
        var eventPage = await Forms.GetAsync(visitor, $"/events/{slug}");
        Assert.Equal($"/programmes/{programme.Key}", eventPage.QuerySelector("#contest-entry a")?.GetAttribute("href"));

        // An event that is not a contest has no round.
        var training = await EventArrange.CreateAsync(staffApi);
        var plain = await Forms.GetAsync(staff, $"/admin/events/{training.GetProperty("slug").GetString()}/results");
        Assert.Empty(plain.QuerySelectorAll("form.contest-result"));
        using var applicantBrowser = await site.CreateBrowserUserAsync("Applicant");
        using var denied = await applicantBrowser.GetAsync(new Uri($"/admin/events/{slug}/results", UriKind.Relative));
        Assert.StartsWith("/account/denied", Forms.Location(denied), StringComparison.Ordinal);
    }

    private static object Target(string key, object indicator) => new
    {
        key,
        title = new { vi = "Chỉ tiêu hội thi", en = "Contest target" },
        plan = "Kế hoạch thử",
        baseline = 0,
        target = new { min = 1_000 },
        unit = new { vi = "giải pháp", en = "solutions" },
        startYear = 2031,
        deadline = 2035,
        indicator,
    };

    private static async Task<(decimal National, decimal Applied)> ActualsAsync(SiteFactory site, string national, string applied)
    {
        using var anonymous = site.CreateClient();
        var targets = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/targets", UriKind.Relative))).RootElement;
        decimal Actual(string key) => targets.EnumerateArray().Single(t => t.GetProperty("key").GetString() == key).GetProperty("actual").GetDecimal();
        return (Actual(national), Actual(applied));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
