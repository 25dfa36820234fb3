using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Mailings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Mailings;

/// <summary>
/// The back-office pages for segments and mailings, on the mailing tests' sites: a segment made through its form, its
/// members and their CSV, a mailing written and sent through the pages, and who may open them.
/// </summary>
public sealed class MailingPagesTests(MailingSites sites) : IClassFixture<MailingSites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_members_it_takes_when_staff_make_a_segment_through_the_form(DatabaseProvider provider)
    {
        var site = sites[provider];
        var tag = MailingTests.Tag();
        var a = await MailingTests.OrganisationAsync(site, new Startup { Title = "HTX Rau Thực Phan", Sectors = ["agri-hitech"], Locality = "cao-bang.thuc-phan", Stage = "mvp" }, "incubating");
        var b = await MailingTests.OrganisationAsync(site, new Startup { Sectors = ["it-digital"], Locality = "cao-bang", Stage = "idea" }, "incubating");
        var c = await MailingTests.OrganisationAsync(site, new Enterprise { Sectors = ["agri-hitech"], Locality = "thai-nguyen" }, null);
        var pa = await MailingTests.PersonAsync(site, "Nguyễn An", a, tag, consent: true);
        await MailingTests.PersonAsync(site, "Trần Bình", a, tag, consent: null);
        await MailingTests.PersonAsync(site, "Lê Chi", b, tag, consent: true);
        await MailingTests.PersonAsync(site, "Phạm Dũng", c, tag, consent: true);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var name = $"Nông nghiệp Cao Bằng {tag}";
        var conditions = new Dictionary<string, string[]>
        {
            ["Form.Name"] = [name], ["Form.Kind"] = ["startup"], ["Form.Sectors"] = ["agri-hitech", "biotech"], ["Form.Locality"] = ["cao-bang"],
            ["Form.PipelineStage"] = ["incubating"], ["Form.Tags"] = [$" {tag} , other"], ["Form.Consent"] = ["yes"],
        };

        // Bad input: a blank name and an unknown locality are refused beside their fields, and nothing is saved.
        var form = await Forms.GetAsync(staff, "/admin/segments/new");
        var before = await site.QueryAsync(db => db.Set<Segment>().CountAsync());
        using (var refused = await Forms.FillAndSubmitAsync(staff, form, "#segment-form", new Dictionary<string, string[]>(conditions) { ["Form.Name"] = ["  "], ["Form.Locality"] = ["nowhere"] }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("Enter a name."), Error(page, "Form.Name"));
            Assert.Equal(Texts.Vi("Choose a locality from the list."), Error(page, "Form.Locality"));
            Assert.Equal("true", page.QuerySelector("[name='Form.Locality']")?.GetAttribute("aria-invalid"));
        }

        using (var refused = await Forms.FillAndSubmitAsync(staff, form, "#segment-form", new Dictionary<string, string[]>(conditions) { ["Form.Locality"] = ["nowhere"] }, "preview", "1"))
        {
            var page = await Forms.ParseAsync(refused);
            Assert.Equal(Texts.Vi("Choose a locality from the list."), Error(page, "Form.Locality"));
            Assert.Equal(string.Empty, page.QuerySelector("#segment-preview")?.TextContent.Trim());
        }

        Assert.Equal(before, await site.QueryAsync(db => db.Set<Segment>().CountAsync()));

        // "Preview members" counts without saving and keeps what was chosen; saving shows the segment and its members.
        using (var preview = await Forms.FillAndSubmitAsync(staff, form, "#segment-form", conditions, "preview", "1"))
        {
            form = await Forms.ParseAsync(preview);
            Assert.Equal(Texts.Vi("{0} members", 1), form.QuerySelector("#segment-preview")?.TextContent.Trim());
            Assert.Equal(["agri-hitech", "biotech"], form.QuerySelectorAll("#segment-sectors input:checked").Select(i => i.GetAttribute("value")));
            Assert.Equal(before, await site.QueryAsync(db => db.Set<Segment>().CountAsync()));
        }

        string id;
        using (var saved = await Forms.FillAndSubmitAsync(staff, form, "#segment-form"))
        {
            id = Forms.Location(saved).Split('/')[^1];
            Assert.Equal($"/admin/segments/{id}", Forms.Location(saved));
        }

        var filter = SegmentFilter.FromJson(await site.QueryAsync(db => db.Set<Segment>().Where(s => s.Id == id).Select(s => s.FilterJson).SingleAsync()));
        Assert.Equal(new SegmentFilter { Kind = "startup", Sectors = ["agri-hitech", "biotech"], Locality = "cao-bang", PipelineStage = "incubating", Tags = [tag, "other"], Consented = true }.ToJson(), filter.ToJson());

        var show = await Forms.GetAsync(staff, $"/admin/segments/{id}");
        Assert.Equal(Texts.Vi("The segment was saved."), show.QuerySelector("p.success")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("{0} members", 1), show.QuerySelector("#member-count")?.TextContent.Trim());
        var row = Assert.Single(show.QuerySelectorAll("#members tbody tr"));
        Assert.Equal(pa, row.GetAttribute("data-person"));
        Assert.Equal($"/admin/people/{pa}", row.QuerySelector("th a")?.GetAttribute("href"));
        Assert.Equal($"/admin/organisations/{a}", row.QuerySelector("td a")?.GetAttribute("href"));
        Assert.Equal("HTX Rau Thực Phan", row.QuerySelector("td a")?.TextContent.Trim());
        Assert.Equal(MailingTests.Address(pa), row.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal(Texts.Vi("Consented"), row.QuerySelector("[data-field=consent]")?.TextContent.Trim());
        var described = show.QuerySelectorAll("#segment-conditions dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains(Texts.Vi("Startup"), described);
        Assert.Contains(Texts.Vi("Consented"), described);
        Assert.Contains($"{tag}, other", described);
        Assert.Equal($"/admin/mailings/new?segmentId={id}", show.QuerySelector("#new-mailing")?.GetAttribute("href"));

        // The list counts the members; the edit form comes back filled, and a change without consent takes the other founder.
        var list = await Forms.GetAsync(staff, "/admin/segments");
        Assert.Equal("1", list.QuerySelector($"#segments tr[data-segment='{id}'] [data-field=members]")?.TextContent.Trim());
        var edit = await Forms.GetAsync(staff, $"/admin/segments/{id}/edit");
        Assert.Equal("cao-bang", (edit.QuerySelector("select[name='Form.Locality']") as IHtmlSelectElement)?.Value);
        Assert.True((edit.QuerySelector("input[name='Form.Consent'][value=yes]") as IHtmlInputElement)?.IsChecked);
        using (var changed = await Forms.FillAndSubmitAsync(staff, edit, "#segment-form", new Dictionary<string, string[]> { ["Form.Consent"] = [""] }))
        {
            Assert.Equal($"/admin/segments/{id}", Forms.Location(changed));
        }

        Assert.Equal(Texts.Vi("{0} members", 2), (await Forms.GetAsync(staff, $"/admin/segments/{id}")).QuerySelector("#member-count")?.TextContent.Trim());

        // The programme applied to: offered by title, and a segment naming it by slug (as the API allows) shows it chosen.
        string programme;
        using (var api = await site.CreateUserAsync("Staff"))
        {
            programme = await ProgrammeData.CreateProgrammeAsync(api, ProgrammeData.Definition("seg-" + tag));
        }

        var stored = await site.QueryAsync(db => db.Programmes.Where(p => p.ContentItemId == programme && p.Latest).Select(p => new { p.Slug, p.Title }).SingleAsync());
        Assert.NotEqual(programme, stored.Slug);
        var (applicant, applied, _) = await ProgrammeData.DraftAsync(site, programme);
        applicant.Dispose();
        await MailingTests.PersonAsync(site, "Cao Khánh", applied, tag, consent: null);
        await site.QueryAsync(db => db.Set<Segment>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FilterJson, new SegmentFilter { Programme = stored.Slug, Tags = [tag] }.ToJson())));
        edit = await Forms.GetAsync(staff, $"/admin/segments/{id}/edit");
        var select = (IHtmlSelectElement)edit.QuerySelector("select[name='Form.Programme']")!;
        Assert.Equal(programme, select.Value);
        Assert.Equal(stored.Title, select.SelectedOptions[0]?.TextContent.Trim());
        using (var preview = await Forms.FillAndSubmitAsync(staff, edit, "#segment-form", null, "preview", "1"))
        {
            Assert.Equal(Texts.Vi("{0} members", 1), (await Forms.ParseAsync(preview)).QuerySelector("#segment-preview")?.TextContent.Trim());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_export_defused_cells_and_refuse_everyone_else_when_a_segment_is_exported(DatabaseProvider provider)
    {
        var site = sites[provider];
        var org = await MailingTests.OrganisationAsync(site, new Startup { Title = "+Hợp tác xã" }, null);
        var formula = await MailingTests.PersonAsync(site, "=HYPERLINK(\"http://evil.example\",\"Bấm\")", org, null, consent: false);
        var plain = await MailingTests.PersonAsync(site, "Đỗ Thị Hà", org, null, consent: null);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var form = await Forms.GetAsync(staff, "/admin/segments/new");
        string id;
        using (var saved = await Forms.FillAndSubmitAsync(staff, form, "#segment-form", new Dictionary<string, string[]> { ["Form.Name"] = ["Xuất"] }))
        {
            id = Forms.Location(saved).Split('/')[^1];
        }

        // A segment without conditions takes everyone: narrow it to the organisation the way the API can, and the form keeps it.
        await site.QueryAsync(db => db.Set<Segment>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FilterJson, new SegmentFilter { OrganisationIds = [org] }.ToJson())));
        var edit = await Forms.GetAsync(staff, $"/admin/segments/{id}/edit");
        Assert.NotNull(edit.QuerySelector("#listed-organisations"));
        using (var kept = await Forms.FillAndSubmitAsync(staff, edit, "#segment-form", new Dictionary<string, string[]> { ["Form.Name"] = ["Xuất CSV"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        }

        using var csv = await staff.GetAsync(new Uri($"/admin/segments/{id}/members.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", csv.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                string.Join(',', Texts.Vi("Name"), Texts.Vi("E-mail"), Texts.Vi("Organisation"), Texts.Vi("Newsletter consent")),
                $"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm\"\")\",{MailingTests.Address(formula)},'+Hợp tác xã,{Texts.Vi("Withdrawn")}",
                $"Đỗ Thị Hà,{MailingTests.Address(plain)},'+Hợp tác xã,{Texts.Vi("Not asked")}",
            ],
            lines);

        // Leaders read the back office but not these pages; an applicant is turned away too. Both leave nothing behind.
        string[] pages = ["/admin/segments", "/admin/segments/new", $"/admin/segments/{id}", $"/admin/segments/{id}/edit", $"/admin/segments/{id}/members.csv", "/admin/mailings", "/admin/mailings/new"];
        foreach (var role in new[] { "Leader", "Applicant" })
        {
            using var other = await site.CreateBrowserUserAsync(role);
            foreach (var page in pages)
            {
                using var refused = await other.GetAsync(new Uri(page, UriKind.Relative));
                Assert.True(refused.StatusCode is HttpStatusCode.Forbidden || Forms.Location(refused).StartsWith("/account/denied", StringComparison.Ordinal), $"{role} {page}: {(int)refused.StatusCode}");
            }

            // With a valid token of their own (the public pages' language form has one), a save is still refused.
            var home = await Forms.GetAsync(other, "/");
            var token = home.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
            Assert.NotNull(token);
            using var post = await other.PostAsync(new Uri("/admin/segments/new", UriKind.Relative), new FormUrlEncodedContent([new("Form.Name", "Không được"), new("__RequestVerificationToken", token)]));
            Assert.True(post.StatusCode is HttpStatusCode.Forbidden || Forms.Location(post).StartsWith("/account/denied", StringComparison.Ordinal), $"{role} POST: {(int)post.StatusCode}");
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Set<Segment>().CountAsync(s => s.Name == "Không được")));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_once_and_show_the_counts_when_staff_write_and_send_a_mailing_through_the_pages(DatabaseProvider provider)
    {
        var site = sites[provider];
        var org = await MailingTests.OrganisationAsync(site, new Startup(), null);
        var consenting = await MailingTests.PersonAsync(site, "Vũ Giang", org, null, consent: true);
        await MailingTests.PersonAsync(site, "Đinh Hải", org, null, consent: null);
        using var staff = await site.CreateBrowserUserAsync("Staff");
        var segmentForm = await Forms.GetAsync(staff, "/admin/segments/new");
        string segment;
        using (var saved = await Forms.FillAndSubmitAsync(staff, segmentForm, "#segment-form", new Dictionary<string, string[]> { ["Form.Name"] = ["Gửi thử"] }))
        {
            segment = Forms.Location(saved).Split('/')[^1];
        }

        await site.QueryAsync(db => db.Set<Segment>().Where(s => s.Id == segment).ExecuteUpdateAsync(u => u.SetProperty(s => s.FilterJson, new SegmentFilter { OrganisationIds = [org] }.ToJson())));

        // The form comes with the segment chosen; a missing subject is refused beside it.
        var form = await Forms.GetAsync(staff, $"/admin/mailings/new?segmentId={segment}");
        Assert.Equal(segment, (form.QuerySelector("select[name='Form.SegmentId']") as IHtmlSelectElement)?.Value);
        var texts = new Dictionary<string, string[]> { ["Form.SubjectVi"] = ["Tin tháng này cho {{ten}}"], ["Form.BodyVi"] = ["Xin chào **{{ten}}**, <script>x</script>"] };
        using (var refused = await Forms.FillAndSubmitAsync(staff, form, "#mailing-form", new Dictionary<string, string[]>(texts) { ["Form.SubjectVi"] = [""] }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(Texts.Vi("This field is required."), Error(await Forms.ParseAsync(refused), "Form.SubjectVi"));
        }

        string id;
        using (var saved = await Forms.FillAndSubmitAsync(staff, form, "#mailing-form", texts))
        {
            id = Forms.Location(saved).Split('/')[^1];
            Assert.Equal($"/admin/mailings/{id}", Forms.Location(saved));
        }

        // The draft says how many it will go to and asks for the confirmation; its text is shown as written.
        var page = await Forms.GetAsync(staff, $"/admin/mailings/{id}");
        Assert.Equal(Texts.Vi("It will go to the {0} members of the segment who have consented to the newsletter now, one e-mail per address.", 1), page.QuerySelector("#send-count")?.TextContent.Trim());
        Assert.Equal("Xin chào **{{ten}}**, <script>x</script>", page.QuerySelector("#body-vi")?.TextContent);
        using (var unconfirmed = await Forms.FillAndSubmitAsync(staff, page, "#send-form"))
        {
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
            Assert.Equal(Texts.Vi("Confirm that you have checked the text."), Error(await Forms.ParseAsync(unconfirmed), "Checked"));
        }

        Assert.Equal(MailingStatus.Draft, await site.QueryAsync(db => db.Set<Mailing>().Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));

        // Without the antiforgery token the send is refused before anything happens.
        var values = Forms.CurrentValues((IHtmlFormElement)page.QuerySelector("#send-form")!).Where(v => v.Key != "__RequestVerificationToken" && v.Key != "Checked").Append(new("Checked", "true"));
        using (var forged = await staff.PostAsync(new Uri($"/admin/mailings/{id}?handler=Send", UriKind.Relative), new FormUrlEncodedContent(values)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(MailingStatus.Draft, await site.QueryAsync(db => db.Set<Mailing>().Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));

        var confirmed = new Dictionary<string, string[]> { ["Checked"] = ["true"] };
        using (var sent = await Forms.FillAndSubmitAsync(staff, page, "#send-form", confirmed))
        {
            Assert.Equal($"/admin/mailings/{id}", Forms.Location(sent));
        }

        var after = await Forms.GetAsync(staff, $"/admin/mailings/{id}");
        Assert.Equal(Texts.Vi("The mailing is being sent to {0} recipients.", 1), after.QuerySelector("#mailing-status")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Sending"), after.QuerySelector("#mailing-state")?.TextContent.Trim());
        Assert.Equal(["1", "1", "0", "0", "0", "0"], after.QuerySelectorAll("#mailing-progress td").Select(td => td.TextContent.Trim()));

        // The feeder queues the one recipient and the mailing is done.
        using (site.Clock.FreezeAt(new DateTime(2024, 2, provider == DatabaseProvider.Sqlite ? 10 : 11, 8, 0, 0, DateTimeKind.Utc)))
        {
            Assert.Equal(1, await site.Services.GetRequiredService<MailingFeeder>().FeedAsync(CancellationToken.None));
        }

        after = await Forms.GetAsync(staff, $"/admin/mailings/{id}");
        Assert.Equal(Texts.Vi("Sent"), after.QuerySelector("#mailing-state")?.TextContent.Trim());
        Assert.Equal(["1", "0", "1", "0", "0", "0"], after.QuerySelectorAll("#mailing-progress td").Select(td => td.TextContent.Trim()));
        Assert.Null(after.QuerySelector("#send-form"));
        Assert.Equal(consenting, await site.QueryAsync(db => db.Set<MailingRecipient>().Where(r => r.MailingId == id).Select(r => r.PersonId).SingleAsync()));

        // The page read before the send still has its form: a second send is refused with the service's message.
        using (var again = await Forms.FillAndSubmitAsync(staff, page, "#send-form", confirmed))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(Texts.Vi("This mailing was already sent."), (await Forms.ParseAsync(again)).QuerySelector("#mailing-errors")?.TextContent.Trim());
        }

        Assert.Equal(1, await site.QueryAsync(db => db.Set<MailingRecipient>().CountAsync(r => r.MailingId == id)));
        using (var edit = await staff.GetAsync(new Uri($"/admin/mailings/{id}/edit", UriKind.Relative)))
        {
            Assert.Equal($"/admin/mailings/{id}", Forms.Location(edit));
        }

        var list = await Forms.GetAsync(staff, "/admin/mailings");
        var row = list.QuerySelector($"#mailings tr[data-mailing='{id}']");
        Assert.Equal("1", row?.QuerySelector("[data-field=recipients]")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Sent"), row?.QuerySelector("[data-field=status]")?.TextContent.Trim());

        // Someone else is refused the mailing's page and its send.
        using var leader = await site.CreateBrowserUserAsync("Leader");
        using (var refused = await leader.GetAsync(new Uri($"/admin/mailings/{id}", UriKind.Relative)))
        {
            Assert.StartsWith("/account/denied", Forms.Location(refused), StringComparison.Ordinal);
        }
    }

    private static string? Error(IDocument page, string field) =>
        page.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent.Trim();
}
