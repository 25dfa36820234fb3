using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Applications;

/// <summary>Applications over HTTP: drafts, submission rules, the round's deadline, information requests, attachments.</summary>
public sealed class ApplicationFlowTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_start_screening_and_hide_the_application_from_others_when_an_applicant_submits(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("flow-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using var reviewer = await site.CreateUserAsync(Roles.Reviewer);

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(applicant, id));

        var mine = await Json.GetAsync(applicant, $"/api/applications/{id}");
        Assert.Equal(("submitted", "Chuỗi giá trị nông sản"), (mine.Text("status"), mine.GetProperty("answers").Text("summary")));
        var workflow = await Json.GetAsync(staff, $"/api/items/{id}/workflow");
        Assert.Equal(("support-approval", "waiting"), (workflow.Text("workflowType"), workflow.Text("status")));
        Assert.Equal(["screening-pass", "request-information", "reject"], workflow.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        foreach (var outsider in new[] { stranger, reviewer })
        {
            using var response = await outsider.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var workflowResponse = await outsider.GetAsync(new Uri($"/api/items/{id}/workflow", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, workflowResponse.StatusCode);
        }

        using var changed = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Sau khi nộp" } });
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        applicant.Dispose();
        stranger.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_the_missing_and_malformed_answers_and_keep_the_draft_when_it_is_not_ready(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("draft-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, organisation, _) = await ProgrammeData.DraftAsync(site, programme);
        var (other, _, second) = await ProgrammeData.DraftAsync(site, programme);

        using var bad = await applicant.PutAsJsonAsync($"/api/applications/{second}", new { answers = new { employees = "many" } });
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        using var malformed = await other.PutAsJsonAsync($"/api/applications/{second}", new { answers = new { employees = "many", field = "space", unknown = "x" }, requestedAmount = 900_000_000 });
        var problem = await Json.ReadAsync(malformed, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "answers.employees", "answers.field", "answers.unknown", "requestedAmount" })
        {
            Assert.NotEmpty(problem.Errors(field));
        }

        using var cleared = await other.PutAsJsonAsync($"/api/applications/{second}", new { answers = new { summary = (string?)null } });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        using var incomplete = await other.PostAsync(new Uri($"/api/applications/{second}/submit", UriKind.Relative), null);
        Assert.NotEmpty((await Json.ReadAsync(incomplete, HttpStatusCode.BadRequest)).Errors("answers.summary"));
        var kept = await Json.GetAsync(other, $"/api/applications/{second}");
        Assert.Equal(("draft", "agri"), (kept.Text("status"), kept.GetProperty("answers").Text("field")));

        using var duplicate = await applicant.PostAsJsonAsync("/api/applications", new { programmeId = programme, organisationId = organisation });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        applicant.Dispose();
        other.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_submit_exactly_once_when_the_submit_arrives_ten_times_at_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("twice-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        var clients = Enumerable.Range(0, 10).Select(_ =>
        {
            var client = site.CreateClient();
            client.DefaultRequestHeaders.Authorization = applicant.DefaultRequestHeaders.Authorization;
            return client;
        }).ToList();

        try
        {
            var statuses = await Task.WhenAll(clients.Select(c => ProgrammeData.SubmitAsync(c, id)));
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            applicant.Dispose();
        }

        var instances = await site.QueryAsync(db => db.WorkflowInstances.Where(i => i.CorrelationId == id).ToListAsync());
        var instance = Assert.Single(instances);
        Assert.Equal(1, await site.QueryAsync(db => db.WorkflowHistory.CountAsync(h => h.InstanceId == instance.Id && h.Outcome == "started")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_take_a_submission_at_235959_on_the_closing_day_and_refuse_one_at_midnight(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var closes = new DateTimeOffset(2031, 6, 30, 23, 59, 59, Vietnam);
        var definition = ProgrammeData.Definition("deadline-" + Guid.NewGuid().ToString("N")[..8], opensAt: new DateTimeOffset(2031, 3, 1, 0, 0, 0, Vietnam), closesAt: closes);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, definition);

        HttpClient onTimeApplicant, lateApplicant;
        string onTime, late;
        using (site.Clock.FreezeAt(new DateTime(2031, 6, 1, 3, 0, 0, DateTimeKind.Utc)))
        {
            (onTimeApplicant, _, onTime) = await ProgrammeData.DraftAsync(site, programme);
            (lateApplicant, _, late) = await ProgrammeData.DraftAsync(site, programme);
        }

        using (site.Clock.FreezeAt(closes.UtcDateTime.AddMilliseconds(999)))
        {
            Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(onTimeApplicant, onTime));
        }

        using (site.Clock.FreezeAt(closes.UtcDateTime.AddSeconds(1)))
        {
            using var response = await lateApplicant.PostAsync(new Uri($"/api/applications/{late}/submit", UriKind.Relative), null);
            Assert.NotEmpty((await Json.ReadAsync(response, HttpStatusCode.BadRequest)).Errors("round"));
        }

        Assert.Equal("draft", (await Json.GetAsync(lateApplicant, $"/api/applications/{late}")).Text("status"));
        Assert.Equal(0, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == late)));
        onTimeApplicant.Dispose();
        lateApplicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_reopen_only_the_named_fields_and_resume_screening_when_staff_request_information(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("info-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);

        Assert.Equal(HttpStatusCode.BadRequest, await ProgrammeData.ActAsync(staff, id, "request-information", "Thiếu", new { fields = "nothing-like-this" }));
        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.ActAsync(staff, id, "request-information", "Bổ sung tóm tắt chi tiết hơn.", new { fields = "summary" }));

        var requested = await Json.GetAsync(applicant, $"/api/applications/{id}");
        Assert.Equal(("information-requested", "summary"), (requested.Text("status"), requested.GetProperty("reopenedFields")[0].GetString()));
        using (var closed = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { field = "it" } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        }

        using (var amount = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { requestedAmount = 1 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, amount.StatusCode);
        }

        using (var open = await applicant.PutAsJsonAsync($"/api/applications/{id}", new { answers = new { summary = "Chuỗi giá trị nông sản, chi tiết" } }))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await ProgrammeData.SubmitAsync(applicant, id));
        var after = await Json.GetAsync(applicant, $"/api/applications/{id}");
        Assert.Equal(("submitted", 0, "agri"), (after.Text("status"), after.GetProperty("reopenedFields").GetArrayLength(), after.GetProperty("answers").Text("field")));
        var workflow = await Json.GetAsync(staff, $"/api/items/{id}/workflow");
        Assert.Contains("screening-pass", workflow.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(1, await site.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.CorrelationId == id)));
        var history = (await Json.GetAsync(applicant, $"/api/items/{id}/workflow")).GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.Text("outcome") == "request-information" && h.Text("comment") == "Bổ sung tóm tắt chi tiết hơn.");
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_close_the_application_when_the_information_does_not_come_within_ten_working_days(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("silent-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        await ProgrammeData.SubmitAsync(applicant, id);
        await ProgrammeData.ActAsync(staff, id, "request-information", "Thiếu bảng dự toán", new { fields = "summary" });
        var due = await site.QueryAsync(db => db.WorkflowInstances.Where(i => i.CorrelationId == id).Select(i => i.NextDueUtc).SingleAsync());
        Assert.NotNull(due);
        Assert.True(due.Value > DateTime.UtcNow.AddDays(11.9), "ten working days span at least two weekends");

        await site.Services.GetRequiredService<Incubator.Web.Features.Workflows.WorkflowTimerService>().TickAsync(due.Value.AddMinutes(1));

        Assert.Equal("closed-unanswered", (await Json.GetAsync(applicant, $"/api/applications/{id}")).Text("status"));
        using var late = await applicant.PostAsync(new Uri($"/api/applications/{id}/submit", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_store_a_real_document_serve_it_only_to_those_allowed_and_refuse_a_disguised_one(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("files-" + Guid.NewGuid().ToString("N")[..8]));
        var (applicant, _, id) = await ProgrammeData.DraftAsync(site, programme);
        var (stranger, _, _) = await site.CreateApplicantAsync();
        var pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

        using var uploaded = await UploadAsync(applicant, id, "plan", "Kế hoạch kinh doanh.pdf", pdf);
        var attachment = await Json.ReadAsync(uploaded, HttpStatusCode.Created);
        using var disguised = await UploadAsync(applicant, id, "plan", "virus.pdf", "MZ not a pdf at all"u8.ToArray());
        using var wrongField = await UploadAsync(applicant, id, "summary", "x.pdf", pdf);
        using var intruder = await UploadAsync(stranger, id, "plan", "x.pdf", pdf);

        Assert.NotEmpty((await Json.ReadAsync(disguised, HttpStatusCode.BadRequest)).Errors("file"));
        Assert.NotEmpty((await Json.ReadAsync(wrongField, HttpStatusCode.BadRequest)).Errors("fieldKey"));
        Assert.Equal(HttpStatusCode.NotFound, intruder.StatusCode);
        var url = attachment.Text("url");
        using (var download = await applicant.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("Kế hoạch kinh doanh.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        using (var staffDownload = await staff.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, staffDownload.StatusCode);
        }

        using (var strangerDownload = await stranger.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, strangerDownload.StatusCode);
        }

        var stored = await site.QueryAsync(db => db.ApplicationAttachments.SingleAsync(a => a.ApplicationId == id));
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", stored.StoredName);
        Assert.Single(System.IO.Directory.GetFiles(Path.Combine(Path.GetDirectoryName(site.MediaFolder)!, "attachments")), f => f.EndsWith(stored.StoredName, StringComparison.Ordinal));
        applicant.Dispose();
        stranger.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_to_start_an_application_when_the_organisation_is_outside_the_localities_or_too_old(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var definition = ProgrammeData.Definition("local-" + Guid.NewGuid().ToString("N")[..8]);
        definition["eligibleLocalities"] = new System.Text.Json.Nodes.JsonArray("quang-ngai");
        definition["maxOrganisationAgeYears"] = 5;
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, definition);
        var (applicant, _, _) = await site.CreateApplicantAsync();
        var terms = await site.QueryAsync(db => db.TaxonomyTerms.Where(t => t.Taxonomy == "localities").Select(t => new { t.Code, t.ParentCode }).ToListAsync());
        var commune = terms.First(t => t.ParentCode == "quang-ngai").Code;
        var organisation = await Organisations.OrganisationApiTests.CreateAsync(applicant, "startup", $"Địa bàn {Guid.NewGuid():N}");

        async Task<HttpResponseMessage> ApplyAsync() => await applicant.PostAsJsonAsync("/api/applications", new { programmeId = programme, organisationId = organisation });
        async Task SetAsync(string? locality, DateOnly? founded) => await site.QueryAsync(async db =>
        {
            var startup = await db.Startups.SingleAsync(s => s.ContentItemId == organisation && s.Latest);
            (startup.Locality, startup.FoundedOn) = (locality, founded);
            return await db.SaveChangesAsync();
        });

        await SetAsync("cao-bang", new DateOnly(2024, 1, 1));
        using (var elsewhere = await ApplyAsync())
        {
            Assert.NotEmpty((await Json.ReadAsync(elsewhere, HttpStatusCode.BadRequest)).Errors("organisationId"));
        }

        await SetAsync(commune, null);
        using (var undated = await ApplyAsync())
        {
            Assert.NotEmpty((await Json.ReadAsync(undated, HttpStatusCode.BadRequest)).Errors("organisationId"));
        }

        await SetAsync(commune, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-6));
        using (var old = await ApplyAsync())
        {
            Assert.NotEmpty((await Json.ReadAsync(old, HttpStatusCode.BadRequest)).Errors("organisationId"));
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation)));
        await SetAsync(commune, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-2));
        using (var eligible = await ApplyAsync())
        {
            Assert.Equal(HttpStatusCode.Created, eligible.StatusCode);
        }

        applicant.Dispose();
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_an_upload_made_with_the_cookie_alone_when_it_carries_no_antiforgery_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await ProgrammeData.CreateProgrammeAsync(staff, ProgrammeData.Definition("csrf-" + Guid.NewGuid().ToString("N")[..8]));
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var organisation = await Organisations.OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Cookie {Guid.NewGuid():N}");
        using var created = await applicant.Api.PostAsJsonAsync("/api/applications", new { programmeId = programme, organisationId = organisation });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");

        using var forged = await UploadAsync(applicant.Browser, id, "plan", "plan.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray());

        Assert.NotEmpty((await Json.ReadAsync(forged, HttpStatusCode.BadRequest)).Errors("__RequestVerificationToken"));
        Assert.False(await site.QueryAsync(db => db.ApplicationAttachments.AnyAsync(a => a.ApplicationId == id)));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string id, string fieldKey, string fileName, byte[] bytes)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(fieldKey), "fieldKey");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", fileName);
        return await client.PostAsync(new Uri($"/api/applications/{id}/attachments", UriKind.Relative), content);
    }
}
