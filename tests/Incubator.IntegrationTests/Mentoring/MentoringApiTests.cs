using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Mentoring;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Mentoring;

public sealed class MentoringApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_mentors_with_their_reasons_and_leave_out_linked_and_busy_ones(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (owner)
        using (stranger)
        {
            var organisation = await OrganisationAsync(owner, "agri-hitech", "cao-bang.hoa-an", "mvp");
            using (var needs = await owner.PutAsJsonAsync($"/api/organisations/{organisation}/needs", new { needs = new[] { "so-huu-tri-tue", "goi-von" }, note = "Bảo hộ nhãn hiệu" }))
            {
                var saved = await Json.ReadAsync(needs);
                Assert.Equal(["so-huu-tri-tue", "goi-von"], saved.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
            }

            var best = await MentorAsync(site, new { name = "Chuyên gia A", expertise = new[] { "so-huu-tri-tue" }, sectors = new[] { "agri-hitech" }, stages = new[] { "mvp" }, hoursPerMonth = 6, acceptsRequests = true });
            var second = await MentorAsync(site, new { name = "Chuyên gia B", expertise = new[] { "goi-von" }, hoursPerMonth = 4, acceptsRequests = true });
            var linked = await MentorAsync(site, new { name = "Chuyên gia C", expertise = new[] { "so-huu-tri-tue", "goi-von" }, sectors = new[] { "agri-hitech" }, hoursPerMonth = 10 });
            var idle = await MentorAsync(site, new { name = "Chuyên gia D", expertise = new[] { "so-huu-tri-tue", "goi-von" }, sectors = new[] { "agri-hitech" }, hoursPerMonth = 0 });
            using (var link = await staff.PutAsJsonAsync($"/api/reviewers/{Uri.EscapeDataString(linked.Email)}/links", new { organisationIds = new[] { organisation } }))
            {
                await Json.ReadAsync(link);
            }

            var list = await Json.GetAsync(owner, $"/api/organisations/{organisation}/mentor-suggestions");
            var ids = list.EnumerateArray().Select(s => s.Text("mentorId")).ToList();
            Assert.DoesNotContain(linked.MentorId, ids);
            Assert.DoesNotContain(idle.MentorId, ids);
            Assert.True(ids.IndexOf(best.MentorId) is >= 0 and var b && b < ids.IndexOf(second.MentorId), string.Join(", ", ids));

            var top = list.EnumerateArray().Single(s => s.Text("mentorId") == best.MentorId);
            Assert.Equal("Chuyên gia A", top.Text("name"));
            Assert.Equal(
                [Texts.Vi("same sector: {0}", "Nông nghiệp công nghệ cao"), Texts.Vi("expertise in {0}", "Sở hữu trí tuệ"), Texts.Vi("works with startups at the {0} stage", "Sản phẩm khả dụng tối thiểu (MVP)"), Texts.Vi("{0} hours left this month", 6)],
                top.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(MentorMatcher.SectorPoints + MentorMatcher.NeedPoints + MentorMatcher.StagePoints + 6, top.GetProperty("score").GetInt32());
            Assert.Contains("cùng lĩnh vực Nông nghiệp công nghệ cao", top.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);

            // Staff read them too; another applicant is told the organisation does not exist, and an unknown one is 404 as well.
            Assert.Equal(list.GetArrayLength(), (await Json.GetAsync(staff, $"/api/organisations/{organisation}/mentor-suggestions")).GetArrayLength());
            await Json.GetAsync(stranger, $"/api/organisations/{organisation}/mentor-suggestions", HttpStatusCode.NotFound);
            await Json.GetAsync(staff, $"/api/organisations/{Guid.NewGuid():N}/mentor-suggestions", HttpStatusCode.NotFound);
            using (var needs = await stranger.PutAsJsonAsync($"/api/organisations/{organisation}/needs", new { needs = new[] { "phap-ly" } }))
            {
                Assert.Equal(HttpStatusCode.NotFound, needs.StatusCode);
            }

            using (var bad = await owner.PutAsJsonAsync($"/api/organisations/{organisation}/needs", new { needs = new[] { "bay-len-mat-trang" } }))
            {
                Assert.Equal([Texts.Vi("Choose needs from the list.")], (await Json.ReadAsync(bad, HttpStatusCode.BadRequest)).Errors("needs"));
            }

            Assert.Equal(["so-huu-tri-tue", "goi-von"], (await Json.GetAsync(owner, $"/api/organisations/{organisation}/needs")).GetProperty("needs").EnumerateArray().Select(n => n.GetString()));

            // A linked mentor cannot be matched by hand either.
            using var conflict = await staff.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = linked.MentorId });
            Assert.Equal(Texts.Vi("This mentor is linked to the organisation and may not advise it."), (await Json.ReadAsync(conflict, HttpStatusCode.Conflict)).Text("title"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_wait_for_the_mentor_when_a_startup_requests_and_be_active_at_once_when_staff_match(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (owner)
        using (stranger)
        {
            var organisation = await OrganisationAsync(owner, "biotech", "thai-nguyen", "idea");
            var mentor = await MentorAsync(site, new { name = "Cố vấn E", expertise = new[] { "thi-truong" }, hoursPerMonth = 8, acceptsRequests = true });
            var other = await MentorAsync(site, new { name = "Cố vấn F", hoursPerMonth = 8, acceptsRequests = true });
            var staffOnly = await MentorAsync(site, new { name = "Cố vấn G", hoursPerMonth = 8, acceptsRequests = false });

            var offered = (await Json.GetAsync(owner, $"/api/organisations/{organisation}/mentor-suggestions")).EnumerateArray().ToDictionary(s => s.Text("mentorId"), s => s.GetProperty("acceptsRequests").GetBoolean());
            Assert.Equal((true, false), (offered[other.MentorId], offered[staffOnly.MentorId]));

            var requested = await Json.ReadAsync(await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = mentor.MentorId }), HttpStatusCode.Created);
            Assert.Equal(("requested", 6, organisation), (requested.Text("status"), requested.GetProperty("hoursAllocated").GetInt32(), requested.Text("organisationId")));
            Assert.Contains(Texts.Vi("{0} hours left this month", 8), requested.Text("reasons"), StringComparison.Ordinal);
            var id = requested.Text("id");

            // The mentor hears of it in-app and by e-mail, with a link to their page on the site's address.
            var mail = await site.LastEmailAsync(mentor.Email);
            Assert.Contains(Texts.Vi("Open it on the site"), mail, StringComparison.Ordinal);
            Assert.Matches("href=\"https?://[^\"]+/mentor\"", mail);
            Assert.Contains(Texts.Vi("{0} hours left this month", 8), mail, StringComparison.Ordinal);
            Assert.Equal(1, await site.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemId == id && n.Template == MentorRequestNotice.Template)));

            // A second request for the same pair, an unknown mentor or organisation, someone else's organisation.
            using (var twice = await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = mentor.MentorId }))
            {
                Assert.Equal(Texts.Vi("This mentor already works with the organisation, or a request is waiting for an answer."), (await Json.ReadAsync(twice, HttpStatusCode.Conflict)).Text("title"));
            }

            foreach (var (client, body, field, message) in new (HttpClient, object, string, string)[]
                     {
                         (owner, new { organisationId = organisation, mentorId = Guid.NewGuid().ToString("N") }, "mentorId", "There is no such mentor."),
                         (owner, new { organisationId = organisation, mentorEmail = "nobody@test.local" }, "mentorEmail", "There is no such mentor."),
                         (owner, new { organisationId = organisation }, "mentorId", "Give the mentor's id or e-mail address."),
                         (owner, new { organisationId = Guid.NewGuid().ToString("N"), mentorId = other.MentorId }, "organisationId", "There is no such organisation."),
                         (stranger, new { organisationId = organisation, mentorId = other.MentorId }, "organisationId", "There is no such organisation."),
                     })
            {
                using var refused = await client.PostAsJsonAsync("/api/matches", body);
                Assert.Equal([Texts.Vi(message)], (await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).Errors(field));
            }

            using (var direct = await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = staffOnly.MentorId }))
            {
                Assert.Equal(Texts.Vi("This mentor takes new startups through the staff only."), (await Json.ReadAsync(direct, HttpStatusCode.Conflict)).Text("title"));
            }

            // Only the mentor (or staff) answers: another mentor and the owner are told the request does not exist.
            foreach (var client in new[] { other.Client, owner })
            {
                using var notTheirs = await client.PostAsync(new Uri($"/api/matches/{id}/accept", UriKind.Relative), null);
                Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
            }

            Assert.DoesNotContain(mentor.MentorId, (await Json.GetAsync(owner, $"/api/organisations/{organisation}/mentor-suggestions")).EnumerateArray().Select(s => s.Text("mentorId")));
            var accepted = await Json.ReadAsync(await mentor.Client.PostAsync(new Uri($"/api/matches/{id}/accept", UriKind.Relative), null));
            Assert.Equal("active", accepted.Text("status"));
            using (var again = await mentor.Client.PostAsync(new Uri($"/api/matches/{id}/decline", UriKind.Relative), null))
            {
                Assert.Equal(Texts.Vi("This request has already been answered."), (await Json.ReadAsync(again, HttpStatusCode.Conflict)).Text("title"));
            }

            using (var unknown = await mentor.Client.PostAsync(new Uri($"/api/matches/{Guid.NewGuid():N}/accept", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            }

            // Staff match a mentor who takes no direct requests, by e-mail: active at once.
            var confirmed = await Json.ReadAsync(await staff.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorEmail = staffOnly.Email }), HttpStatusCode.Created);
            Assert.Equal(("active", staffOnly.MentorId), (confirmed.Text("status"), confirmed.Text("mentorId")));
            Assert.Equal(0, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == staffOnly.Email)));

            // A declined request frees the pair for a new one.
            var declinedId = (await Json.ReadAsync(await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = other.MentorId }), HttpStatusCode.Created)).Text("id");
            Assert.Equal("declined", (await Json.ReadAsync(await other.Client.PostAsync(new Uri($"/api/matches/{declinedId}/decline", UriKind.Relative), null))).Text("status"));
            var retried = await Json.ReadAsync(await owner.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = other.MentorId }), HttpStatusCode.Created);
            Assert.Equal("active", (await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/matches/{retried.Text("id")}/accept", UriKind.Relative), null))).Text("status"));

            var stored = await site.QueryAsync(db => db.Set<MentorMatch>().Where(m => m.OrganisationId == organisation).OrderBy(m => m.RequestedUtc).Select(m => new { m.MentorId, m.Status, m.DecidedBy }).ToListAsync());
            Assert.Equal(
                [(mentor.MentorId, MatchStatus.Active), (staffOnly.MentorId, MatchStatus.Active), (other.MentorId, MatchStatus.Declined), (other.MentorId, MatchStatus.Active)],
                stored.Select(m => (m.MentorId, m.Status)));
            Assert.All(stored, m => Assert.False(string.IsNullOrEmpty(m.DecidedBy)));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_a_mentors_details_to_their_account_and_refuse_bad_values(DatabaseProvider provider)
    {
        var site = sites[provider];
        var mentor = await MentorAsync(site, new { name = "Cố vấn H", expertise = new[] { "phap-ly" }, languages = new[] { "vi", "en" }, hoursPerMonth = 5 });
        var profile = await Json.GetAsync(mentor.Client, "/api/mentors/me/profile");
        Assert.Equal((mentor.MentorId, 5, false), (profile.Text("mentorId"), profile.GetProperty("hoursPerMonth").GetInt32(), profile.GetProperty("acceptsRequests").GetBoolean()));
        Assert.Equal(["vi", "en"], profile.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        foreach (var (body, field, message) in new (object, string, string)[]
                 {
                     (new { hoursPerMonth = 201 }, "hoursPerMonth", "Hours a month must be a whole number from 0 to 200."),
                     (new { expertise = new[] { "nau-an" } }, "expertise", "Choose expertise from the list."),
                     (new { sectors = new[] { "" } }, "sectors", "Choose sectors from the list."),
                     (new { languages = new[] { "vietnamese" } }, "languages", "Give languages as two-letter codes such as vi or en."),
                 })
        {
            using var refused = await mentor.Client.PutAsJsonAsync("/api/mentors/me/profile", body);
            Assert.Equal([Texts.Vi(message)], (await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).Errors(field));
        }

        var updated = await Json.ReadAsync(await mentor.Client.PutAsJsonAsync("/api/mentors/me/profile", new { hoursPerMonth = 12, acceptsRequests = true }));
        Assert.Equal((mentor.MentorId, 12, true), (updated.Text("mentorId"), updated.GetProperty("hoursPerMonth").GetInt32(), updated.GetProperty("acceptsRequests").GetBoolean()));
        Assert.Equal(["phap-ly"], updated.GetProperty("expertise").EnumerateArray().Select(e => e.GetString()));

        // The details belong to the mentor's draft directory entry, which their account owns; an applicant has none.
        var owner = await site.QueryAsync(db => db.Mentors.Where(m => m.ContentItemId == mentor.MentorId && m.Latest).Select(m => new { m.OwnerId, m.Title, m.Published }).SingleAsync());
        Assert.Equal(("Cố vấn H", false), (owner.Title, owner.Published));
        Assert.False(string.IsNullOrEmpty(owner.OwnerId));
        var (applicant, _, _) = await site.CreateApplicantAsync();
        using (applicant)
        {
            using var forbidden = await applicant.PutAsJsonAsync("/api/mentors/me/profile", new { hoursPerMonth = 3 });
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_make_one_match_when_ten_requests_for_the_same_pair_race(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var organisation = await OrganisationAsync(owner, "health", "quang-ngai", "growth");
            var mentor = await MentorAsync(site, new { name = "Cố vấn K", hoursPerMonth = 5, acceptsRequests = true });
            var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                (i % 2 == 0 ? staff : owner).PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId = mentor.MentorId })));
            try
            {
                Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
                Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }

            Assert.Equal(1, await site.QueryAsync(db => db.Set<MentorMatch>().CountAsync(m => m.OrganisationId == organisation)));
        }
    }

    private sealed record MentorAccount(HttpClient Client, string Email, string MentorId);

    private static async Task<MentorAccount> MentorAsync(SiteFactory site, object profile)
    {
        var (email, password) = await site.CreateAccountAsync("Mentor");
        var client = await site.CreateApiClientAsync(email, password);
        using var saved = await client.PutAsJsonAsync("/api/mentors/me/profile", profile);
        return new MentorAccount(client, email, (await Json.ReadAsync(saved)).Text("mentorId"));
    }

    private static async Task<string> OrganisationAsync(HttpClient owner, string sector, string locality, string stage)
    {
        using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Khởi nghiệp {Guid.NewGuid():N}", summary = "Nông sản", sectors = new[] { sector }, locality, stage });
        return (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
    }
}
