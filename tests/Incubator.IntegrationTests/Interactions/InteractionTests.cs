using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Interactions;

/// <summary>
/// Interactions logged by the API and by the page (with an attachment), listed by organisation and person, refused
/// field by field, kept from applicants, the public search and the owner's timeline.
/// </summary>
public sealed class InteractionTests(Sites sites) : IClassFixture<Sites>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_list_an_interaction_by_organisation_and_person_when_staff_log_it_by_api_and_by_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);

        // By the API: a time without an offset is Vietnam time.
        using var created = await data.Staff.PostAsJsonAsync("/api/interactions", new
        {
            kind = "call", at = "2026-03-02T09:30:00", subject = "Gọi về hồ sơ", body = "Hẹn **gửi** báo cáo", organisationIds = new[] { data.OrganisationId },
            personIds = new[] { data.PersonId },
        });
        var byApi = await Json.ReadAsync(created, HttpStatusCode.Created);
        Assert.Equal(("call", "staff"), (byApi.Text("kind"), byApi.Text("visibility")));
        Assert.Equal(new DateTime(2026, 3, 2, 2, 30, 0, DateTimeKind.Utc), byApi.GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.Equal([data.StaffId], byApi.GetProperty("staffIds").EnumerateArray().Select(e => e.GetString()));

        // By the page, opened from the organisation's timeline: prefilled with it, a meeting, now, the officer taking part.
        using var browser = await site.CreateSignedInBrowserAsync(data.StaffEmail, data.StaffPassword);
        var form = await Forms.GetAsync(browser, $"/admin/interactions/new?organisation={data.OrganisationId}");
        Assert.Equal("meeting", ((IHtmlSelectElement)form.QuerySelector("#Input_Kind")!).Value);
        Assert.Equal([data.OrganisationId], form.QuerySelectorAll("input[name='Input.OrganisationIds']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value));
        Assert.Equal([data.StaffId], ((IHtmlSelectElement)form.QuerySelector("#Input_StaffIds")!).SelectedOptions.Select(o => o.Value));
        using var content = Multipart(form, new()
        {
            ["Input.Kind"] = "siteVisit", ["Input.Date"] = "05/03/2026", ["Input.Time"] = "14:00", ["Input.Subject"] = "Thăm xưởng chè",
            ["Input.Body"] = "<script>alert(1)</script> **Đã xem** dây chuyền", ["Input.OrganisationIds"] = data.OrganisationId, ["Input.PersonIds"] = data.PersonId,
            ["Input.StaffIds"] = data.StaffId, ["Input.Visibility"] = "staffAndMentors",
        });
        using var posted = await browser.PostAsync(new Uri("/admin/interactions/new", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var show = await Forms.GetAsync(browser, Forms.Location(posted));
        var body = show.QuerySelector("#interaction-body")!.InnerHtml;
        Assert.Contains("<strong>Đã xem</strong>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        var link = show.QuerySelector("#interaction-attachments a")!.GetAttribute("href")!;
        using var download = await browser.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        // Both are listed by the organisation and by the person, newest first.
        foreach (var query in new[] { $"organisation={data.OrganisationId}", $"person={data.PersonId}" })
        {
            var list = await Json.GetAsync(data.Staff, "/api/interactions?" + query);
            Assert.Equal(["Thăm xưởng chè", "Gọi về hồ sơ"], list.EnumerateArray().Select(i => i.Text("subject")));
        }

        // The owner's timeline shows neither; staff see both; a mentor only the one shared with mentors.
        using var scope = site.Services.CreateScope();
        var timeline = scope.ServiceProvider.GetRequiredService<TimelineReader>();
        var subject = new TimelineSubject(TimelineSubjectKind.Organisation, data.OrganisationId);
        var window = new TimelineWindow(new HashSet<string> { InteractionTimeline.Kind }, null, 50);
        Assert.Equal(2, (await timeline.ReadAsync(subject, new TimelineViewer(data.StaffId, true, false), window, default)).Count);
        Assert.Empty(await timeline.ReadAsync(subject, new TimelineViewer(data.OwnerId, false, true), window, default));
        Assert.Single(await timeline.ReadAsync(subject, new TimelineViewer("mentor", false, false, IsMentor: true), window, default));
        Assert.Contains(timeline.Actions(subject, new TimelineViewer(data.StaffId, true, false)), a => a.Url.Contains("/admin/interactions/new?organisation=", StringComparison.Ordinal));
        Assert.DoesNotContain(timeline.Actions(subject, new TimelineViewer(data.OwnerId, false, true)), a => a.Url.Contains("/admin/interactions/new", StringComparison.Ordinal));

        // The targets count both as consultations (a call and a site visit), dated by their Vietnam day.
        var pageId = Forms.Location(posted).Split('/')[^1];
        var sources = scope.ServiceProvider.GetServices<Incubator.Web.Features.Targets.IIndicatorSource>().ToList();
        var consultations = await sources.Single(s => s.Name == "consultations").RowsAsync(default);
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 5)], consultations.Where(r => r.Id == byApi.Text("id") || r.Id == pageId).Select(r => r.Date).Order());
        Assert.Contains(await sources.Single(s => s.Name == "interactions").RowsAsync(default), r => r.Id == pageId && r.Kind == "siteVisit");

        // Merging the person into another moves their interactions with them.
        var kept = Guid.CreateVersion7().ToString("N");
        await site.QueryAsync(async db =>
        {
            db.Set<Incubator.Web.Features.People.Person>().Add(new() { Id = kept, FullName = "Nông Thị Hoa", NormalizedName = "nông thị hoa", CreatedUtc = DateTime.UtcNow, ModifiedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await new InteractionPersonReferences(db).RepointAsync(data.PersonId, kept, default);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(2, (await Json.GetAsync(data.Staff, "/api/interactions?person=" + kept)).GetArrayLength());
        Assert.Equal(0, (await Json.GetAsync(data.Staff, "/api/interactions?person=" + data.PersonId)).GetArrayLength());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_by_field_and_change_nothing_when_an_interaction_is_bad_or_not_from_staff(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var before = await site.QueryAsync(db => db.Set<Interaction>().CountAsync());

        using var bad = await data.Staff.PostAsJsonAsync("/api/interactions", new
        {
            kind = "lunch", at = "2026-03-02T09:30:00", subject = " ", organisationIds = new[] { "0".PadLeft(32, '0') }, personIds = new[] { "nobody" },
        });
        var problem = await Json.ReadAsync(bad, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "kind", "subject", "organisationIds", "personIds" })
        {
            Assert.NotEmpty(problem.Errors(field));
        }

        // A bad page form comes back with its messages beside the fields, and no file is kept.
        using var browser = await site.CreateSignedInBrowserAsync(data.StaffEmail, data.StaffPassword);
        var form = await Forms.GetAsync(browser, "/admin/interactions/new");
        using var content = Multipart(form, new() { ["Input.Kind"] = "meeting", ["Input.Date"] = "31/02/2026", ["Input.Time"] = "09:00", ["Input.Subject"] = "" });
        using var refused = await browser.PostAsync(new Uri("/admin/interactions/new", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Forms.ParseAsync(refused);
        Assert.NotNull(page.QuerySelector("#Input_Date[aria-invalid=true]"));

        using var applicant = await data.Owner.PostAsJsonAsync("/api/interactions", new { kind = "note", at = "2026-03-02T09:30:00", subject = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, applicant.StatusCode);
        using var listed = await data.Owner.GetAsync(new Uri($"/api/interactions?organisation={data.OrganisationId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        Assert.Equal(before, await site.QueryAsync(db => db.Set<Interaction>().CountAsync()));
        var stored = site.Services.GetRequiredService<InteractionAttachments>().Store.Folder;
        Assert.True(!System.IO.Directory.Exists(stored) || System.IO.Directory.GetFiles(stored).Length == await site.QueryAsync(db => db.Set<InteractionAttachment>().CountAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_be_found_by_staff_and_never_by_the_public_when_an_interaction_is_searched(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var data = await RelationshipData.CreateAsync(site);
        var word = "tuongtac" + Guid.NewGuid().ToString("N")[..10];
        using var created = await data.Staff.PostAsJsonAsync("/api/interactions", new { kind = "note", at = "2026-03-02T09:30:00", subject = $"Ghi chú {word}", body = "Nội dung riêng" });
        var id = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        await SearchReader.DrainAsync(site);

        Assert.Contains(id, SearchReader.Ids(await SearchReader.SearchTextAsync(data.Staff, word)));
        using var anonymous = site.CreateClient();
        Assert.DoesNotContain(id, SearchReader.Ids(await SearchReader.SearchTextAsync(anonymous, word)));
        Assert.DoesNotContain(id, SearchReader.Ids(await SearchReader.SearchTextAsync(data.Owner, word)));
    }

    /// <summary>The form's hidden fields (the antiforgery token), the given values and a PDF as the browser posts them.</summary>
    private static MultipartFormDataContent Multipart(AngleSharp.Dom.IDocument page, Dictionary<string, string> values)
    {
        var content = new MultipartFormDataContent();
        var form = (IHtmlFormElement)page.QuerySelector("#interaction-form")!;
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "Files", "Biên bản.pdf");
        return content;
    }
}
