using System.Net;
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
}
