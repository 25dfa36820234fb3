using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Mentoring;

public sealed class MentoringPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_a_startup_state_needs_and_request_a_mentor_who_accepts_on_their_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var created = await applicant.Api.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Trà {Guid.NewGuid():N}", summary = "Trà", sectors = new[] { "medicinal-herbs" }, locality = "thai-nguyen" });
        var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        var (mentorEmail, mentorPassword) = await site.CreateAccountAsync("Mentor");
        using var mentorApi = await site.CreateApiClientAsync(mentorEmail, mentorPassword);
        using var saved = await mentorApi.PutAsJsonAsync("/api/mentors/me/profile", new { name = "Cố vấn Dược liệu", expertise = new[] { "phap-ly" }, sectors = new[] { "medicinal-herbs" }, hoursPerMonth = 3, acceptsRequests = true });
        var mentorId = (await Json.ReadAsync(saved)).Text("mentorId");

        // The owner ticks a need; the suggestion lists its reasons in Vietnamese.
        var url = $"/my/organisations/{organisation}/mentors";
        var page = await Forms.GetAsync(applicant.Browser, url);
        Assert.NotNull(page.QuerySelector("form#needs fieldset legend"));
        using (var needs = await Forms.FillAndSubmitAsync(applicant.Browser, page, "form#needs", new Dictionary<string, string[]> { ["Form.Needs"] = ["phap-ly"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, needs.StatusCode);
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Your needs are saved; the suggestions follow them."), page.QuerySelector("[role=status]")?.TextContent.Trim());
        Assert.True(page.QuerySelector("input[name='Form.Needs'][value='phap-ly']")?.HasAttribute("checked"));
        var card = page.QuerySelector($"#suggestions li[data-mentor='{mentorId}']")!;
        Assert.Equal(
            [Texts.Vi("same sector: {0}", "Dược liệu"), Texts.Vi("expertise in {0}", "Pháp lý"), Texts.Vi("{0} hours left this month", 3)],
            card.QuerySelectorAll(".reasons li").Select(r => r.TextContent.Trim()));

        using (var requested = await Forms.SubmitAsync(applicant.Browser, page, $"#suggestions li[data-mentor='{mentorId}'] form", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Waiting for the mentor"), page.QuerySelector("#matches .status")?.TextContent.Trim());
        Assert.Null(page.QuerySelector($"#suggestions li[data-mentor='{mentorId}']"));

        // Someone else's organisation does not exist for them.
        using (var stranger = await site.CreateBrowserUserAsync("Applicant"))
        using (var hidden = await stranger.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // The mentor accepts on their own page; their notifications name the request in words of its own.
        using var mentor = await site.CreateSignedInBrowserAsync(mentorEmail, mentorPassword);
        var notices = await Forms.GetAsync(mentor, "/notifications");
        Assert.Equal(Texts.Vi("A startup asks you to be its mentor"), notices.QuerySelector(".notifications li h2")?.TextContent.Trim());
        var own = await Forms.GetAsync(mentor, "/mentor");
        var request = own.QuerySelector("#requests li[data-match]")!;
        Assert.Contains(Texts.Vi("expertise in {0}", "Pháp lý"), request.TextContent, StringComparison.Ordinal);
        using (var accepted = await Forms.SubmitAsync(mentor, own, "#requests form.accept", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        own = await Forms.GetAsync(mentor, "/mentor");
        Assert.Equal(Texts.Vi("You accepted the request."), own.QuerySelector("[role=status]")?.TextContent.Trim());
        Assert.Null(own.QuerySelector("#requests li[data-match]"));
        Assert.NotNull(own.QuerySelector("#active li[data-match]"));

        // Their details form refuses too many hours beside the field and keeps the old value.
        using (var refused = await Forms.FillAndSubmitAsync(mentor, own, "form#details", new Dictionary<string, string[]> { ["Form.HoursPerMonth"] = ["500"] }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var again = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("Hours a month must be a whole number from 0 to 200."), again.QuerySelector("#Form_HoursPerMonth-error")?.TextContent.Trim());
        }

        Assert.Equal(3, (await Json.GetAsync(mentorApi, "/api/mentors/me/profile")).GetProperty("hoursPerMonth").GetInt32());
        using (var kept = await Forms.FillAndSubmitAsync(mentor, own, "form#details", new Dictionary<string, string[]> { ["Form.HoursPerMonth"] = ["9"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        }

        var profile = await Json.GetAsync(mentorApi, "/api/mentors/me/profile");
        Assert.Equal((9, true), (profile.GetProperty("hoursPerMonth").GetInt32(), profile.GetProperty("acceptsRequests").GetBoolean()));
        Assert.Equal(["medicinal-herbs"], profile.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_stop_offering_a_mentor_and_forget_who_asked_when_the_mentors_account_is_deleted(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Gốm {Guid.NewGuid():N}", summary = "Gốm", sectors = new[] { "ocop" }, locality = "quang-ngai" });
            var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
            var (email, password) = await site.CreateAccountAsync("Mentor");
            using var api = await site.CreateApiClientAsync(email, password);
            using var saved = await api.PutAsJsonAsync("/api/mentors/me/profile", new { name = "Cố vấn Gốm", sectors = new[] { "ocop" }, hoursPerMonth = 4, acceptsRequests = true });
            var mentorId = (await Json.ReadAsync(saved)).Text("mentorId");
            var match = (await Json.ReadAsync(await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId }), HttpStatusCode.Created)).Text("id");
            await Json.ReadAsync(await api.PostAsync(new Uri($"/api/matches/{match}/accept", UriKind.Relative), null));

            using var browser = await site.CreateSignedInBrowserAsync(email, password);
            var page = await Forms.GetAsync(browser, "/account/personal-data");
            using (var asked = await Forms.SubmitAsync(browser, page, "#delete-form", [new("Password", password)]))
            {
                Assert.Equal("/account/personal-data", Forms.Location(asked));
            }

            using var staff = await site.CreateBrowserUserAsync("Staff");
            var queue = await Forms.GetAsync(staff, "/admin/personal-data");
            var requestId = queue.QuerySelectorAll("#pending-requests tr[data-request]").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal)).GetAttribute("data-request");
            using (var completed = await Forms.SubmitAsync(staff, queue, $"tr[data-request='{requestId}'] form.complete-request", [new("note", "Yêu cầu qua cổng")]))
            {
                Assert.Equal("/admin/personal-data", Forms.Location(completed));
            }

            var details = await site.QueryAsync(db => db.Set<Incubator.Web.Features.Mentoring.MentorDetails>().AsNoTracking().SingleAsync(d => d.MentorId == mentorId));
            Assert.Equal((null, 0, false), (details.UserId, details.HoursPerMonth, details.AcceptsRequests));
            var kept = await site.QueryAsync(db => db.Set<Incubator.Web.Features.Mentoring.MentorMatch>().AsNoTracking().SingleAsync(m => m.Id == match));
            Assert.Equal((Incubator.Web.Features.Mentoring.MatchStatus.Active, null), (kept.Status, kept.DecidedBy));
            Assert.False(string.IsNullOrEmpty(kept.RequestedBy));
            Assert.DoesNotContain(mentorId, (await Json.GetAsync(owner, $"/api/organisations/{organisation}/mentor-suggestions")).EnumerateArray().Select(s => s.Text("mentorId")));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_staff_confirm_a_waiting_request_on_the_mentoring_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "enterprise", name = $"Cơ khí {Guid.NewGuid():N}", summary = "Cơ khí", sectors = new[] { "industry" }, locality = "cao-bang" });
            var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
            var (mentorEmail, mentorPassword) = await site.CreateAccountAsync("Mentor");
            using var mentorApi = await site.CreateApiClientAsync(mentorEmail, mentorPassword);
            using var saved = await mentorApi.PutAsJsonAsync("/api/mentors/me/profile", new { name = "Cố vấn Cơ khí", hoursPerMonth = 4, acceptsRequests = true });
            var mentorId = (await Json.ReadAsync(saved)).Text("mentorId");
            var match = (await Json.ReadAsync(await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId }), HttpStatusCode.Created)).Text("id");

            using var staff = await site.CreateBrowserUserAsync("Staff");
            var page = await Forms.GetAsync(staff, "/admin/mentoring");
            var row = page.QuerySelector($"#matches tr[data-match='{match}']")!;
            Assert.Equal("Cố vấn Cơ khí", row.QuerySelectorAll("td")[0].TextContent.Trim());
            Assert.Equal(Texts.Vi("Waiting for the mentor"), row.QuerySelector(".status")?.TextContent.Trim());
            using (var confirmed = await Forms.SubmitAsync(staff, page, $"#matches tr[data-match='{match}'] form.confirm", []))
            {
                Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            }

            page = await Forms.GetAsync(staff, "/admin/mentoring?status=active");
            Assert.Equal(Texts.Vi("The match is confirmed."), page.QuerySelector("[role=status]")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Active"), page.QuerySelector($"#matches tr[data-match='{match}'] .status")?.TextContent.Trim());
            Assert.Null((await Forms.GetAsync(staff, "/admin/mentoring")).QuerySelector($"#matches tr[data-match='{match}']"));

            using var applicant = await site.CreateBrowserUserAsync("Applicant");
            using var denied = await applicant.GetAsync(new Uri("/admin/mentoring", UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(denied), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_match_from_the_organisations_page_show_it_to_the_owner_and_let_the_owner_end_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var created = await applicant.Api.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Sen {Guid.NewGuid():N}", summary = "Sen", sectors = new[] { "industry" }, locality = "cao-bang" });
        var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        var (mentorEmail, mentorPassword) = await site.CreateAccountAsync("Mentor");
        using var mentorApi = await site.CreateApiClientAsync(mentorEmail, mentorPassword);
        var name = $"Cố vấn Sen {Guid.NewGuid():N}"[..24];
        using var saved = await mentorApi.PutAsJsonAsync("/api/mentors/me/profile", new { name, sectors = new[] { "industry" }, hoursPerMonth = 5, acceptsRequests = true });
        var mentorId = (await Json.ReadAsync(saved)).Text("mentorId");

        // Staff match from the organisation's back-office page: the suggestion's button, active at once.
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var admin = await Forms.GetAsync(staff, $"/admin/organisations/{organisation}");
        Assert.NotNull(admin.QuerySelector($"#mentoring li[data-mentor='{mentorId}']"));
        using (var matched = await Forms.SubmitAsync(staff, admin, $"#mentoring li[data-mentor='{mentorId}'] form", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, matched.StatusCode);
            Assert.StartsWith($"/admin/organisations/{organisation}", Forms.Location(matched), StringComparison.Ordinal);
        }

        admin = await Forms.GetAsync(staff, $"/admin/organisations/{organisation}");
        Assert.Equal(Texts.Vi("The match is confirmed."), admin.QuerySelector("#mentoring [role=status]")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Active"), admin.QuerySelector("#mentoring li[data-match] .status")?.TextContent.Trim());
        var match = admin.QuerySelector("#mentoring li[data-match]")!.GetAttribute("data-match")!;

        // A second match of the pair, by the mentor's e-mail, is refused with the reason and changes nothing.
        using (var again = await Forms.FillAndSubmitAsync(staff, admin, "#mentoring form.match-by-email", new Dictionary<string, string[]> { ["mentorEmail"] = [mentorEmail] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.NotEqual(Texts.Vi("The match is confirmed."), (await Forms.GetAsync(staff, $"/admin/organisations/{organisation}")).QuerySelector("#mentoring [role=status]")?.TextContent.Trim());
        Assert.Equal(1, await site.QueryAsync(db => db.Set<Incubator.Web.Features.Mentoring.MentorMatch>().CountAsync(m => m.OrganisationId == organisation)));

        // The owner's organisation page shows the mentor and links to the mentors page.
        var mine = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{organisation}");
        Assert.Equal(name, mine.QuerySelector($"#owner-mentors li[data-match='{match}']")?.ChildNodes[0].TextContent.Trim());
        Assert.Equal($"/my/organisations/{organisation}/mentors", mine.QuerySelector("#owner-mentors a")?.GetAttribute("href"));

        // Nobody else may end it; the owner does, with a reason, and it ends once.
        var (strangerApi, _, _) = await site.CreateApplicantAsync();
        using (strangerApi)
        using (var refused = await strangerApi.PostAsJsonAsync($"/api/matches/{match}/end", new { reason = "x" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var mentors = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{organisation}/mentors");
        using (var ended = await Forms.FillAndSubmitAsync(applicant.Browser, mentors, $"#matches li[data-match='{match}'] form", new Dictionary<string, string[]> { ["reason"] = ["Đã đủ hỗ trợ"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        mentors = await Forms.GetAsync(applicant.Browser, $"/my/organisations/{organisation}/mentors");
        Assert.Equal(Texts.Vi("The match has ended."), mentors.QuerySelector("[role=status]")?.TextContent.Trim());
        var row = await site.QueryAsync(db => db.Set<Incubator.Web.Features.Mentoring.MentorMatch>().SingleAsync(m => m.Id == match));
        Assert.Equal((Incubator.Web.Features.Mentoring.MatchStatus.Ended, "Đã đủ hỗ trợ"), (row.Status, row.EndReason));
        Assert.NotNull(row.EndedUtc);
        using var second = await mentorApi.PostAsJsonAsync($"/api/matches/{match}/end", new { });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Null((await Forms.GetAsync(applicant.Browser, $"/my/organisations/{organisation}")).QuerySelector($"#owner-mentors li[data-match='{match}']"));
    }
}
