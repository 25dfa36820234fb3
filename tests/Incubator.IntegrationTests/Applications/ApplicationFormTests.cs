using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Applications;

/// <summary>
/// The applicant's form as it guards their work: the error summary that names and links each field, "check your
/// answers" before the one-way submission, money with dots, and the requested amount in its place.
/// </summary>
public sealed class ApplicationFormTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_and_link_each_field_in_the_error_summary_when_the_applicant_continues_an_incomplete_application(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        var url = $"/my/applications/{id}";

        // Nothing filled in: every required field is listed in the form's order, by its name, linking to its input.
        var page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Null(page.QuerySelector("#error-summary"));
        using (var incomplete = await PressAsync(applicant.Browser, page, "#continue-application"))
        {
            Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
            var shown = await Forms.ParseAsync(incomplete);
            var summary = shown.QuerySelector("#error-summary") ?? throw new InvalidOperationException("No error summary.");
            Assert.Equal("-1", summary.GetAttribute("tabindex"));
            Assert.True(summary.HasAttribute("autofocus"));
            Assert.Equal("alert", summary.GetAttribute("role"));
            var order = shown.QuerySelectorAll("main *").ToList();
            Assert.True(order.IndexOf(summary) < order.IndexOf(shown.QuerySelector("main h1")!), "The error summary is not at the top, above the heading.");
            Assert.Equal(
                [("#f-summary", "Nhập tóm tắt dự án"), ("#f-teamSize", "Nhập số thành viên"), ("#f-requestedAmount", "Nhập kinh phí đề nghị"), ("#f-plan", "Đính kèm kế hoạch kinh doanh")],
                Links(summary));
            AssertBesideTheirFields(shown, summary);
        }

        Assert.Equal("draft", (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).Text("status"));

        // Values of the wrong kind: each message says which field and what it takes; nothing is saved.
        using (var refused = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#application-form", new Dictionary<string, string[]>
               {
                   ["answers.summary"] = ["Chè Shan tuyết"], ["answers.teamSize"] = ["bảy"], ["answers.ownFunds"] = ["15.00"], ["answers.startDate"] = ["31/02/2026"],
                   ["answers.stage"] = ["growth"],
               }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var shown = await Forms.ParseAsync(refused);
            var summary = shown.QuerySelector("#error-summary") ?? throw new InvalidOperationException("No error summary.");
            Assert.Equal(Texts.Vi("Nothing was saved: correct the fields marked below."), summary.QuerySelector("#error")?.TextContent.Trim());
            Assert.Equal(
                [
                    ("#f-teamSize", Texts.Vi("{0} must be a number", "Số thành viên")),
                    ("#f-ownFunds", Texts.Vi("{0} must be a whole amount of đồng, such as 1.500.000.000", "Vốn đối ứng")),
                    ("#f-startDate", Texts.Vi("{0} must be a date as dd/mm/yyyy, such as 31/12/2026", "Ngày bắt đầu")),
                    ("#f-stage", Texts.Vi("Choose {0} from the options given", "giai đoạn")),
                ],
                Links(summary));
            AssertBesideTheirFields(shown, summary);
            Assert.Equal("bảy", Value(shown, "#f-teamSize"));
        }

        Assert.False((await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).GetProperty("answers").TryGetProperty("summary", out _));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_submit_only_from_check_your_answers_when_the_applicant_continues_a_complete_application(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        await FillCompleteAsync(applicant.Api, id);
        var url = $"/my/applications/{id}";
        var check = $"{url}/check";

        // "Continue" saves and leads to the check, which submits nothing by itself.
        var page = await Forms.GetAsync(applicant.Browser, url);
        using (var next = await PressAsync(applicant.Browser, page, "#continue-application", new Dictionary<string, string[]> { ["answers.stage"] = ["mvp"] }))
        {
            Assert.Equal(check, Forms.Location(next));
        }

        Assert.Equal("draft", (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).Text("status"));
        var answers = await Forms.GetAsync(applicant.Browser, check);
        Assert.Equal(Texts.Vi("Check your answers before submitting"), answers.QuerySelector("main h1")?.TextContent.Trim());
        var rows = answers.QuerySelectorAll("#check-answers .check-row").ToList();
        Assert.Equal(["summary", "teamSize", "ownFunds", "startDate", "stage", "markets", "requestedAmount", "plan"], rows.Select(r => r.GetAttribute("data-field")));
        string Answer(string key) => answers.QuerySelector($"#check-answers [data-field={key}] .answer")?.TextContent.Trim() ?? string.Empty;
        Assert.Equal("Chè Shan tuyết hữu cơ", Answer("summary"));
        Assert.Equal("Sản phẩm mẫu", Answer("stage"));
        Assert.Equal(Texts.Vi("Not answered."), Answer("ownFunds"));
        Assert.Equal("250.000.000 ₫", Answer("requestedAmount"));
        Assert.Equal("Kế hoạch.pdf", answers.QuerySelector("#check-answers [data-field=plan] .answer a")?.TextContent);

        // Each answer leads back to its own field on the form.
        Assert.Equal(
            rows.Select(r => r.GetAttribute("data-field") == "markets" ? $"{url}#f-markets-0" : $"{url}#f-{r.GetAttribute("data-field")}"),
            rows.Select(r => r.QuerySelector(".change a")?.GetAttribute("href") ?? string.Empty));
        var form = await Forms.GetAsync(applicant.Browser, url);
        Assert.All(rows, r => Assert.NotNull(form.GetElementById(r.QuerySelector(".change a")!.GetAttribute("href")!.Split('#')[1])));

        // The submission is made from there, once.
        using (var submitted = await PressAsync(applicant.Browser, answers, "#submit-application"))
        {
            Assert.Equal(url, Forms.Location(submitted));
        }

        var done = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Submitted. Staff will screen your application; you will be notified of each step."), done.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal("submitted", (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).Text("status"));
        using (var after = await applicant.Browser.GetAsync(new Uri(check, UriKind.Relative)))
        {
            Assert.Equal(url, Forms.Location(after));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_what_is_missing_and_offer_no_submission_when_the_check_page_is_opened_too_early(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        var url = $"/my/applications/{id}";

        var check = await Forms.GetAsync(applicant.Browser, $"{url}/check");
        Assert.Null(check.QuerySelector("#submit-application"));
        var summary = check.QuerySelector("#error-summary") ?? throw new InvalidOperationException("No error summary.");
        Assert.Equal(
            [($"{url}#f-summary", "Nhập tóm tắt dự án"), ($"{url}#f-teamSize", "Nhập số thành viên"), ($"{url}#f-requestedAmount", "Nhập kinh phí đề nghị"), ($"{url}#f-plan", "Đính kèm kế hoạch kinh doanh")],
            Links(summary));

        // A submission posted anyway (a page left open) is refused the same way and submits nothing.
        var token = (await Forms.GetAsync(applicant.Browser, url)).QuerySelector("#application-form input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No token.");
        using (var posted = await applicant.Browser.PostAsync(new Uri($"{url}/check", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Equal(4, (await Forms.ParseAsync(posted)).QuerySelectorAll("#error-summary li a").Length);
        }

        Assert.Equal("draft", (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).Text("status"));
        Assert.Equal(0, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_accept_money_with_or_without_dots_and_show_it_grouped_when_the_page_is_reloaded(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        var url = $"/my/applications/{id}";

        foreach (var (ownFunds, requested, storedFunds, storedAmount) in new[]
                 {
                     ("90000000", "250.000.000", 90_000_000L, 250_000_000L),
                     ("1.500.000", "120000000", 1_500_000L, 120_000_000L),
                 })
        {
            var page = await Forms.GetAsync(applicant.Browser, url);
            using (var saved = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#application-form",
                       new Dictionary<string, string[]> { ["answers.ownFunds"] = [ownFunds], ["requestedAmount"] = [requested] }))
            {
                Assert.Equal(url, Forms.Location(saved));
            }

            var stored = await Json.GetAsync(applicant.Api, $"/api/applications/{id}");
            Assert.Equal(storedFunds, stored.GetProperty("answers").GetProperty("ownFunds").GetInt64());
            Assert.Equal(storedAmount, stored.GetProperty("requestedAmount").GetInt64());

            // Reloaded, both show the amount grouped with dots, and the page's script keeps grouping them as typed.
            var reloaded = await Forms.GetAsync(applicant.Browser, url);
            Assert.Equal(storedFunds.ToString("#,0", Dots), Value(reloaded, "#f-ownFunds"));
            Assert.Equal(storedAmount.ToString("#,0", Dots), Value(reloaded, "#f-requestedAmount"));
            Assert.True(reloaded.QuerySelector("#f-ownFunds")!.HasAttribute("data-money"));
            Assert.True(reloaded.QuerySelector("#f-requestedAmount")!.HasAttribute("data-money"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_place_the_requested_amount_where_the_form_names_it_and_before_the_files_otherwise(DatabaseProvider provider)
    {
        var site = sites[provider];

        // A form that does not name it: the amount comes after the answers, before the files.
        var (plainId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var plain = await CreateApplicationAsync(applicant.Api, plainId);
        var page = await Forms.GetAsync(applicant.Browser, $"/my/applications/{plain}");
        Assert.Equal(["summary", "teamSize", "ownFunds", "startDate", "stage", "markets", "requestedAmount", "plan"], Fields(page));

        // A form that names it second: there, with the programme's own label, on the programme's page too.
        var key = "placed-" + Guid.NewGuid().ToString("N")[..12];
        var definition = ProgrammeData.Definition(key);
        definition["form"] = new JsonArray(
            new JsonObject { ["key"] = "summary", ["type"] = "longtext", ["label"] = new JsonObject { ["vi"] = "Tóm tắt dự án" }, ["required"] = true },
            new JsonObject { ["key"] = "requestedAmount", ["type"] = "money", ["label"] = new JsonObject { ["vi"] = "Kinh phí đề nghị ngân sách hỗ trợ" }, ["required"] = true },
            new JsonObject { ["key"] = "plan", ["type"] = "file", ["label"] = new JsonObject { ["vi"] = "Kế hoạch kinh doanh" }, ["required"] = true },
            new JsonObject { ["key"] = "employees", ["type"] = "number", ["label"] = new JsonObject { ["vi"] = "Số lao động" } });
        using var staff = await site.CreateUserAsync("Staff");
        var placedId = await ProgrammeData.CreateProgrammeAsync(staff, definition);
        var placed = await CreateApplicationAsync(applicant.Api, placedId);
        var url = $"/my/applications/{placed}";
        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(["summary", "requestedAmount", "plan", "employees"], Fields(page));
        Assert.Equal("Kinh phí đề nghị ngân sách hỗ trợ *", page.QuerySelector("label[for=f-requestedAmount]")?.TextContent.Trim());
        Assert.Equal("requestedAmount", page.QuerySelector("#f-requestedAmount")?.GetAttribute("name"));
        var programmePage = await Forms.GetAsync(applicant.Browser, $"/programmes/{key}");
        Assert.Equal(["summary", "requestedAmount", "plan", "employees"], programmePage.QuerySelectorAll("#form-fields li").Select(li => li.GetAttribute("data-key")));

        // Its value is the application's requested amount, never an answer; its "required" asks for the amount.
        using (var continued = await PressAsync(applicant.Browser, page, "#continue-application", new Dictionary<string, string[]> { ["answers.summary"] = ["Chè sạch"] }))
        {
            var shown = await Forms.ParseAsync(continued);
            Assert.Equal(
                [("#f-requestedAmount", "Nhập kinh phí đề nghị ngân sách hỗ trợ"), ("#f-plan", "Đính kèm kế hoạch kinh doanh")],
                Links(shown.QuerySelector("#error-summary") ?? throw new InvalidOperationException("No error summary.")));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        using (var saved = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#application-form", new Dictionary<string, string[]> { ["requestedAmount"] = ["200.000.000"] }))
        {
            Assert.Equal(url, Forms.Location(saved));
        }

        var stored = await Json.GetAsync(applicant.Api, $"/api/applications/{placed}");
        Assert.Equal(200_000_000, stored.GetProperty("requestedAmount").GetInt64());
        Assert.False(stored.GetProperty("answers").TryGetProperty("requestedAmount", out _));
        using (var asAnswer = await applicant.Api.PutAsJsonAsync($"/api/applications/{placed}", new { answers = new { requestedAmount = 5 } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, asAnswer.StatusCode);
        }

        Assert.Equal("200.000.000", Value(await Forms.GetAsync(applicant.Browser, url), "#f-requestedAmount"));
    }

    private static readonly System.Globalization.NumberFormatInfo Dots = new() { NumberGroupSeparator = "." };

    private static List<(string Href, string Text)> Links(IElement summary) =>
        [.. summary.QuerySelectorAll("li a").Select(a => (a.GetAttribute("href")!, a.TextContent.Trim()))];

    private static List<string> Fields(IDocument page) =>
        [.. page.QuerySelectorAll("#application-form [data-field]").Select(f => f.GetAttribute("data-field")!)];

    /// <summary>Each summary link leads to an input whose field shows the same message, tied to it with aria-describedby.</summary>
    private static void AssertBesideTheirFields(IDocument page, IElement summary)
    {
        foreach (var (href, text) in Links(summary))
        {
            var input = page.GetElementById(href[1..]) ?? throw new InvalidOperationException($"{href} leads nowhere.");
            var error = input.Closest(".field")?.QuerySelector(".field-error") ?? throw new InvalidOperationException($"No message beside {href}.");
            Assert.Equal(text, error.TextContent.Trim());
            Assert.Contains(error.Id!, (input.GetAttribute("aria-describedby") ?? string.Empty).Split(' '));
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
        }
    }
}
