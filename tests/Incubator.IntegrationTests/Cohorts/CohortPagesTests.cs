using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Mailings;
using Incubator.Web.Data;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Cohorts;

/// <summary>The back office's cohort pages: the list, the new cohort's form with its milestone rows, the grid, a member's page.</summary>
public sealed class CohortPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_a_cohort_fill_its_grid_and_refuse_bad_input_beside_the_field_when_staff_use_the_pages(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var key = $"p-{Guid.NewGuid():N}"[..14];

        var list = await Forms.GetAsync(staff, "/admin/cohorts");
        Assert.NotNull(list.QuerySelector("#new-cohort"));
        var form = await Forms.GetAsync(staff, "/admin/cohorts/new");
        Assert.Equal(5, form.QuerySelectorAll("fieldset.milestone-row").Length);
        var lead = form.QuerySelectorAll("#Form_LeadUserId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;

        // "More rows" keeps what was typed and adds five rows, without a script.
        var typed = Forms.CurrentValues((IHtmlFormElement)form.QuerySelector("#cohort-form")!).Where(v => v.Key != "Form.Key").Append(new("Form.Key", key));
        using (var more = await staff.PostAsync(new Uri("/admin/cohorts/new?handler=Rows", UriKind.Relative), new FormUrlEncodedContent(typed)))
        {
            var page = await Forms.ParseAsync(more);
            Assert.Equal(10, page.QuerySelectorAll("fieldset.milestone-row").Length);
            Assert.Equal(key, ((IHtmlInputElement)page.QuerySelector("#Form_Key")!).Value);
        }

        var values = new Dictionary<string, string[]>
        {
            ["Form.Key"] = [key], ["Form.NameVi"] = ["Khoá <b>2026</b>"], ["Form.NameEn"] = ["Cohort 2026"], ["Form.StartsOn"] = ["2026-01-01"], ["Form.EndsOn"] = ["2025-12-01"], ["Form.LeadUserId"] = [lead],
            ["Form.Milestones[1].Key"] = ["mvp"], ["Form.Milestones[1].TitleVi"] = ["Sản phẩm mẫu"], ["Form.Milestones[1].DueOn"] = ["2026-03-01"],
        };
        using (var bad = await Forms.FillAndSubmitAsync(staff, form, "#cohort-form", values))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var page = await Forms.ParseAsync(bad);
            Assert.Equal(Texts.Vi("The cohort must end after it starts."), page.QuerySelector("#Form_EndsOn-error")?.TextContent.Trim());
        }

        Assert.False(await site.QueryAsync(db => db.Set<Cohort>().AnyAsync(c => c.Key == key)));
        values["Form.EndsOn"] = ["2035-12-31"];
        values["Form.Milestones[3].Key"] = ["Sai khoá"];
        values["Form.Milestones[3].TitleVi"] = ["Sai"];
        values["Form.Milestones[3].DueOn"] = ["2026-03-01"];
        using (var badRow = await Forms.FillAndSubmitAsync(staff, form, "#cohort-form", values))
        {
            var page = await Forms.ParseAsync(badRow);
            Assert.False(string.IsNullOrEmpty(page.QuerySelector("#Form_Milestones_3__Key-error")?.TextContent.Trim()));
            Assert.True(string.IsNullOrEmpty(page.QuerySelector("#Form_Milestones_1__Key-error")?.TextContent.Trim()));
        }

        values.Remove("Form.Milestones[3].Key");
        values.Remove("Form.Milestones[3].TitleVi");
        values.Remove("Form.Milestones[3].DueOn");
        using (var created = await Forms.FillAndSubmitAsync(staff, form, "#cohort-form", values))
        {
            Assert.Equal($"/admin/cohorts/{key}", Forms.Location(created));
        }

        Assert.Equal(lead, await site.QueryAsync(db => db.Set<Cohort>().Where(c => c.Key == key).Select(c => c.LeadUserId).SingleAsync()));

        // The grid: a row per member, a column per milestone; the name is encoded, never markup.
        var organisation = await MailingTests.OrganisationAsync(site, new Startup { Title = "HTX Chè Thái" }, null);
        var show = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
        Assert.Contains("Khoá &lt;b&gt;2026&lt;/b&gt;", show.QuerySelector("h1")!.InnerHtml, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(show.QuerySelector("#cohort-lead")?.TextContent));
        using (var searched = await Forms.FillAndSubmitAsync(staff, show, "#add-member-form", new Dictionary<string, string[]> { ["OrganisationSearch"] = ["chè thái"] }, "Search", "OrganisationSearch"))
        {
            var page = await Forms.ParseAsync(searched);
            Assert.NotNull(page.QuerySelector($"input[name=OrganisationId][value='{organisation}']"));
        }

        using (var added = await Forms.FillAndSubmitAsync(staff, show, "#add-member-form", new Dictionary<string, string[]> { ["OrganisationId"] = [organisation] }))
        {
            Assert.Equal($"/admin/cohorts/{key}", Forms.Location(added));
        }

        show = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
        Assert.Equal(Texts.Vi("The organisation joined the cohort."), show.QuerySelector("#cohort-status")?.TextContent.Trim());
        var row = show.QuerySelector($"#grid tr[data-member='{organisation}']")!;
        Assert.Equal("HTX Chè Thái", row.QuerySelector("th[scope=row]")?.TextContent.Trim());
        Assert.Equal(["mvp"], show.QuerySelectorAll("#grid thead th[data-milestone]").Select(th => th.GetAttribute("data-milestone")));
        Assert.Equal(Texts.Vi("Not started"), row.QuerySelector("td[data-milestone=mvp]")?.TextContent.Trim());

        // A member's page: waiving without a reason is refused beside the field; with one, the grid shows it.
        var memberUrl = $"/admin/cohorts/{key}/members/{organisation}";
        var member = await Forms.GetAsync(staff, memberUrl);
        using (var noReason = await Forms.FillAndSubmitAsync(staff, member, "#m-mvp", new Dictionary<string, string[]> { ["Status"] = ["waived"] }))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Equal(Texts.Vi("Say why the milestone is waived."), (await Forms.ParseAsync(noReason)).QuerySelector("#m-mvp-reason-error")?.TextContent.Trim());
        }

        using (var waived = await Forms.FillAndSubmitAsync(staff, member, "#m-mvp", new Dictionary<string, string[]> { ["Status"] = ["waived"], ["Reason"] = ["Đã có sản phẩm"] }))
        {
            Assert.Equal(memberUrl, Forms.Location(waived));
        }

        show = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
        Assert.Equal(Texts.Vi("Waived"), show.QuerySelector($"#grid tr[data-member='{organisation}'] td[data-milestone=mvp]")?.TextContent.Trim());

        // Without the antiforgery token a page POST is refused and nothing changes.
        member = await Forms.GetAsync(staff, memberUrl);
        var forged = Forms.CurrentValues((IHtmlFormElement)member.QuerySelector("#graduate-form")!).Where(v => v.Key != "__RequestVerificationToken")
            .Where(v => v.Key != "On").Append(new("On", "2035-01-01"));
        using (var refused = await staff.PostAsync(new Uri(memberUrl + "?handler=Graduate", UriKind.Relative), new FormUrlEncodedContent(forged)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(MemberStatus.Active, await site.QueryAsync(db => db.Set<CohortMember>().Where(m => m.OrganisationId == organisation).Select(m => m.Status).SingleAsync()));
        using (var graduated = await Forms.FillAndSubmitAsync(staff, member, "#graduate-form", new Dictionary<string, string[]> { ["On"] = ["2035-01-01"] }))
        {
            Assert.Equal(memberUrl, Forms.Location(graduated));
        }

        Assert.Equal(MemberStatus.Graduated, await site.QueryAsync(db => db.Set<CohortMember>().Where(m => m.OrganisationId == organisation).Select(m => m.Status).SingleAsync()));

        // Applicants may not open the pages: they are sent to the access-denied page.
        using var applicant = await site.CreateBrowserUserAsync("Applicant");
        foreach (var url in new[] { "/admin/cohorts", "/admin/cohorts/new", $"/admin/cohorts/{key}", memberUrl })
        {
            using var response = await applicant.GetAsync(new Uri(url, UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_a_cohort_keep_its_members_progress_and_refuse_removing_a_milestone_in_use(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var api = await site.CreateUserAsync(Incubator.Web.Features.Account.Roles.Staff);
        var key = $"e-{Guid.NewGuid():N}"[..14];
        using (var created = await api.PostAsJsonAsync("/api/cohorts", new
        {
            key, name = new { vi = "Khoá cũ", en = "Old" }, startsOn = "2026-01-01", endsOn = "2035-12-31", cadence = "quarterly",
            milestones = new[]
            {
                new { key = "canvas", title = new { vi = "Mô hình", en = "Canvas" }, dueOn = "2026-02-28" },
                new { key = "mvp", title = new { vi = "Sản phẩm mẫu", en = "Prototype" }, dueOn = "2026-04-30" },
                new { key = "pitch", title = new { vi = "Gọi vốn", en = "Pitch" }, dueOn = "2026-06-30" },
            },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var organisation = await MailingTests.OrganisationAsync(site, new Startup { Title = "Tre Việt" }, null);
        (await api.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = organisation })).Dispose();
        (await api.PutAsJsonAsync($"/api/cohorts/{key}/members/{organisation}/milestones/mvp", new { status = "inProgress" })).Dispose();

        // The API: removing "mvp" (in progress) is refused and changes nothing; an unknown cohort is 404.
        object Body(string name, params object[] milestones) => new { key = "ignored", name = new { vi = name }, startsOn = "2026-01-01", endsOn = "2035-12-31", cadence = "monthly", milestones };
        using (var refused = await api.PutAsJsonAsync($"/api/cohorts/{key}", Body("Khoá mới", new { key = "canvas", title = new { vi = "Mô hình" }, dueOn = "2026-02-28" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("milestones", out _));
        }

        Assert.Equal("Khoá cũ", await site.QueryAsync(db => db.Set<Cohort>().Where(c => c.Key == key).Select(c => c.NameVi).SingleAsync()));
        using (var unknown = await api.PutAsJsonAsync("/api/cohorts/no-such-cohort", Body("X")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // The page: prefilled, the key fixed; "pitch" (no progress) removed, "mvp" renamed, "demo" added.
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var show = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
        Assert.Equal($"/admin/cohorts/{key}/edit", show.QuerySelector("#edit-cohort")?.GetAttribute("href"));
        var form = await Forms.GetAsync(staff, $"/admin/cohorts/{key}/edit");
        Assert.Equal("Khoá cũ", ((IHtmlInputElement)form.QuerySelector("#Form_NameVi")!).Value);
        Assert.Null(form.QuerySelector("input#Form_Key:not([type=hidden])"));
        Assert.Equal("pitch", ((IHtmlInputElement)form.QuerySelector("#Form_Milestones_2__Key")!).Value);
        var values = new Dictionary<string, string[]>
        {
            ["Form.NameVi"] = ["Khoá mới"], ["Form.Cadence"] = ["monthly"],
            ["Form.Milestones[1].TitleVi"] = ["Sản phẩm khả dụng"],
            ["Form.Milestones[2].Key"] = [""], ["Form.Milestones[2].TitleVi"] = [""], ["Form.Milestones[2].TitleEn"] = [""], ["Form.Milestones[2].DueOn"] = [""],
            ["Form.Milestones[3].Key"] = ["demo"], ["Form.Milestones[3].TitleVi"] = ["Ngày trình diễn"], ["Form.Milestones[3].DueOn"] = ["2026-09-30"],
        };
        using (var saved = await Forms.FillAndSubmitAsync(staff, form, "#cohort-form", values))
        {
            Assert.Equal($"/admin/cohorts/{key}", Forms.Location(saved));
        }

        show = await Forms.GetAsync(staff, $"/admin/cohorts/{key}");
        Assert.Equal(Texts.Vi("The cohort is saved."), show.QuerySelector("#cohort-status")?.TextContent.Trim());
        Assert.Equal(["canvas", "mvp", "demo"], show.QuerySelectorAll("#grid thead th[data-milestone]").Select(th => th.GetAttribute("data-milestone")));
        var cohort = await site.QueryAsync(db => db.Set<Cohort>().Include(c => c.Milestones).SingleAsync(c => c.Key == key));
        Assert.Equal(("Khoá mới", CohortCadence.Monthly), (cohort.NameVi, cohort.Cadence));
        Assert.Equal("Sản phẩm khả dụng", cohort.Milestones.Single(m => m.Key == "mvp").TitleVi);
        Assert.Equal(MilestoneStatus.InProgress, await site.QueryAsync(db => db.Set<MemberMilestone>().Where(m => m.MilestoneKey == "mvp" && db.Set<CohortMember>().Any(c => c.Id == m.MemberId && c.OrganisationId == organisation)).Select(m => m.Status).SingleAsync()));

        // The form opened before that change is stale: refused with the reason, nothing changed.
        using (var stale = await Forms.FillAndSubmitAsync(staff, form, "#cohort-form", new Dictionary<string, string[]> { ["Form.NameVi"] = ["Khoá cũ lại"] }))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains(Texts.Vi("Someone else changed this cohort since you opened it; look at it again and make your change."), (await Forms.ParseAsync(stale)).QuerySelector("#cohort-errors")?.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal("Khoá mới", await site.QueryAsync(db => db.Set<Cohort>().Where(c => c.Key == key).Select(c => c.NameVi).SingleAsync()));
    }
}
