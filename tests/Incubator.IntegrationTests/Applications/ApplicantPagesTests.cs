using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Organisations;
using Incubator.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Incubator.IntegrationTests.Infrastructure.SupportApplications;

namespace Incubator.IntegrationTests.Applications;

public sealed class ApplicantPagesTests(Sites sites) : IClassFixture<Sites>
{
    private const string Summary = "Chè Shan tuyết hữu cơ vùng cao";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_save_the_draft_list_the_file_and_submit_once_when_the_applicant_uses_the_application_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, name) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var organisation = $"Nông sản sạch {Guid.NewGuid():N}";
        var id = await CreateApplicationAsync(applicant.Api, programmeId, await OrganisationApiTests.CreateAsync(applicant.Api, "startup", organisation));
        var url = $"/my/applications/{id}";

        // A plain post of the form saves the draft, each answer in its JSON type.
        var page = await Forms.GetAsync(applicant.Browser, url);
        using (var saved = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#application-form", new Dictionary<string, string[]>
               {
                   ["answers.summary"] = [Summary], ["answers.teamSize"] = ["7"], ["answers.ownFunds"] = ["90.000.000"], ["answers.startDate"] = ["15/03/2026"],
                   ["answers.stage"] = ["mvp"], ["answers.markets"] = ["", "domestic", "export"], ["requestedAmount"] = ["250.000.000"],
               }))
        {
            Assert.Equal(url, Forms.Location(saved));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Saved."), page.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal(Summary, page.QuerySelector("#f-summary")?.TextContent);
        Assert.Equal("7", Value(page, "#f-teamSize"));
        Assert.Equal("90.000.000", Value(page, "#f-ownFunds"));
        Assert.Equal("15/03/2026", Value(page, "#f-startDate"));
        Assert.Equal("mvp", (page.QuerySelector("#f-stage") as IHtmlSelectElement)?.Value);
        Assert.Equal(["domestic", "export"], page.QuerySelectorAll("#f-markets input[type=checkbox]").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value));
        Assert.Equal("250.000.000", Value(page, "#f-requestedAmount"));
        var stored = await Json.GetAsync(applicant.Api, $"/api/applications/{id}");
        var answers = stored.GetProperty("answers");
        Assert.Equal(7m, answers.GetProperty("teamSize").GetDecimal());
        Assert.Equal(90_000_000, answers.GetProperty("ownFunds").GetInt64());
        Assert.Equal("2026-03-15", answers.Text("startDate"));
        Assert.Equal(["domestic", "export"], answers.GetProperty("markets").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(250_000_000, stored.GetProperty("requestedAmount").GetInt64());

        // A bad number is shown next to its field with what was typed, and nothing of that post is saved.
        using (var refused = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#application-form", new Dictionary<string, string[]> { ["answers.teamSize"] = ["bảy"], ["answers.summary"] = ["Đổi ý"] }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var shown = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("{0} must be a number", "Số thành viên"), shown.QuerySelector("#field-teamSize .field-error")?.TextContent.Trim());
            Assert.Null(shown.QuerySelector("#field-summary .field-error"));
            Assert.Equal(Texts.Vi("Nothing was saved: correct the fields marked below."), shown.QuerySelector("#error")?.TextContent.Trim());
            Assert.Equal("bảy", Value(shown, "#f-teamSize"));
            Assert.Equal("Đổi ý", shown.QuerySelector("#f-summary")?.TextContent);
        }

        Assert.Equal(Summary, (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).GetProperty("answers").Text("summary"));

        // Continuing without the required file says what is missing, next to the field.
        page = await Forms.GetAsync(applicant.Browser, url);
        using (var incomplete = await PressAsync(applicant.Browser, page, "#continue-application"))
        {
            Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
            var shown = await Forms.ParseAsync(incomplete);
            Assert.Equal(Texts.Vi("The application is not complete: fill in the fields marked below, then submit it."), shown.QuerySelector("#error")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Attach {0}", "kế hoạch kinh doanh"), shown.QuerySelector("#field-plan .field-error")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Draft"), shown.QuerySelector("#application-status")?.TextContent.Trim());
        }

        // A PDF chosen in the file field is stored and listed under it, with its download link.
        page = await Forms.GetAsync(applicant.Browser, url);
        using (var uploaded = await PressAsync(applicant.Browser, page, "#field-plan button.upload", file: ("file.plan", "Kế hoạch kinh doanh.pdf", Pdf)))
        {
            Assert.Equal(url, Forms.Location(uploaded));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Saved. Attached: {0}", "Kế hoạch kinh doanh.pdf"), page.QuerySelector("#message")?.TextContent.Trim());
        var link = page.QuerySelector("#attachments-plan li a") ?? throw new InvalidOperationException("The file is not listed.");
        Assert.Equal("Kế hoạch kinh doanh.pdf", link.TextContent);
        using (var download = await applicant.Browser.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // A double click on "check your answers": two submissions at once submit once.
        var draft = await Forms.GetAsync(applicant.Browser, $"{url}/check");
        var clicks = await Task.WhenAll(PressAsync(applicant.Browser, draft, "#submit-application"), PressAsync(applicant.Browser, draft, "#submit-application"));
        foreach (var click in clicks)
        {
            Assert.Equal(url, Forms.Location(click));
            click.Dispose();
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        var submittedStatus = Texts.Vi("Submitted, to screen");
        Assert.Equal(submittedStatus, page.QuerySelector("#application-status")?.TextContent.Trim());
        Assert.Equal(1, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == id)));

        // Submitted: the answers read-only, and the history without the entries kept for staff.
        Assert.Null(page.QuerySelector("#application-form"));
        Assert.Equal(Summary, page.QuerySelector("#answers dd[data-field=summary]")?.TextContent.Trim());
        Assert.Equal("90.000.000 ₫", page.QuerySelector("#answers dd[data-field=ownFunds]")?.TextContent.Trim());
        Assert.Equal("15/03/2026", page.QuerySelector("#answers dd[data-field=startDate]")?.TextContent.Trim());
        Assert.Equal("Sản phẩm mẫu", page.QuerySelector("#answers dd[data-field=stage]")?.TextContent.Trim());
        Assert.Equal("Trong nước; Xuất khẩu", page.QuerySelector("#answers dd[data-field=markets]")?.TextContent.Trim());
        Assert.Equal("250.000.000 ₫", page.QuerySelector("#answers dd[data-field=requestedAmount]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"#answers dd[data-field=plan] a[href='{link.GetAttribute("href")}']"));
        var steps = page.QuerySelectorAll("#history tbody tr").Select(tr => tr.Children[1].TextContent.Trim()).ToList();
        Assert.Equal([Texts.Vi("Application received"), Texts.Vi("Status: {0}", submittedStatus)], steps);
        Assert.Equal((await Json.GetAsync(applicant.Api, $"/api/items/{id}/workflow")).GetProperty("history").GetArrayLength(), steps.Count);

        // A later click from the page still showing the draft is told it was already submitted.
        using (var again = await PressAsync(applicant.Browser, draft, "#submit-application"))
        {
            Assert.Equal(url, Forms.Location(again));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("This application was already submitted."), page.QuerySelector("#error")?.TextContent.Trim());
        Assert.Equal(1, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == id)));

        var submittedUtc = (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).GetProperty("submittedUtc").GetDateTime();
        var mine = await Forms.GetAsync(applicant.Browser, "/my/applications");
        var row = mine.QuerySelector($"table.applications tr[data-id='{id}']") ?? throw new InvalidOperationException("The application is not listed.");
        Assert.Equal(name, row.QuerySelector($".programme a[href='{url}']")?.TextContent.Trim());
        Assert.Equal(organisation, row.QuerySelector(".organisation")?.TextContent.Trim());
        Assert.Equal(submittedStatus, row.QuerySelector(".status")?.TextContent.Trim());
        Assert.Equal(VietnamTime.FormatDate(submittedUtc), row.QuerySelector(".submitted")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_a_refused_file_next_to_its_field_and_remove_files_only_while_the_field_is_open(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        var url = $"/my/applications/{id}";

        // A program renamed .pdf is refused by its content, and the refusal is shown under the file field.
        var page = await Forms.GetAsync(applicant.Browser, url);
        using (var disguised = await PressAsync(applicant.Browser, page, "#field-plan button.upload", file: ("file.plan", "virus.pdf", "MZ not a pdf"u8.ToArray())))
        {
            Assert.Equal(HttpStatusCode.OK, disguised.StatusCode);
            var shown = await Forms.ParseAsync(disguised);
            Assert.Equal(
                Texts.Vi("{0}: {1}", "Kế hoạch kinh doanh", Texts.Vi("Only PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG files are accepted.")),
                shown.QuerySelector("#field-plan .field-error")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("The file was not attached: see the field marked below."), shown.QuerySelector("#error")?.TextContent.Trim());
        }

        Assert.False(await site.QueryAsync(db => db.ApplicationAttachments.AnyAsync(a => a.ApplicationId == id)));

        foreach (var name in new[] { "Bản cũ.pdf", "Bản mới.pdf" })
        {
            page = await Forms.GetAsync(applicant.Browser, url);
            using var uploaded = await PressAsync(applicant.Browser, page, "#field-plan button.upload", file: ("file.plan", name, Pdf));
            Assert.Equal(url, Forms.Location(uploaded));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(["Bản cũ.pdf", "Bản mới.pdf"], page.QuerySelectorAll("#attachments-plan li a").Select(a => a.TextContent));
        var old = page.QuerySelector("#attachments-plan li:first-child")?.GetAttribute("data-id") ?? throw new InvalidOperationException("No file listed.");
        using (var removed = await PressAsync(applicant.Browser, page, $"#attachments-plan li[data-id='{old}'] button.remove"))
        {
            Assert.Equal(url, Forms.Location(removed));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Removed: {0}", "Bản cũ.pdf"), page.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal(["Bản mới.pdf"], page.QuerySelectorAll("#attachments-plan li a").Select(a => a.TextContent));

        // Once submitted, the field is closed: no remove button, and a stale page's remove is refused.
        await FillCompleteAsync(applicant.Api, id);
        using (var submitted = await applicant.Api.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null))
        {
            await Json.ReadAsync(submitted);
        }

        Assert.Null((await Forms.GetAsync(applicant.Browser, url)).QuerySelector("button.remove"));
        var kept = page.QuerySelector("#attachments-plan li")?.GetAttribute("data-id") ?? throw new InvalidOperationException("No file listed.");
        using (var refused = await PressAsync(applicant.Browser, page, $"#attachments-plan li[data-id='{kept}'] button.remove"))
        {
            Assert.Equal(url, Forms.Location(refused));
        }

        Assert.Equal(Texts.Vi("This field cannot be changed now."), (await Forms.GetAsync(applicant.Browser, url)).QuerySelector("#error")?.TextContent.Trim());
        Assert.True(await site.QueryAsync(db => db.ApplicationAttachments.AnyAsync(a => a.Id == long.Parse(kept, CultureInfo.InvariantCulture))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_404_and_change_nothing_when_someone_else_opens_or_posts_to_the_application(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var owner = await site.CreateApplicantWithBrowserAsync();
        using var intruder = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(owner.Api, programmeId);
        await FillCompleteAsync(owner.Api, id);
        var before = (await Json.GetAsync(owner.Api, $"/api/applications/{id}")).GetRawText();
        var attachment = (await Json.GetAsync(owner.Api, $"/api/applications/{id}")).GetProperty("attachments")[0].GetProperty("id").GetInt64();

        using (var read = await intruder.Browser.GetAsync(new Uri($"/my/applications/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        // The intruder's own valid antiforgery token, posted at every handler of the owner's application.
        var own = await Forms.GetAsync(intruder.Browser, "/my/applications");
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No token.");
        foreach (var handler in new[] { "", "?handler=Autosave", "?handler=Submit", "?handler=Remove", "?handler=Report", "/check" })
        {
            using var content = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", token), new("answers.summary", "Taken over"), new("attachmentId", attachment.ToString(CultureInfo.InvariantCulture)),
                new("kind", "progress"), new("text", "Intruder's report"),
            ]);
            using var posted = await intruder.Browser.PostAsync(new Uri($"/my/applications/{id}{handler}", UriKind.Relative), content);
            Assert.True(posted.StatusCode == HttpStatusCode.NotFound, $"POST {handler} returned {(int)posted.StatusCode}");
        }

        Assert.Null((await Forms.GetAsync(intruder.Browser, "/my/applications")).QuerySelector($"tr[data-id='{id}']"));
        Assert.Equal(before, (await Json.GetAsync(owner.Api, $"/api/applications/{id}")).GetRawText());

        using var visitor = site.CreateBrowserClient();
        using (var check = await intruder.Browser.GetAsync(new Uri($"/my/applications/{id}/check", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        }

        foreach (var address in new[] { "/my/applications", $"/my/applications/{id}", $"/my/applications/{id}/check" })
        {
            using var response = await visitor.GetAsync(new Uri(address, UriKind.Relative));
            Assert.StartsWith("/account/login", Forms.Location(response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_the_applicant_change_only_the_reopened_field_when_staff_request_information(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var staff = await site.CreateUserAsync("Staff");
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        await SubmitCompleteAsync(applicant.Api, id);
        const string comment = "Vui lòng mô tả rõ hơn sản phẩm và thị trường.";
        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "request-information", comment, new { fields = "summary" }));
        var url = $"/my/applications/{id}";

        var page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Information requested"), page.QuerySelector("#application-status")?.TextContent.Trim());
        Assert.Equal(comment, page.QuerySelector("#staff-comment .comment")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("textarea#f-summary"));

        // The officer's reasons stand beside the reopened field, read out with it, and nowhere else.
        Assert.Equal(comment, page.QuerySelector("#field-summary .staff-request .comment")?.TextContent.Trim());
        Assert.Contains("f-summary-request", page.QuerySelector("#f-summary")?.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll(".staff-request"));
        Assert.Equal(["#field-summary"], page.QuerySelectorAll("#staff-comment ul.reopened a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["summary"], page.QuerySelectorAll("#application-form [name^='answers.']").Select(e => e.GetAttribute("name")![8..]).Distinct());
        Assert.Equal("7", page.QuerySelector("#field-teamSize.readonly .answer")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("#f-requestedAmount"));
        Assert.Equal("250.000.000 ₫", page.QuerySelector("#field-requestedAmount.readonly .answer")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("input[type=file]"));
        Assert.Null(page.QuerySelector("button.remove"));
        Assert.NotNull(page.QuerySelector("#attachments-plan li a"));
        Assert.Null(page.QuerySelector("#submit-application"));

        // Answers for the fields staff did not reopen, added by hand, change nothing.
        const string better = "Chè Shan tuyết túi lọc cho thị trường Hà Nội và xuất khẩu.";
        using (var saved = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#application-form",
                   new Dictionary<string, string[]> { ["answers.summary"] = [better], ["answers.teamSize"] = ["99"], ["requestedAmount"] = ["1"] }))
        {
            Assert.Equal(url, Forms.Location(saved));
        }

        var stored = await Json.GetAsync(applicant.Api, $"/api/applications/{id}");
        Assert.Equal(better, stored.GetProperty("answers").Text("summary"));
        Assert.Equal(7m, stored.GetProperty("answers").GetProperty("teamSize").GetDecimal());
        Assert.Equal(250_000_000, stored.GetProperty("requestedAmount").GetInt64());

        // The information is sent from "check your answers", where only the reopened field can be changed.
        page = await Forms.GetAsync(applicant.Browser, url);
        using (var next = await PressAsync(applicant.Browser, page, "#continue-application"))
        {
            Assert.Equal($"{url}/check", Forms.Location(next));
        }

        var check = await Forms.GetAsync(applicant.Browser, $"{url}/check");
        Assert.Equal(Texts.Vi("Send the information"), check.QuerySelector("#submit-application")?.TextContent.Trim());
        Assert.Equal([$"{url}#f-summary"], check.QuerySelectorAll("#check-answers .change a").Select(a => a.GetAttribute("href")));
        using (var sent = await PressAsync(applicant.Browser, check, "#submit-application"))
        {
            Assert.Equal(url, Forms.Location(sent));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("The information was sent. Staff will continue with your application."), page.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Submitted, to screen"), page.QuerySelector("#application-status")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("#staff-comment"));
        Assert.Equal(better, page.QuerySelector("#answers dd[data-field=summary]")?.TextContent.Trim());
        var rows = page.QuerySelectorAll("#history tbody tr").Select(tr => (Step: tr.Children[1].TextContent.Trim(), Comment: tr.Children[2].TextContent.Trim())).ToList();
        Assert.Contains((Texts.Vi("Information requested"), comment), rows);
        Assert.Contains((Texts.Vi("Information sent"), ""), rows);
        Assert.Equal((await Json.GetAsync(applicant.Api, $"/api/items/{id}/workflow")).GetProperty("history").GetArrayLength(), rows.Count);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_submission_as_late_when_the_round_closed_before_the_applicant_submits(DatabaseProvider provider)
    {
        var site = sites[provider];
        var closesAt = DateTimeOffset.UtcNow.AddDays(2);
        var (programmeId, _, _) = await CreateProgrammeAsync(site, closesAt: closesAt);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        await FillCompleteAsync(applicant.Api, id);
        var url = $"/my/applications/{id}";

        using (site.Clock.FreezeAt(closesAt.UtcDateTime.AddSeconds(2)))
        {
            var page = await Forms.GetAsync(applicant.Browser, url);
            Assert.Equal(Texts.Vi("This round closed; the application can no longer be submitted."), page.QuerySelector("#round-closed")?.TextContent.Trim());
            using (var late = await PressAsync(applicant.Browser, page, "#continue-application"))
            {
                Assert.Equal(url, Forms.Location(late));
            }

            page = await Forms.GetAsync(applicant.Browser, url);
            Assert.Equal(Texts.Vi("This round closed; the application is late."), page.QuerySelector("#error")?.TextContent.Trim());
            Assert.Equal(Texts.Vi("Draft"), page.QuerySelector("#application-status")?.TextContent.Trim());
        }

        Assert.Equal(0, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == id)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_save_and_say_when_or_list_the_problems_when_the_page_script_saves_the_draft(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        var url = $"/my/applications/{id}";
        var page = await Forms.GetAsync(applicant.Browser, url);
        var form = page.QuerySelector("#application-form") as IHtmlFormElement ?? throw new InvalidOperationException("No form.");
        Assert.Equal($"{url}?handler=Autosave", form.GetAttribute("data-autosave"));

        // The script loads on this page only, from the applications feature itself (not a theme), and is served.
        var script = page.QuerySelector("script[src^='/applications/application.'][defer]")?.GetAttribute("src");
        Assert.NotNull(script);
        Assert.Null((await Forms.GetAsync(applicant.Browser, "/my/applications")).QuerySelector("script[src^='/applications/application.']"));
        using (var served = await applicant.Browser.GetAsync(new Uri(script, UriKind.Relative)))
        {
            Assert.Contains("Autosave", await served.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var now = new DateTime(2026, 4, 2, 7, 5, 0, DateTimeKind.Utc);
        using (site.Clock.FreezeAt(now))
        {
            using var saved = await PostScriptAsync(applicant.Browser, form, new() { ["answers.summary"] = [Summary], ["answers.teamSize"] = ["12"] });
            var result = await Json.ReadAsync(saved);
            Assert.True(result.GetProperty("saved").GetBoolean());
            Assert.Equal(Texts.Vi("Saved at {0}", "14:05"), result.Text("message"));
        }

        var stored = (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).GetProperty("answers");
        Assert.Equal(Summary, stored.Text("summary"));
        Assert.Equal(12m, stored.GetProperty("teamSize").GetDecimal());

        using (var refused = await PostScriptAsync(applicant.Browser, form, new() { ["answers.summary"] = ["Đổi ý"], ["answers.teamSize"] = ["mười"] }))
        {
            var result = await Json.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.False(result.GetProperty("saved").GetBoolean());
            Assert.Equal(Texts.Vi("Nothing was saved: correct the fields marked below."), result.Text("message"));
            Assert.Equal(Texts.Vi("{0} must be a number", "Số thành viên"), result.GetProperty("errors").Text("teamSize"));
        }

        Assert.Equal(Summary, (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).GetProperty("answers").Text("summary"));

        // Without the form's token nothing is saved.
        using (var forged = await applicant.Browser.PostAsync(new Uri($"{url}?handler=Autosave", UriKind.Relative), new FormUrlEncodedContent([new("answers.summary", "Forged")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(Summary, (await Json.GetAsync(applicant.Api, $"/api/applications/{id}")).GetProperty("answers").Text("summary"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_decision_and_milestones_and_take_reports_when_the_application_is_funded(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var staff = await site.CreateUserAsync("Staff");
        var id = await CreateApplicationAsync(applicant.Api, programmeId);
        await SubmitCompleteAsync(applicant.Api, id);
        // The decision as the leaders' approval records it (the review in between is the reviewers' and leaders' part).
        await site.QueryAsync(async db =>
        {
            var application = await db.Applications.FirstAsync(a => a.Id == id);
            (application.Status, application.DecisionNumber, application.DecisionDate, application.ApprovedAmount) = ("funded", "125/QĐ-SKHCN", new DateOnly(2026, 5, 20), 200_000_000);
            application.RowVersion++;
            return await db.SaveChangesAsync();
        });
        using (var planned = await staff.PostAsJsonAsync($"/api/applications/{id}/milestones", new { title = "Đợt 1: tạm ứng", amount = 100_000_000, dueOn = "2026-06-01", reportDueOn = "2099-09-01" }))
        {
            await Json.ReadAsync(planned, HttpStatusCode.Created);
        }

        var milestone = (await Json.GetAsync(applicant.Api, $"/api/applications/{id}/milestones"))[0].GetProperty("id").GetInt64();
        var url = $"/my/applications/{id}";
        var page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Funded"), page.QuerySelector("#application-status")?.TextContent.Trim());
        Assert.Equal("125/QĐ-SKHCN", page.QuerySelector("#decision-number")?.TextContent.Trim());
        Assert.Equal("20/05/2026", page.QuerySelector("#decision-date")?.TextContent.Trim());
        Assert.Equal("200.000.000 ₫", page.QuerySelector("#approved-amount")?.TextContent.Trim());
        var cells = page.QuerySelectorAll($"#milestones tr[data-id='{milestone}'] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Đợt 1: tạm ứng", "100.000.000 ₫", "01/06/2026", "01/09/2099", Texts.Vi("Not yet")], cells);

        // A final report must say whether the result was applied in production; what was written stays.
        using (var refused = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#report-form", new Dictionary<string, string[]> { ["kind"] = ["final"], ["text"] = ["Đã hoàn thành dự án."] }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var shown = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("Say whether the result was applied in production."), shown.QuerySelector("#report-applied + .field-error")?.TextContent.Trim());
            Assert.Equal("Đã hoàn thành dự án.", shown.QuerySelector("#report-text")?.TextContent);
        }

        const string progress = "Đã hoàn thiện dây chuyền sấy chè.";
        using (var sent = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#report-form",
                   new Dictionary<string, string[]> { ["kind"] = ["progress"], ["milestoneId"] = [milestone.ToString(CultureInfo.InvariantCulture)], ["text"] = [progress] }))
        {
            Assert.Equal(url, Forms.Location(sent));
        }

        page = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("Your report was submitted."), page.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal(progress, page.QuerySelector("#reports li.card .report-text")?.TextContent.Trim());
        var reports = await Json.GetAsync(applicant.Api, $"/api/applications/{id}/reports");
        Assert.Equal(milestone, Assert.Single(reports.EnumerateArray()).GetProperty("milestoneId").GetInt64());

        // The workflow does not wait for a final report here (the decision was written directly), so it is refused as the API refuses it.
        using (var final = await Forms.FillAndSubmitAsync(applicant.Browser, page, "#report-form",
                   new Dictionary<string, string[]> { ["kind"] = ["final"], ["text"] = ["Kết thúc."], ["appliedInProduction"] = ["yes"] }))
        {
            Assert.Equal(url, Forms.Location(final));
        }

        Assert.Equal(Texts.Vi("The final report is not expected now."), (await Forms.GetAsync(applicant.Browser, url)).QuerySelector("#error")?.TextContent.Trim());
        Assert.Single((await Json.GetAsync(applicant.Api, $"/api/applications/{id}/reports")).EnumerateArray());
        using (var api = await applicant.Api.PostAsJsonAsync($"/api/applications/{id}/reports", new { kind = "final", text = "Kết thúc.", appliedInProduction = true }))
        {
            var problem = await Json.ReadAsync(api, HttpStatusCode.Conflict);
            Assert.Equal(Texts.Vi("The final report is not expected now."), problem.Text("title"));
        }

        using (var invalid = await applicant.Api.PostAsJsonAsync($"/api/applications/{id}/reports", new { kind = "yearly", text = "" }))
        {
            var problem = await Json.ReadAsync(invalid, HttpStatusCode.BadRequest);
            Assert.Equal([Texts.Vi("A report is progress or final.")], problem.Errors("kind"));
            Assert.Equal([Texts.Vi("Write the report (at most 20000 characters).")], problem.Errors("text"));
        }
    }

    /// <summary>Posts the form as the page's script does: its fields as multipart form data, without files, to the autosave handler.</summary>
    private static async Task<HttpResponseMessage> PostScriptAsync(HttpClient client, IHtmlFormElement form, Dictionary<string, string[]> changes)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Forms.CurrentValues(form).Where(f => !changes.ContainsKey(f.Key)))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, values) in changes)
        {
            foreach (var value in values)
            {
                content.Add(new StringContent(value), name);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("data-autosave")!, UriKind.Relative)) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }
}
