using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Applications;

/// <summary>From screening to closure over HTTP: reviewers, consolidation, the leader's decision and the budget, funding and reports.</summary>
public sealed class ReviewAndDecisionTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_walk_an_application_from_screening_to_a_closed_funded_project(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var leader = await site.CreateUserAsync(Roles.Leader);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("walk-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, organisationId, id) = await ProgrammeData.DraftAsync(site, programme, requestedAmount: 250_000_000);
        await ProgrammeData.SubmitAsync(applicant, id);
        var reviewers = new List<(HttpClient Client, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
            reviewers.Add((await site.CreateApiClientAsync(email, password), email));
        }

        using (var assigned = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = reviewers.Select(r => r.Email) }))
        {
            Assert.Equal(3, (await Json.ReadAsync(assigned)).GetArrayLength());
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        Assert.Equal("in-review", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));

        // Before declaring no conflict, a reviewer cannot read the application; scoring without it is refused.
        using (var unseen = await reviewers[0].Client.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        }

        using (var undeclared = await reviewers[0].Client.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { scores = new { novelty = 30, feasibility = 50 } }))
        {
            Assert.NotEmpty((await Json.ReadAsync(undeclared, HttpStatusCode.BadRequest)).Errors("noConflict"));
        }

        using (var declared = await reviewers[0].Client.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true }))
        {
            Assert.True((await Json.ReadAsync(declared)).GetProperty("noConflictDeclared").GetBoolean());
        }

        Assert.Equal(id, (await Json.GetAsync(reviewers[0].Client, $"/api/applications/{id}")).Text("id"));
        using (var tooMany = await reviewers[0].Client.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { scores = new { novelty = 41, feasibility = 50 } }))
        {
            Assert.NotEmpty((await Json.ReadAsync(tooMany, HttpStatusCode.BadRequest)).Errors("scores.novelty"));
        }

        // Sheets of 80, 78 and 50: the 50 is more than 20% below the mean and set aside; the mean of the others passes 70.
        var sheets = new[] { (30, 50), (28, 50), (20, 30) };
        for (var i = 0; i < 3; i++)
        {
            using var scored = await reviewers[i].Client.PutAsJsonAsync(
                $"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = sheets[i].Item1, feasibility = sheets[i].Item2 }, comment = $"Nhận xét {i}" });
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        }

        using (var again = await reviewers[0].Client.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { scores = new { novelty = 1, feasibility = 1 } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        Assert.Equal(HttpStatusCode.Forbidden, await ProgrammeData.ActAsync(staff, id, "approve", data: Decision(site, 250_000_000)));
        Assert.Equal(HttpStatusCode.BadRequest, await ProgrammeData.ActAsync(leader, id, "approve", data: Decision(site, 300_000_001)));
        Assert.Equal(HttpStatusCode.BadRequest, await ProgrammeData.ActAsync(leader, id, "approve", data: new { decisionNumber = "12/QĐ-SKHCN", approvedAmount = "250000000" }));
        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(leader, id, "approve", data: Decision(site, 250_000_000)));

        var funded = await Json.GetAsync(applicant, $"/api/applications/{id}");
        Assert.Equal("funded", funded.Text("status"));
        var decision = funded.GetProperty("decision");
        Assert.Equal(("125/QĐ-SKHCN", ProgrammeData.Today(site), 250_000_000L), (decision.Text("number"), decision.Text("date"), decision.GetProperty("approvedAmount").GetInt64()));
        Assert.Equal(250_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
        using var anonymous = site.CreateClient();
        Assert.Contains((await Json.GetAsync(anonymous, "/api/support/approved")).EnumerateArray(), s => s.Text("decisionNumber") == "125/QĐ-SKHCN" && s.GetProperty("amount").GetInt64() == 250_000_000);
        using (var renamed = await applicant.PutAsJsonAsync($"/api/organisations/{organisationId}", new { name = "Tên nháp chưa duyệt" }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        Assert.DoesNotContain((await Json.GetAsync(anonymous, "/api/support/approved")).EnumerateArray(), s => s.Text("organisation").Contains("nháp", StringComparison.Ordinal));
        var title = (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("title");
        var page = await Forms.GetAsync(anonymous, "/support/approved");
        Assert.Contains(page.QuerySelectorAll("table.approved tbody tr"), r => title.StartsWith(r.Children[0].TextContent.Trim(), StringComparison.Ordinal) && r.Children[2].TextContent.Trim() == "250.000.000 ₫");

        using (var milestone = await staff.PostAsJsonAsync($"/api/applications/{id}/milestones", new { title = "Đợt 1", amount = 150_000_000, dueOn = "2026-07-01", reportDueOn = "2026-01-15" }))
        {
            Assert.True((await Json.ReadAsync(milestone, HttpStatusCode.Created)).GetProperty("reportOverdue").GetBoolean());
        }

        using (var overspent = await staff.PostAsJsonAsync($"/api/applications/{id}/milestones", new { title = "Đợt 2", amount = 150_000_000, dueOn = "2026-09-01" }))
        {
            Assert.NotEmpty((await Json.ReadAsync(overspent, HttpStatusCode.BadRequest)).Errors("amount"));
        }

        using (var noAnswer = await applicant.PostAsJsonAsync($"/api/applications/{id}/reports", new { kind = "final", text = "Đã hoàn thành" }))
        {
            Assert.NotEmpty((await Json.ReadAsync(noAnswer, HttpStatusCode.BadRequest)).Errors("appliedInProduction"));
        }

        using (var final = await applicant.PostAsJsonAsync($"/api/applications/{id}/reports", new { kind = "final", text = "Đã hoàn thành, áp dụng tại 3 hợp tác xã", appliedInProduction = true }))
        {
            Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "accept-report"));
        var closed = await Json.GetAsync(applicant, $"/api/applications/{id}");
        Assert.Equal("closed", closed.Text("status"));
        Assert.True(await site.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.AppliedInProduction == true).SingleAsync()));
        var workflow = await Json.GetAsync(staff, $"/api/items/{id}/workflow");
        Assert.Equal("finished", workflow.Text("status"));
        var ownerId = await site.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.OwnerId).SingleAsync());
        var told = await site.QueryAsync(db => db.Notifications.Where(n => n.ItemId == id && n.UserId == ownerId).Select(n => n.Template).ToListAsync());
        Assert.Superset(new HashSet<string> { "application-received", "application-in-review", "application-approved" }, told.ToHashSet());
        var reviewerIds = await site.QueryAsync(db => db.Reviews.Where(r => r.ApplicationId == id).Select(r => r.ReviewerId).ToListAsync());
        Assert.Equal(3, await site.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemId == id && n.Template == "review-assigned" && reviewerIds.Contains(n.UserId))));
        var applicantView = await Json.GetAsync(applicant, $"/api/items/{id}/workflow");
        Assert.DoesNotContain(applicantView.GetProperty("history").EnumerateArray(), h => h.Text("activity") == "review");

        foreach (var (client, _) in reviewers)
        {
            client.Dispose();
        }

        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_reject_the_application_when_more_than_a_quarter_of_reviewers_gave_zero_on_a_criterion(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("veto-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        var reviewers = new List<(HttpClient Client, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
            reviewers.Add((await site.CreateApiClientAsync(email, password), email));
        }

        using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = reviewers.Select(r => r.Email) }))
        {
        }

        await ProgrammeData.ActAsync(staff, id, "screening-pass");
        var sheets = new[] { (40, 60), (38, 58), (0, 60) };
        for (var i = 0; i < 3; i++)
        {
            using var scored = await reviewers[i].Client.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = sheets[i].Item1, feasibility = sheets[i].Item2 } });
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        }

        Assert.Equal("rejected", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        foreach (var (client, _) in reviewers)
        {
            client.Dispose();
        }

        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_never_offer_an_application_to_an_expert_linked_to_its_organisation(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("linked-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, organisation, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        var (email, _) = await site.CreateAccountAsync(Roles.Reviewer);
        await site.CreateAccountAsync(Roles.Reviewer); // at least one reviewer who may be chosen
        var linkedId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using (var declared = await staff.PutAsJsonAsync($"/api/reviewers/{email}/links", new { organisationIds = new[] { organisation } }))
        {
            Assert.Equal([organisation], (await Json.ReadAsync(declared)).EnumerateArray().Select(o => o.GetString()));
        }

        using (var unknown = await staff.PutAsJsonAsync($"/api/reviewers/{email}/links", new { organisationIds = new[] { organisation, "no-such-organisation" } }))
        {
            Assert.NotEmpty((await Json.ReadAsync(unknown, HttpStatusCode.BadRequest)).Errors("organisationIds"));
        }

        Assert.Equal([organisation], (await Json.GetAsync(staff, $"/api/reviewers/{email}/links")).EnumerateArray().Select(o => o.GetString()));
        using (var byApplicant = await applicant.PutAsJsonAsync($"/api/reviewers/{email}/links", new { organisationIds = Array.Empty<string>() }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
        }

        using var byHand = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } });
        Assert.NotEmpty((await Json.ReadAsync(byHand, HttpStatusCode.BadRequest)).Errors("reviewers"));
        using var automatic = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { automatic = 10 });
        var chosen = await Json.ReadAsync(automatic);
        Assert.DoesNotContain(chosen.EnumerateArray(), r => r.Text("reviewerId") == linkedId);
        Assert.NotEqual(0, chosen.GetArrayLength());
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_choose_the_reviewers_with_the_lightest_load_when_staff_ask_for_them_automatically(DatabaseProvider provider)
    {
        // A site of its own, so the reviewer pool is exactly the three reviewers made here.
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("load-" + Guid.NewGuid().ToString("N")[..8]));
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add((await site.CreateAccountAsync(Roles.Reviewer)).Email);
        }

        // Reviewer 0 has two reviews still to do, reviewer 1 has one, reviewer 2 none.
        for (var pending = 0; pending < 2; pending++)
        {
            var (busy, _, busyId) = await ProgrammeData.DraftAsync(site, programme);
            await ProgrammeData.SubmitAsync(busy, busyId);
            using (await staff.PostAsJsonAsync($"/api/applications/{busyId}/reviewers", new { reviewers = pending == 0 ? emails.Take(2) : emails.Take(1) }))
            {
            }

            busy.Dispose();
        }

        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        using var automatic = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { automatic = 2 });

        var chosen = (await Json.ReadAsync(automatic)).EnumerateArray().Select(r => r.Text("email")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { emails[1], emails[2] }.Order(StringComparer.Ordinal), chosen);
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_never_commit_more_than_the_budget_when_two_leaders_approve_at_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var first = await site.CreateUserAsync(Roles.Leader);
        using var second = await site.CreateUserAsync(Roles.Leader);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("race-" + Guid.NewGuid().ToString("N")[..8], budget: 400_000_000));
        var ids = new List<string>();
        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using var reviewer = await site.CreateApiClientAsync(email, password);
        for (var i = 0; i < 2; i++)
        {
            var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme, requestedAmount: 250_000_000);
            await ProgrammeData.SubmitAsync(applicant, id);
            using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
            {
            }

            await ProgrammeData.ActAsync(staff, id, "screening-pass");
            using var scored = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 35, feasibility = 55 } });
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            Assert.Equal("awaiting-decision", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
            ids.Add(id);
            applicant.Dispose();
        }

        var versions = await Task.WhenAll(ids.Select(id => Json.GetAsync(first, $"/api/items/{id}/workflow")));
        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/items/{ids[0]}/actions", new { action = "approve", version = versions[0].GetProperty("version").GetInt32(), data = Decision(site, 250_000_000) }),
            second.PostAsJsonAsync($"/api/items/{ids[1]}/actions", new { action = "approve", version = versions[1].GetProperty("version").GetInt32(), data = Decision(site, 250_000_000) }));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        // The loser is told the budget is spent (its data is refused), never that someone acted first.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], statuses.Order());
        Assert.Equal(250_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
        Assert.Equal(1, await site.QueryAsync(db => db.Applications.CountAsync(a => a.ProgrammeId == programme && a.Status == "funded")));

        // The loser, tried again, is told the budget is short rather than overspending it.
        var loser = ids[statuses.FindIndex(s => s != HttpStatusCode.OK)];
        Assert.Equal(HttpStatusCode.BadRequest, await ProgrammeData.ActAsync(second, loser, "approve", data: Decision(site, 250_000_000)));
        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(second, loser, "approve", data: Decision(site, 150_000_000)));
        Assert.Equal(400_000_000, await site.QueryAsync(db => db.ProgrammeLedgers.Where(l => l.ProgrammeId == programme).Select(l => l.Committed).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_rank_equal_means_by_the_smaller_requested_amount_and_list_the_failing_apart(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("rank-" + Guid.NewGuid().ToString("N")[..8]));
        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using var reviewer = await site.CreateApiClientAsync(email, password);
        var ids = new List<string>();
        foreach (var (amount, novelty, feasibility) in new[] { (250_000_000L, 35, 55), (200_000_000L, 35, 55), (100_000_000L, 20, 30) })
        {
            var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme, requestedAmount: amount);
            await ProgrammeData.SubmitAsync(applicant, id);
            using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
            {
            }

            await ProgrammeData.ActAsync(staff, id, "screening-pass");
            using var scored = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty, feasibility } });
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            ids.Add(id);
            applicant.Dispose();
        }

        var page = await Forms.GetAsync(staffBrowser, $"/admin/programmes/{programme}/ranking");

        Assert.Equal([ids[1], ids[0]], page.QuerySelectorAll("table.ranking tbody tr").Select(r => r.GetAttribute("data-id")));
        Assert.Equal([ids[2]], page.QuerySelectorAll("ul.failing li").Select(r => r.GetAttribute("data-id")));
        Assert.Equal("90,00", page.QuerySelector("table.ranking tbody tr td:nth-child(3)")?.TextContent.Trim()); // Vietnamese decimal comma
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_tell_a_reviewer_added_after_review_started_and_let_them_score(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("late-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        var (first, _) = await site.CreateAccountAsync(Roles.Reviewer);
        var (late, latePassword) = await site.CreateAccountAsync(Roles.Reviewer);
        using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { first } }))
        {
        }

        await ProgrammeData.ActAsync(staff, id, "screening-pass");
        using (var added = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { late } }))
        {
            Assert.Equal(2, (await Json.ReadAsync(added)).GetArrayLength());
        }

        var lateId = await site.QueryAsync(db => db.Users.Where(u => u.Email == late).Select(u => u.Id).SingleAsync());
        var notification = await site.QueryAsync(db => db.Notifications.SingleAsync(n => n.ItemId == id && n.UserId == lateId));
        Assert.Equal(("review-assigned", $"/reviews/{id}"), (notification.Template, notification.Link));
        using var lateReviewer = await site.CreateApiClientAsync(late, latePassword);
        using var scored = await lateReviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 30, feasibility = 50 } });
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        applicant.Dispose();
    }

    private static object Decision(SiteFactory site, long amount) =>
        new { decisionNumber = "125/QĐ-SKHCN", decisionDate = ProgrammeData.Today(site), approvedAmount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
