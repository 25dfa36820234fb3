using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Reviews;

/// <summary>
/// A conflict of interest found after assignment still counts: a link to the applicant's organisation recorded later,
/// or a conflict the reviewer declares, withdraws the unsubmitted assignment, tells staff to assign another reviewer,
/// and no sheet of that reviewer is taken.
/// </summary>
public sealed class ConflictOfInterestTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_withdraw_the_unsubmitted_assignment_and_tell_staff_when_staff_record_the_reviewer_s_link_after_assigning_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (staffEmail, _) = await site.CreateAccountAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("link-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, organisation, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        var (linked, linkedPassword) = await site.CreateAccountAsync(Roles.Reviewer);
        var (scored, scoredPassword) = await site.CreateAccountAsync(Roles.Reviewer);
        using (var assigned = await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { linked, scored } }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        using var linkedClient = await site.CreateApiClientAsync(linked, linkedPassword);
        using (var declared = await linkedClient.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true }))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        }

        // The other reviewer's sheet is in before both are found linked to the applicant: a submitted sheet stays.
        using var scoredClient = await site.CreateApiClientAsync(scored, scoredPassword);
        using (var sheet = await scoredClient.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 30, feasibility = 50 } }))
        {
            Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        }

        foreach (var email in new[] { linked, scored })
        {
            using var recorded = await staff.PutAsJsonAsync($"/api/reviewers/{email}/links", new { organisationIds = new[] { organisation } });
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var linkedId = await UserIdAsync(site, linked);
        var scoredId = await UserIdAsync(site, scored);
        Assert.Equal([scoredId], await site.QueryAsync(db => db.Reviews.Where(r => r.ApplicationId == id).Select(r => r.ReviewerId).ToListAsync()));
        var instance = await site.QueryAsync(db => db.WorkflowInstances.Where(i => i.CorrelationId == id).OrderByDescending(i => i.CreatedUtc).FirstAsync());
        Assert.DoesNotContain(linkedId, instance.ToInstance().Assignees);
        using (var late = await linkedClient.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 40, feasibility = 60 } }))
        {
            Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        }

        var staffId = await UserIdAsync(site, staffEmail);
        var notice = await site.QueryAsync(db => db.Notifications.SingleAsync(n => n.UserId == staffId && n.ItemId == id && n.Template == ReviewerWithdrawal.Template));
        Assert.Equal($"/admin/applications/{id}", notice.Link);
        using var staffBrowser = await site.CreateSignedInBrowserAsync(staffEmail, "User-Password-1");
        var page = await Forms.GetAsync(staffBrowser, "/notifications");
        Assert.Contains(page.QuerySelectorAll("ul.notifications li"), n => n.TextContent.Contains(Texts.Vi("A reviewer was withdrawn for a conflict of interest"), StringComparison.Ordinal));
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_sheet_of_a_reviewer_linked_to_the_applicant_s_organisation_however_the_link_was_recorded(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("sheet-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, organisation, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
        {
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));

        // A link stored without passing through the links API (an import, a restore) withdraws nobody, yet still counts.
        var reviewerId = await UserIdAsync(site, email);
        await site.QueryAsync(async db =>
        {
            db.ExpertLinks.Add(new ExpertLink { ReviewerId = reviewerId, OrganisationId = organisation });
            return await db.SaveChangesAsync();
        });
        using var reviewer = await site.CreateApiClientAsync(email, password);
        using var sheet = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 40, feasibility = 60 } });

        Assert.Equal(HttpStatusCode.Conflict, sheet.StatusCode);
        Assert.Null(await site.QueryAsync(db => db.Reviews.Where(r => r.ApplicationId == id).Select(r => r.SubmittedUtc).SingleAsync()));
        Assert.Equal("in-review", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_withdraw_the_assignment_and_tell_staff_when_a_reviewer_declares_a_conflict(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (staffEmail, _) = await site.CreateAccountAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("declare-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
        using (await staff.PostAsJsonAsync($"/api/applications/{id}/reviewers", new { reviewers = new[] { email } }))
        {
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "screening-pass"));
        using var reviewer = await site.CreateApiClientAsync(email, password);

        using (var conflict = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = false }))
        {
            Assert.Equal(HttpStatusCode.NoContent, conflict.StatusCode);
        }

        Assert.False(await site.QueryAsync(db => db.Reviews.AnyAsync(r => r.ApplicationId == id)));
        var staffId = await UserIdAsync(site, staffEmail);
        Assert.True(await site.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == staffId && n.ItemId == id && n.Template == ReviewerWithdrawal.Template)));
        using var sheet = await reviewer.PutAsJsonAsync($"/api/applications/{id}/reviews/mine", new { noConflict = true, scores = new { novelty = 40, feasibility = 60 } });
        Assert.Equal(HttpStatusCode.NotFound, sheet.StatusCode);
        applicant.Dispose();
    }

    private static Task<string> UserIdAsync(SiteFactory site, string email) =>
        site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
