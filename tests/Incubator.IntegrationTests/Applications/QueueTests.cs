using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Applications;

/// <summary>
/// The officers' queue at /admin/applications: its columns sorted by the database, views saved per officer, "Của tôi",
/// and the bulk actions on the selected rows with their refusals.
/// </summary>
public sealed class QueueTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_order_the_rows_by_each_column_in_both_directions_when_staff_sort_the_queue(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var a = await SupportData.SubmitAsync(site, programmeId, Name("Alpha"));
        using var b = await SupportData.SubmitAsync(site, programmeId, Name("Bravo"));
        using var c = await SupportData.SubmitAsync(site, programmeId, Name("Charlie"));
        using var d = await SupportData.SubmitAsync(site, programmeId, Name("Delta"));
        using var api = await site.CreateUserAsync(Roles.Staff);
        var reviewers = new List<(HttpClient Client, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            var (email, password) = await site.CreateAccountAsync(Roles.Reviewer);
            reviewers.Add((await site.CreateApiClientAsync(email, password), email));
        }

        await AssignReviewersAsync(api, a.Id, reviewers[0].Email);
        await AssignReviewersAsync(api, c.Id, reviewers[0].Email, reviewers[1].Email, reviewers[2].Email);
        await AssignReviewersAsync(api, d.Id, reviewers[1].Email, reviewers[2].Email);

        // B has waited two days for information (due in ten working days), C four days in review with two of three
        // sheets in (its reminder due five working days after the last sheet), D entered review just now.
        var now = DateTime.UtcNow;
        using (site.Clock.FreezeAt(now.AddDays(-2)))
        {
            Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(api, b.Id, "request-information", "Bổ sung tóm tắt", new { fields = "summary" }));
        }

        using (site.Clock.FreezeAt(now.AddDays(-4)))
        {
            Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(api, c.Id, "screening-pass"));
            await ScoreAsync(reviewers[0].Client, c.Id, 30, 50);
            await ScoreAsync(reviewers[1].Client, c.Id, 28, 50);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(api, d.Id, "screening-pass"));
        await ScoreAsync(reviewers[2].Client, d.Id, 20, 40);

        var (xEmail, xPassword) = await site.CreateAccountAsync(Roles.Staff);
        var (yEmail, _) = await site.CreateAccountAsync(Roles.Staff);
        using var staff = await site.CreateSignedInBrowserAsync(xEmail, xPassword);
        await BulkAssignAsync(site, staff, programmeId, [a.Id], await UserIdAsync(site, xEmail));
        await BulkAssignAsync(site, staff, programmeId, [c.Id], await UserIdAsync(site, yEmail));
        var officers = string.CompareOrdinal(xEmail, yEmail) < 0 ? new[] { a.Id, c.Id } : [c.Id, a.Id];

        var expected = new Dictionary<string, (string[] Ascending, string[] Descending)>
        {
            ["title"] = ([a.Id, b.Id, c.Id, d.Id], [d.Id, c.Id, b.Id, a.Id]),
            ["submitted"] = ([a.Id, b.Id, c.Id, d.Id], [d.Id, c.Id, b.Id, a.Id]),
            // C and D are both in review: the newer submission comes first among equals.
            ["status"] = ([a.Id, b.Id, d.Id, c.Id], [d.Id, c.Id, b.Id, a.Id]),
            ["waiting"] = ([d.Id, a.Id, b.Id, c.Id], [c.Id, b.Id, a.Id, d.Id]),
            // A waits on a task without a timer: last in both directions.
            ["due"] = ([c.Id, d.Id, b.Id, a.Id], [b.Id, d.Id, c.Id, a.Id]),
            ["assignee"] = ([.. officers, d.Id, b.Id], [.. officers.AsEnumerable().Reverse(), d.Id, b.Id]),
            ["reviews"] = ([a.Id, d.Id, c.Id, b.Id], [c.Id, d.Id, a.Id, b.Id]),
            ["score"] = ([d.Id, c.Id, b.Id, a.Id], [c.Id, d.Id, b.Id, a.Id]),
        };
        foreach (var (column, (ascending, descending)) in expected)
        {
            Assert.Equal(ascending, await RowIdsAsync(staff, $"/admin/applications?programme={programmeId}&sort={column}&dir=asc"));
            Assert.Equal(descending, await RowIdsAsync(staff, $"/admin/applications?programme={programmeId}&sort={column}&dir=desc"));
        }

        // The default is the newest submission first; a heading's link sorts by it, and again the other way round.
        var queue = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}");
        Assert.Equal([d.Id, c.Id, b.Id, a.Id], Ids(queue));
        var dueLink = queue.QuerySelector("a.sort[data-sort='due']")?.GetAttribute("href");
        Assert.Equal($"/admin/applications?programme={programmeId}&sort=due&dir=asc", dueLink);
        var byDue = await Forms.GetAsync(staff, dueLink!);
        Assert.Equal("ascending", byDue.QuerySelector("a.sort[data-sort='due']")?.ParentElement?.GetAttribute("aria-sort"));
        Assert.EndsWith("sort=due&dir=desc", byDue.QuerySelector("a.sort[data-sort='due']")?.GetAttribute("href"), StringComparison.Ordinal);

        // What each row shows: days in the status, the due date, the officer, the sheets and the mean.
        Assert.Equal("2", Cell(queue, b.Id, "waiting")?.GetAttribute("data-days"));
        Assert.Equal("4", Cell(queue, c.Id, "waiting")?.GetAttribute("data-days"));
        Assert.Equal(Texts.Vi("{0} days", 4), Cell(queue, c.Id, "waiting")?.TextContent.Trim());
        Assert.Equal("—", Cell(queue, a.Id, "due")?.TextContent.Trim());
        Assert.Matches(@"^\d\d/\d\d/\d{4}$", Cell(queue, b.Id, "due")?.TextContent.Trim());
        Assert.Equal(xEmail, Cell(queue, a.Id, "assignee")?.TextContent.Trim());
        Assert.Equal("2/3", Cell(queue, c.Id, "reviews")?.TextContent.Trim());
        Assert.Equal("0/1", Cell(queue, a.Id, "reviews")?.TextContent.Trim());
        Assert.Equal("—", Cell(queue, b.Id, "reviews")?.TextContent.Trim());
        Assert.Equal("79", Cell(queue, c.Id, "score")?.TextContent.Trim());
        Assert.Equal("60", Cell(queue, d.Id, "score")?.TextContent.Trim());

        foreach (var (client, _) in reviewers)
        {
            client.Dispose();
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_a_saved_view_to_its_officer_when_another_officer_opens_the_queue(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var first = await site.CreateBrowserUserAsync(Roles.Staff);
        using var second = await site.CreateBrowserUserAsync(Roles.Staff);
        var url = $"/admin/applications?programme={programmeId}&status=submitted";
        var name = $"Chờ thẩm định {Guid.NewGuid():N}"[..24];

        // A view without a name is refused beside its field, and none is saved.
        var page = await Forms.GetAsync(first, url);
        using (var unnamed = await Forms.FillAndSubmitAsync(first, page, "form.save-view", new Dictionary<string, string[]> { ["name"] = ["   "] }))
        {
            var refused = await Forms.GetAsync(first, Forms.Location(unnamed));
            Assert.Equal(Texts.Vi("Give the view a name of at most {0} characters.", 100), refused.QuerySelector("#view-name-error")?.TextContent.Trim());
            Assert.Equal("true", refused.QuerySelector("#view-name")?.GetAttribute("aria-invalid"));
        }

        Assert.False(await site.QueryAsync(db => db.Set<Incubator.Web.Features.Applications.QueueView>().AnyAsync(v => v.Name == name)));

        using (var saved = await Forms.FillAndSubmitAsync(first, page, "form.save-view", new Dictionary<string, string[]> { ["name"] = [name] }))
        {
            Assert.Equal(url, Forms.Location(saved));
        }

        var mine = await Forms.GetAsync(first, "/admin/applications");
        var link = mine.QuerySelectorAll(".queue-views a.view").SingleOrDefault(a => a.TextContent.Trim() == name);
        Assert.NotNull(link);
        Assert.Equal(url, link.GetAttribute("href"));
        var viewed = await Forms.GetAsync(first, link.GetAttribute("href")!);
        Assert.Equal([application.Id], Ids(viewed));

        // Another officer neither sees it nor deletes it, whatever id they post.
        var theirs = await Forms.GetAsync(second, "/admin/applications");
        Assert.DoesNotContain(theirs.QuerySelectorAll(".queue-views a.view"), a => a.TextContent.Trim() == name);
        var viewId = link.GetAttribute("data-view")!;
        var token = theirs.QuerySelector("form.save-view input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        using (var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("view", viewId)]))
        using (var deleted = await second.PostAsync(new Uri("/admin/applications?handler=DeleteView", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        }

        Assert.True(await site.QueryAsync(db => db.Set<Incubator.Web.Features.Applications.QueueView>().AnyAsync(v => v.Name == name)));

        // Its owner deletes it.
        using (var removed = await Forms.SubmitAsync(first, mine, $"form.delete-view[data-view='{viewId}']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.False(await site.QueryAsync(db => db.Set<Incubator.Web.Features.Applications.QueueView>().AnyAsync(v => v.Name == name)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_only_the_applications_assigned_to_me_when_an_officer_opens_mine(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var mineApplication = await SupportData.SubmitAsync(site, programmeId);
        using var theirs = await SupportData.SubmitAsync(site, programmeId);
        using var unassigned = await SupportData.SubmitAsync(site, programmeId);
        var (email, password) = await site.CreateAccountAsync(Roles.Staff);
        var (otherEmail, _) = await site.CreateAccountAsync(Roles.Staff);
        using var officer = await site.CreateSignedInBrowserAsync(email, password);
        await BulkAssignAsync(site, officer, programmeId, [mineApplication.Id], await UserIdAsync(site, email));
        await BulkAssignAsync(site, officer, programmeId, [theirs.Id], await UserIdAsync(site, otherEmail));

        var queue = await Forms.GetAsync(officer, "/admin/applications");
        var link = queue.QuerySelector(".queue-views a.view.mine");
        Assert.Equal(Texts.Vi("Assigned to me"), link?.TextContent.Trim());
        Assert.Equal("Của tôi", Texts.Vi("Assigned to me"));
        var mine = await Forms.GetAsync(officer, link!.GetAttribute("href")!);
        Assert.Equal("true", mine.QuerySelector(".queue-views a.view.mine")?.GetAttribute("aria-current"));
        Assert.Equal([mineApplication.Id], Ids(mine));

        var nobody = await Forms.GetAsync(officer, $"/admin/applications?programme={programmeId}&assignee=none");
        Assert.Equal([unassigned.Id], Ids(nobody));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_assign_an_officer_to_the_selected_applications_only_with_a_token_and_for_staff(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var first = await SupportData.SubmitAsync(site, programmeId);
        using var second = await SupportData.SubmitAsync(site, programmeId);
        using var left = await SupportData.SubmitAsync(site, programmeId);
        var (email, password) = await site.CreateAccountAsync(Roles.Staff);
        var officerId = await UserIdAsync(site, email);
        using var staff = await site.CreateSignedInBrowserAsync(email, password);
        var url = $"/admin/applications?programme={programmeId}";

        // Without the antiforgery token the cookie alone changes nothing.
        using (var content = new FormUrlEncodedContent([new("ids", first.Id), new("assignee", officerId)]))
        using (var forged = await staff.PostAsync(new Uri("/admin/applications?handler=Assign", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        // A leader reads the queue, has no assignment form, and a post with their own token is forbidden.
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);
        var leaderPage = await Forms.GetAsync(leader, url);
        Assert.Null(leaderPage.QuerySelector("button[data-action='assign']"));
        Assert.NotNull(leaderPage.QuerySelector("button[data-action='export']"));
        var token = leaderPage.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        using (var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("ids", first.Id), new("assignee", officerId)]))
        using (var forbidden = await leader.PostAsync(new Uri("/admin/applications?handler=Assign", UriKind.Relative), content))
        {
            Assert.StartsWith("/account/denied", Forms.Location(forbidden), StringComparison.Ordinal);
        }

        Assert.False(await site.QueryAsync(db => db.Applications.AnyAsync(x => x.ProgrammeId == programmeId && x.AssigneeId != null)));

        // Staff assign the two selected, and only them; the queue comes back with its filters and says so.
        var page = await Forms.GetAsync(staff, url);
        using (var assigned = await SupportApplications.PressAsync(staff, page, "button[data-action='assign']",
                   new Dictionary<string, string[]> { ["ids"] = [first.Id, second.Id], ["assignee"] = [officerId] }))
        {
            Assert.Equal(url, Forms.Location(assigned));
        }

        page = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Officer assigned to {0} applications.", 2), page.QuerySelector("p.success")?.TextContent.Trim());
        var stored = await site.QueryAsync(db => db.Applications.Where(x => x.ProgrammeId == programmeId).ToDictionaryAsync(x => x.Id, x => x.AssigneeId));
        Assert.Equal(officerId, stored[first.Id]);
        Assert.Equal(officerId, stored[second.Id]);
        Assert.Null(stored[left.Id]);
        Assert.Equal(email, Cell(page, first.Id, "assignee")?.TextContent.Trim());

        // The application's own page shows the officer and assigns another, or nobody.
        var show = await Forms.GetAsync(staff, $"/admin/applications/{first.Id}");
        Assert.Equal(email, show.QuerySelector("section.assignee .current-assignee")?.TextContent.Trim());
        using (var cleared = await Forms.FillAndSubmitAsync(staff, show, "form.assign-officer", new Dictionary<string, string[]> { ["assignee"] = ["none"] }))
        {
            Assert.Equal($"/admin/applications/{first.Id}", Forms.Location(cleared));
        }

        show = await Forms.GetAsync(staff, $"/admin/applications/{first.Id}");
        Assert.Equal(Texts.Vi("Officer assigned."), show.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Null(await site.QueryAsync(db => db.Applications.Where(x => x.Id == first.Id).Select(x => x.AssigneeId).SingleAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_unknown_ids_and_an_officer_who_is_not_staff_and_change_nothing(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        var draftId = await SupportApplications.CreateApplicationAsync(application.Applicant.Api, programmeId);
        var (reviewerEmail, _) = await site.CreateAccountAsync(Roles.Reviewer);
        var reviewerId = await UserIdAsync(site, reviewerEmail);
        var (staffEmail, staffPassword) = await site.CreateAccountAsync(Roles.Staff);
        var officerId = await UserIdAsync(site, staffEmail);
        using var staff = await site.CreateSignedInBrowserAsync(staffEmail, staffPassword);
        var url = $"/admin/applications?programme={programmeId}";
        var page = await Forms.GetAsync(staff, url);

        var unknown = Texts.Vi("Some of the selected applications do not exist or are not submitted; nothing was changed.");
        foreach (var ids in new string[][] { [application.Id, "no-such-application"], [application.Id, draftId] })
        {
            using (var refused = await SupportApplications.PressAsync(staff, page, "button[data-action='assign']",
                       new Dictionary<string, string[]> { ["ids"] = ids, ["assignee"] = [officerId] }))
            {
                Assert.Equal(url, Forms.Location(refused));
            }

            var shown = await Forms.GetAsync(staff, url);
            Assert.Equal(unknown, shown.QuerySelector("#bulk-error")?.TextContent.Trim());
            Assert.Equal("bulk-error", shown.QuerySelector("table.queue")?.GetAttribute("aria-describedby"));
        }

        // Nobody selected, and an officer who is not staff.
        using (await SupportApplications.PressAsync(staff, page, "button[data-action='assign']", new Dictionary<string, string[]> { ["assignee"] = [officerId] }))
        {
        }

        Assert.Equal(Texts.Vi("Select at least one application."), (await Forms.GetAsync(staff, url)).QuerySelector("#bulk-error")?.TextContent.Trim());
        using (await SupportApplications.PressAsync(staff, page, "button[data-action='assign']",
                   new Dictionary<string, string[]> { ["ids"] = [application.Id], ["assignee"] = [reviewerId] }))
        {
        }

        var notStaff = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Choose an officer from the staff list."), notStaff.QuerySelector("#bulk-error")?.TextContent.Trim());
        Assert.Equal("true", notStaff.QuerySelector("#bulk-assignee")?.GetAttribute("aria-invalid"));
        Assert.Equal("bulk-error", notStaff.QuerySelector("#bulk-assignee")?.GetAttribute("aria-describedby"));

        // The same officer refused on the application's own page.
        var show = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        using (await Forms.FillAndSubmitAsync(staff, show, "form.assign-officer", new Dictionary<string, string[]> { ["assignee"] = [reviewerId] }))
        {
        }

        show = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        Assert.Equal(Texts.Vi("Choose an officer from the staff list."), show.QuerySelector("p.notice")?.TextContent.Trim());

        // Reviewers and the export are refused alike for an unknown id, and a bad number of reviewers is named.
        using (await SupportApplications.PressAsync(staff, page, "button[data-action='reviewers']",
                   new Dictionary<string, string[]> { ["ids"] = [application.Id, "no-such-application"] }))
        {
        }

        Assert.Equal(unknown, (await Forms.GetAsync(staff, url)).QuerySelector("#bulk-error")?.TextContent.Trim());
        using (await SupportApplications.PressAsync(staff, page, "button[data-action='reviewers']",
                   new Dictionary<string, string[]> { ["ids"] = [application.Id], ["reviewers"] = ["0"] }))
        {
        }

        var badCount = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Ask for between 1 and 10 reviewers chosen automatically."), badCount.QuerySelector("#bulk-error")?.TextContent.Trim());
        Assert.Equal("true", badCount.QuerySelector("#bulk-reviewers")?.GetAttribute("aria-invalid"));
        using (var export = await SupportApplications.PressAsync(staff, page, "button[data-action='export']",
                   new Dictionary<string, string[]> { ["ids"] = [application.Id, "no-such-application"] }))
        {
            Assert.Equal(url, Forms.Location(export));
        }

        Assert.Equal(unknown, (await Forms.GetAsync(staff, url)).QuerySelector("#bulk-error")?.TextContent.Trim());
        Assert.Null(await site.QueryAsync(db => db.Applications.Where(x => x.Id == application.Id).Select(x => x.AssigneeId).SingleAsync()));
        Assert.False(await site.QueryAsync(db => db.Reviews.AnyAsync(r => r.ApplicationId == application.Id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_choose_reviewers_for_the_selected_applications_and_skip_an_expert_linked_to_the_applicant(DatabaseProvider provider)
    {
        // A site of its own, so the reviewer pool is exactly the two reviewers made here.
        using var site = new SiteFactory(provider);
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var linked = await SupportData.SubmitAsync(site, programmeId);
        using var free = await SupportData.SubmitAsync(site, programmeId);
        using var untouched = await SupportData.SubmitAsync(site, programmeId);
        var (linkedEmail, _) = await site.CreateAccountAsync(Roles.Reviewer);
        var (otherEmail, _) = await site.CreateAccountAsync(Roles.Reviewer);
        using var api = await site.CreateUserAsync(Roles.Staff);
        var organisationId = await site.QueryAsync(db => db.Applications.Where(x => x.Id == linked.Id).Select(x => x.OrganisationId).SingleAsync());
        using (var declared = await api.PutAsJsonAsync($"/api/reviewers/{linkedEmail}/links", new { organisationIds = new[] { organisationId } }))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        }

        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var url = $"/admin/applications?programme={programmeId}";
        var page = await Forms.GetAsync(staff, url);
        using (var chosen = await SupportApplications.PressAsync(staff, page, "button[data-action='reviewers']",
                   new Dictionary<string, string[]> { ["ids"] = [linked.Id, free.Id], ["reviewers"] = ["2"] }))
        {
            Assert.Equal(url, Forms.Location(chosen));
        }

        var reviewers = await site.QueryAsync(db => db.Reviews.Join(db.Users, r => r.ReviewerId, u => u.Id, (r, u) => new { r.ApplicationId, u.Email }).ToListAsync());
        Assert.Equal([otherEmail], reviewers.Where(r => r.ApplicationId == linked.Id).Select(r => r.Email));
        Assert.Equal(new[] { linkedEmail, otherEmail }.Order(StringComparer.Ordinal), reviewers.Where(r => r.ApplicationId == free.Id).Select(r => r.Email!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(reviewers, r => r.ApplicationId == untouched.Id);

        // The officer is told which application has fewer reviewers than asked, and the progress column shows it.
        page = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Reviewers chosen automatically for {0} selected applications.", 2), page.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Contains(linked.OrganisationName, page.QuerySelector("#bulk-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("0/1", Cell(page, linked.Id, "reviews")?.TextContent.Trim());
        Assert.Equal("0/2", Cell(page, free.Id, "reviews")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_export_only_the_selected_applications_when_staff_export_the_selection(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var first = await SupportData.SubmitAsync(site, programmeId);
        using var second = await SupportData.SubmitAsync(site, programmeId);
        using var left = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);

        var page = await Forms.GetAsync(staff, $"/admin/applications?programme={programmeId}");
        using var export = await SupportApplications.PressAsync(staff, page, "button[data-action='export']",
            new Dictionary<string, string[]> { ["ids"] = [first.Id, second.Id] });
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString((await export.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Contains(first.Id, csv, StringComparison.Ordinal);
        Assert.Contains(second.Id, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(left.Id, csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_run_as_many_statements_for_four_rows_as_for_two_when_the_queue_is_sorted_by_any_column(DatabaseProvider provider)
    {
        // A site of its own that counts the statements each request runs.
        using var site = new SiteFactory(provider, testServices: StatementCounter.Register);
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        var (email, password) = await site.CreateAccountAsync(Roles.Staff);
        var officerId = await UserIdAsync(site, email);
        var (reviewerEmail, _) = await site.CreateAccountAsync(Roles.Reviewer);
        using var api = await site.CreateUserAsync(Roles.Staff);
        using var staff = await site.CreateSignedInBrowserAsync(email, password);
        var counter = site.Services.GetRequiredService<StatementCounter>();
        var columns = new[] { "submitted", "title", "status", "waiting", "due", "assignee", "reviews", "score", "requested" };
        var applications = new List<SubmittedApplication>();
        var counts = new List<Dictionary<string, int>>();
        for (var round = 0; round < 2; round++)
        {
            // Each row has what the page reads beside it: a waiting workflow, an officer and a reviewer.
            for (var i = 0; i < 2; i++)
            {
                var application = await SupportData.SubmitAsync(site, programmeId);
                applications.Add(application);
                await AssignReviewersAsync(api, application.Id, reviewerEmail);
                await BulkAssignAsync(site, staff, programmeId, [application.Id], officerId);
            }

            var measured = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                var url = $"/admin/applications?programme={programmeId}&sort={column}";
                await counter.MeasureAsync(staff, url);
                // The session's own reads and its once-a-minute touch depend on the clock, not on the rows.
                measured[column] = (await counter.MeasureAsync(staff, url)).Count(sql => !sql.Contains("UserSessions", StringComparison.Ordinal));
            }

            counts.Add(measured);
        }

        Assert.Equal(4, (await RowIdsAsync(staff, $"/admin/applications?programme={programmeId}")).Count);
        Assert.Equal(counts[0], counts[1]);
        foreach (var application in applications)
        {
            application.Dispose();
        }
    }

    private static string Name(string first) => $"{first} {Guid.NewGuid():N}"[..20];

    private static Task<string> UserIdAsync(SiteFactory site, string email) =>
        site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task AssignReviewersAsync(HttpClient staff, string applicationId, params string[] emails)
    {
        using var assigned = await staff.PostAsJsonAsync($"/api/applications/{applicationId}/reviewers", new { reviewers = emails });
        Assert.Equal(emails.Length, (await Json.ReadAsync(assigned)).GetArrayLength());
    }

    private static async Task ScoreAsync(HttpClient reviewer, string applicationId, int novelty, int feasibility)
    {
        using var scored = await reviewer.PutAsJsonAsync($"/api/applications/{applicationId}/reviews/mine", new { noConflict = true, scores = new { novelty, feasibility } });
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
    }

    /// <summary>Selects the applications in the programme's queue and presses "assign" with the officer chosen.</summary>
    private static async Task BulkAssignAsync(SiteFactory site, HttpClient staff, string programmeId, string[] ids, string officerId)
    {
        var url = $"/admin/applications?programme={programmeId}";
        var page = await Forms.GetAsync(staff, url);
        using var assigned = await SupportApplications.PressAsync(staff, page, "button[data-action='assign']",
            new Dictionary<string, string[]> { ["ids"] = ids, ["assignee"] = [officerId] });
        Assert.Equal(url, Forms.Location(assigned));
        Assert.True(await site.QueryAsync(db => db.Applications.Where(x => ids.Contains(x.Id)).AllAsync(x => x.AssigneeId == officerId)));
    }

    private static async Task<List<string>> RowIdsAsync(HttpClient client, string url) => Ids(await Forms.GetAsync(client, url));

    private static List<string> Ids(IDocument page) =>
        [.. page.QuerySelectorAll("table.queue tbody tr").Select(r => r.GetAttribute("data-id")!)];

    private static IElement? Cell(IDocument page, string id, string column) =>
        page.QuerySelector($"table.queue tr[data-id='{id}'] td.{column}");
}
