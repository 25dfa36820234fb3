using System.Net;
using System.Net.Http.Json;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.IntegrationTests.Reviews;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Applications;

/// <summary>
/// The messages that carry a decision: the approval's e-mail and notice name its number, date and amount with a link on
/// the site's address; a rejection by the council's scores says why in the history and the e-mail; the public list of
/// approved support shows localities, a total and a filter by year and programme.
/// </summary>
public sealed class DecisionMessagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_state_the_decision_number_date_and_amount_with_a_link_when_the_approval_is_mailed_and_noticed(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("mail-" + Guid.NewGuid().ToString("N")[..8]));
        using var owner = await site.CreateApplicantWithBrowserAsync();
        var id = await SubmittedAsync(owner.Api, programme, await Organisations.OrganisationApiTests.CreateAsync(owner.Api, "startup", $"Nông sản sạch {Guid.NewGuid():N}"));
        await Council.ScoreAsync(site, staff, id, (35, 55));
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var today = VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime);

        using (var approved = await DecisionPageTests.ApproveAsync(leader, id, "250.000.000", today))
        {
            Assert.Equal($"/admin/applications/{id}", Forms.Location(approved));
        }

        var email = await site.LastEmailAsync(owner.Email);
        var vi = Texts.Vi("Decision No. {0} dated {1} grants support of {2}.", "125/QĐ-SKHCN", today, "250.000.000 ₫");
        Assert.Contains(vi, email, StringComparison.Ordinal);
        Assert.Contains($"Decision No. 125/QĐ-SKHCN dated {today} grants support of 250.000.000 ₫.", email, StringComparison.Ordinal);
        var links = site.Services.GetRequiredService<SiteLinks>();
        Assert.Equal(new Uri(links.Absolute($"/my/applications/{id}")), Mailbox.Link(email, $"/my/applications/{id}"));
        var notices = await Forms.GetAsync(owner.Browser, "/notifications");
        Assert.Contains(notices.QuerySelectorAll("ul.notifications li"), n => n.TextContent.Contains(vi, StringComparison.Ordinal));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_say_why_in_the_history_and_the_e_mail_when_the_council_s_mean_is_below_the_pass_mark(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("below-" + Guid.NewGuid().ToString("N")[..8]));
        using var owner = await site.CreateApplicantWithBrowserAsync();
        var id = await SubmittedAsync(owner.Api, programme, await Organisations.OrganisationApiTests.CreateAsync(owner.Api, "startup", $"Nông sản sạch {Guid.NewGuid():N}"));

        // Totals 65, 64 and 64: none is set aside, the mean is 64,33.
        await Council.ScoreAsync(site, staff, id, (25, 40), (26, 38), (25, 39));

        const string reason = "Không đạt: điểm trung bình 64,33 < 70";
        Assert.Equal(reason, Texts.Vi("Not passed: mean score {0} < {1}", "64,33", "70"));
        Assert.Equal("rejected", (await Json.GetAsync(owner.Api, $"/api/applications/{id}")).Text("status"));
        var history = (await Json.GetAsync(owner.Api, $"/api/items/{id}/workflow")).GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("comment").GetString() == reason);
        var page = await Forms.GetAsync(owner.Browser, $"/my/applications/{id}");
        Assert.Contains(page.QuerySelectorAll("table.history tbody tr"), r => r.Children[1].TextContent.Trim() == Texts.Vi("Council's verdict") && r.Children[2].TextContent.Trim() == reason);
        var email = await site.LastEmailAsync(owner.Email);
        Assert.Contains(reason.Replace("<", "&lt;", StringComparison.Ordinal), email, StringComparison.Ordinal);
        Assert.Contains("Not passed: mean score 64.33 &lt; 70", email, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_criterion_when_more_than_a_quarter_of_the_reviewers_gave_it_0(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("zero-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);

        await Council.ScoreAsync(site, staff, id, (0, 55), (38, 58), (36, 56));

        var reason = Texts.Vi("Not passed: more than {0}% of the reviewers gave 0 points on “{1}”", "25", "Tính mới");
        var history = (await Json.GetAsync(applicant, $"/api/items/{id}/workflow")).GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("comment").GetString() == reason);
        var ownerEmail = await site.QueryAsync(db => db.Applications.Where(a => a.Id == id).Join(db.Users, a => a.OwnerId, u => u.Id, (a, u) => u.Email).SingleAsync());
        var email = await site.LastEmailAsync(ownerEmail!);
        Assert.Contains(Texts.Vi("Not passed: more than {0}% of the reviewers gave 0 points on “{1}”", "25", "Tính mới").Split('“')[0], email, StringComparison.Ordinal);
        Assert.Contains("Tính mới", email, StringComparison.Ordinal);
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_approved_support_with_its_locality_and_total_and_filter_it_by_year_and_programme(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var first = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("list-a-" + Guid.NewGuid().ToString("N")[..8]));
        var second = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("list-b-" + Guid.NewGuid().ToString("N")[..8]));
        var today = VietnamTime.FormatDate(site.Clock.GetUtcNow().UtcDateTime);
        var ids = new List<string>();
        foreach (var (programme, amount) in new[] { (first, "250.000.000"), (first, "100.000.000"), (second, "150.000.000") })
        {
            using var owner = await site.CreateApplicantWithBrowserAsync();
            var organisation = await PublishedStartupAsync(owner.Api, staffBrowser, "cao-bang.thuc-phan");
            var id = await SubmittedAsync(owner.Api, programme, organisation);
            await Council.ScoreAsync(site, staff, id, (35, 55));
            using var approved = await DecisionPageTests.ApproveAsync(leader, id, amount, today);
            Assert.Equal($"/admin/applications/{id}", Forms.Location(approved));
            ids.Add(id);
        }

        // The second programme's decision was signed last year.
        var lastYear = DateOnly.FromDateTime(VietnamTime.ToLocal(site.Clock.GetUtcNow().UtcDateTime)).Year - 1;
        await site.QueryAsync(db => db.Applications.Where(a => a.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(a => a.DecisionDate, new DateOnly(lastYear, 11, 20))));
        using var anonymous = site.CreateClient();

        var ofFirst = await Forms.GetAsync(anonymous, $"/support/approved?programme={first}");
        Assert.Equal([first, first], ofFirst.QuerySelectorAll("table.approved tbody tr").Select(r => r.GetAttribute("data-programme")));
        Assert.Equal(["Phường Thục Phán", "Phường Thục Phán"], ofFirst.QuerySelectorAll("table.approved tbody td.locality").Select(c => c.TextContent.Trim()));
        Assert.Equal("350.000.000 ₫", ofFirst.QuerySelector("table.approved tfoot td.money")?.TextContent.Trim());
        Assert.NotNull(ofFirst.QuerySelector($"select[name=programme] option[value='{first}'][selected]"));

        var lastYearOfSecond = await Forms.GetAsync(anonymous, $"/support/approved?year={lastYear}&programme={second}");
        Assert.Equal([second], lastYearOfSecond.QuerySelectorAll("table.approved tbody tr").Select(r => r.GetAttribute("data-programme")));
        Assert.Equal("150.000.000 ₫", lastYearOfSecond.QuerySelector("table.approved tfoot td.money")?.TextContent.Trim());
        var lastYearOfFirst = await Forms.GetAsync(anonymous, $"/support/approved?year={lastYear}&programme={first}");
        Assert.Empty(lastYearOfFirst.QuerySelectorAll("table.approved tbody tr"));
        Assert.Contains(Texts.Vi("No approved support matches this filter."), lastYearOfFirst.Body!.TextContent, StringComparison.Ordinal);

        var api = (await Json.GetAsync(anonymous, $"/api/support/approved?year={lastYear}&programme={second}")).EnumerateArray().ToList();
        Assert.Equal([(150_000_000L, "Phường Thục Phán", lastYear)], api.Select(s => (s.GetProperty("amount").GetInt64(), s.Text("locality"), s.GetProperty("year").GetInt32())));
    }

    /// <summary>An application of the organisation to the programme with valid answers, submitted; returns its id.</summary>
    private static async Task<string> SubmittedAsync(HttpClient applicant, string programmeId, string organisationId)
    {
        using var created = await applicant.PostAsJsonAsync("/api/applications", new { programmeId, organisationId });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        using (var saved = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Chuỗi giá trị nông sản", field = "agri", employees = 12 }, requestedAmount = 250_000_000 }))
        {
            await Json.ReadAsync(saved);
        }

        using var submitted = await applicant.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return id;
    }

    /// <summary>A startup of the applicant in the locality, published by staff's moderation so the public list may name it.</summary>
    private static async Task<string> PublishedStartupAsync(HttpClient applicant, HttpClient staffBrowser, string locality)
    {
        using var created = await applicant.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Trà hoa vàng {Guid.NewGuid():N}", summary = "Trà sấy lạnh", locality });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        await Organisations.OrganisationApiTests.SubmitAsync(applicant, id);
        await Moderation.ApproveAsync(staffBrowser, id);
        return id;
    }
}
