using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Applications;

/// <summary>
/// The officer's screening of an application in the back office: the workflow, its buttons, its history and its
/// notices read by their names in the reader's language, and "request information" offers the form's fields to tick.
/// </summary>
public sealed class ScreeningPageTests(Sites sites) : IClassFixture<Sites>
{
    private const string RequestSelector = "form.workflow-action[data-action='request-information']";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_workflow_and_its_buttons_in_vietnamese_after_the_answers_when_staff_open_an_application(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");

        var page = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");

        Assert.Equal($"{Texts.Vi("Workflow")}: Xét duyệt hồ sơ đề nghị hỗ trợ", page.QuerySelector("#workflow-heading")?.TextContent.Trim());
        Assert.Equal(
            ["Đạt thẩm định sơ bộ", "Yêu cầu bổ sung", "Không đạt thẩm định sơ bộ"],
            page.QuerySelectorAll("section.workflow-panel form.workflow-action button[type=submit]").Select(b => b.TextContent.Trim()));
        AssertNoStepId(page, await SupportApprovalAsync(site));

        // The officer reads the answers first: the actions come after them.
        var answers = page.QuerySelector("#answers-heading")!;
        var actions = page.QuerySelector("section.workflow-panel")!;
        Assert.True(answers.CompareDocumentPosition(actions).HasFlag(DocumentPositions.Following), "the actions stand before the answers");
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_offer_the_form_fields_by_their_labels_and_reopen_exactly_the_ticked_ones_when_staff_request_information(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var url = $"/admin/applications/{application.Id}";
        var page = await Forms.GetAsync(staff, url);

        // No box of keys: one checkbox per field of the form (and the requested amount), labelled as the applicant reads it.
        var form = page.QuerySelector(RequestSelector)!;
        Assert.Null(form.QuerySelector("input[type=text][name='data[fields]'], input:not([type])[name='data[fields]']"));
        var boxes = form.QuerySelectorAll("fieldset.choices label").ToDictionary(l => l.TextContent.Trim(), l => (IHtmlInputElement)l.QuerySelector("input[type=checkbox][name='data[fields]']")!);
        Assert.Equal(["Tóm tắt dự án", "Vốn đối ứng", "Lĩnh vực", Texts.Vi("Requested amount")], boxes.Keys);
        Assert.Equal(Texts.Vi("Fields to reopen") + " *", form.QuerySelector("fieldset.choices legend")?.TextContent.Trim());

        boxes["Tóm tắt dự án"].IsChecked = true;
        boxes["Vốn đối ứng"].IsChecked = true;
        using (var requested = await Forms.FillAndSubmitAsync(staff, page, RequestSelector, new Dictionary<string, string[]> { ["comment"] = ["Tóm tắt còn sơ sài; vốn đối ứng cần chứng từ."] }))
        {
            Assert.Equal(url, Forms.Location(requested));
        }

        var after = await Forms.GetAsync(staff, url);
        Assert.Equal(Texts.Vi("Done: {0}.", "Yêu cầu bổ sung"), after.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Equal("Tóm tắt dự án, Vốn đối ứng", after.QuerySelector("dd.reopened")?.TextContent.Trim());
        var stored = await site.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == application.Id));
        Assert.Equal("information-requested", stored.Status);
        Assert.Equal(["summary", "ownFunds"], stored.ReopenedFields);

        // What the applicant's pages show beside the reopened fields: the fields on the application, the comment in the history.
        var reopened = await Json.GetAsync(application.Applicant.Api, $"/api/applications/{application.Id}");
        Assert.Equal(["summary", "ownFunds"], reopened.GetProperty("reopenedFields").EnumerateArray().Select(f => f.GetString()));
        var history = (await Json.GetAsync(application.Applicant.Api, $"/api/items/{application.Id}/workflow")).GetProperty("history").EnumerateArray().ToList();
        var request = Assert.Single(history, h => h.Text("outcome") == "request-information");
        Assert.Equal(("Tóm tắt còn sơ sài; vốn đối ứng cần chứng từ.", "Yêu cầu bổ sung"), (request.Text("comment"), request.Text("outcomeName")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_keys_that_are_not_the_form_fields_with_a_message_and_change_nothing_when_a_request_names_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var url = $"/admin/applications/{application.Id}";
        var page = await Forms.GetAsync(staff, url);

        // A forged post with a key the form does not have, next to one it has.
        using (var forged = await Forms.SubmitAsync(staff, page, RequestSelector, [new("data[fields]", "summary"), new("data[fields]", "budgetTable"), new("comment", "Thiếu bảng dự toán")]))
        {
            Assert.Equal(url, Forms.Location(forged));
        }

        var refused = await Forms.GetAsync(staff, url);
        Assert.Equal(
            $"{Texts.Vi("Fields to reopen")}: {Texts.Vi("Not a field of this programme's form: {0}. Tick the fields to reopen among the form's fields.", "budgetTable")}",
            refused.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());

        // Nothing ticked is refused too.
        using (var empty = await Forms.SubmitAsync(staff, refused, RequestSelector, [new("comment", "Thiếu bảng dự toán")]))
        {
            Assert.Equal(url, Forms.Location(empty));
        }

        Assert.StartsWith(Texts.Vi("Fields to reopen"), (await Forms.GetAsync(staff, url)).QuerySelector("p.notice[role=alert]")?.TextContent.Trim(), StringComparison.Ordinal);

        // The API refuses the same keys.
        using var api = await site.CreateUserAsync("Staff");
        var version = (await Json.GetAsync(api, $"/api/items/{application.Id}/workflow")).GetProperty("version").GetInt32();
        using var response = await api.PostAsJsonAsync($"/api/items/{application.Id}/actions", new { action = "request-information", version, comment = "Thiếu", data = new { fields = new[] { "summary", "budgetTable" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("budgetTable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await site.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == application.Id));
        Assert.Equal(("submitted", 0), (stored.Status, stored.ReopenedFields.Count));
        Assert.False(await site.QueryAsync(db => db.WorkflowHistory.AnyAsync(h => h.Outcome == "request-information" && db.WorkflowInstances.Any(i => i.Id == h.InstanceId && i.CorrelationId == application.Id))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_history_by_step_names_in_the_reader_language_and_no_step_id_when_staff_open_the_instance(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var page = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        ((IHtmlInputElement)page.QuerySelector($"{RequestSelector} input[value=summary]")!).IsChecked = true;
        (await Forms.FillAndSubmitAsync(staff, page, RequestSelector, new Dictionary<string, string[]> { ["comment"] = ["Bổ sung tóm tắt."] })).Dispose();
        var instanceId = await site.QueryAsync(db => db.WorkflowInstances.Where(i => i.CorrelationId == application.Id).Select(i => i.Id).SingleAsync());
        var url = $"/admin/workflows/instances/{instanceId}";

        var vietnamese = await Forms.GetAsync(staff, url);
        var request = vietnamese.QuerySelector("table.history tr[data-outcome='request-information']")!;
        Assert.Equal(("Thẩm định sơ bộ", "Yêu cầu bổ sung"), (request.QuerySelector("td:nth-child(3)")?.TextContent.Trim(), request.QuerySelector("td:nth-child(4)")?.TextContent.Trim()));
        Assert.Contains("Xét duyệt hồ sơ đề nghị hỗ trợ", vietnamese.QuerySelector("dl.facts")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(vietnamese.QuerySelectorAll("dl.facts li[data-activity]"), li => li.TextContent.Contains("Người nộp bổ sung thông tin", StringComparison.Ordinal));
        AssertNoStepId(vietnamese, await SupportApprovalAsync(site));

        var english = await Forms.GetAsync(staff, url + "?culture=en-GB&ui-culture=en-GB");
        request = english.QuerySelector("table.history tr[data-outcome='request-information']")!;
        Assert.Equal(("Screening", "Request information"), (request.QuerySelector("td:nth-child(3)")?.TextContent.Trim(), request.QuerySelector("td:nth-child(4)")?.TextContent.Trim()));
        Assert.Contains("Support application approval", english.QuerySelector("dl.facts")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_step_in_the_reader_language_when_the_applicant_is_told_that_information_is_requested(DatabaseProvider provider)
    {
        var site = sites[provider];
        var programmeId = await SupportData.CreateProgrammeAsync(site);
        using var application = await SupportData.SubmitAsync(site, programmeId);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var page = await Forms.GetAsync(staff, $"/admin/applications/{application.Id}");
        ((IHtmlInputElement)page.QuerySelector($"{RequestSelector} input[value=summary]")!).IsChecked = true;
        (await Forms.FillAndSubmitAsync(staff, page, RequestSelector, new Dictionary<string, string[]> { ["comment"] = ["Bổ sung tóm tắt."] })).Dispose();

        var body = await site.QueryAsync(db => db.OutboxEmails.Where(e => e.To == application.Applicant.Email && e.Subject.Contains(Texts.Vi("More information is needed for your application"))).Select(e => e.HtmlBody).SingleAsync());
        var email = await Forms.ParseAsync(body);

        Assert.Equal(Texts.Vi("Step: {0}.", "Thẩm định sơ bộ: Yêu cầu bổ sung"), email.QuerySelector("p[lang=vi] .step")?.TextContent);
        Assert.Equal("Step: Screening: Request information.", email.QuerySelector("p[lang=en] .step")?.TextContent);
        Assert.DoesNotContain("request-information", body, StringComparison.Ordinal);

        // The notice on the site names it in the language the applicant reads the site in.
        var vietnamese = await Forms.GetAsync(application.Applicant.Browser, "/notifications");
        var notice = vietnamese.QuerySelectorAll("ul.notifications li").Single(li => li.TextContent.Contains(Texts.Vi("More information is needed for your application"), StringComparison.Ordinal));
        Assert.Equal(Texts.Vi("Step: {0}.", "Thẩm định sơ bộ: Yêu cầu bổ sung"), notice.QuerySelector("p.step")?.TextContent.Trim());
        var english = await Forms.GetAsync(application.Applicant.Browser, "/notifications?culture=en-GB&ui-culture=en-GB");
        notice = english.QuerySelectorAll("ul.notifications li").Single(li => li.TextContent.Contains("More information is needed for your application", StringComparison.Ordinal));
        Assert.Equal("Step: Screening: Request information.", notice.QuerySelector("p.step")?.TextContent.Trim());
    }

    private static Task<WorkflowType> SupportApprovalAsync(SiteFactory site) =>
        site.QueryAsync(async db => (await db.WorkflowTypes.Where(t => t.Key == "support-approval").OrderByDescending(t => t.Version).FirstAsync()).ToWorkflowType());

    /// <summary>No activity id and no outcome key of the type shows as text on the page (attributes may carry them).</summary>
    private static void AssertNoStepId(IDocument page, WorkflowType type)
    {
        var text = page.Body!.TextContent;
        var ids = type.Activities.Select(a => a.Id)
            .Concat(type.Activities.OfType<UserTaskActivity>().SelectMany(t => t.Outcomes.Select(o => o.Name)))
            .Distinct(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            Assert.False(Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(id)}(?![\w-])"), $"the page shows the id '{id}'");
        }
    }
}
