using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events;
using Incubator.Web.Features.Interactions;
using Incubator.Web.Features.People;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

namespace Incubator.IntegrationTests.Events.Attendance;

/// <summary>
/// Attendance at an event: check-in by code (once), by the participants' button after an accent-free search, and from a
/// photo of the QR code; the attendance on the person's and organisation's timelines; certificates; the reports and their
/// CSV; the participants' API; the targets; and that all of it is staff's.
/// </summary>
public sealed class AttendanceTests(Sites sites) : IClassFixture<Sites>
{
    private const string Title = "Tập huấn khởi nghiệp đổi mới sáng tạo";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_check_a_participant_in_once_by_code_and_say_why_when_a_code_does_not_fit(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var browser = await site.CreateBrowserUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff);
        var (id, slug) = (item.Text("id"), item.Text("slug"));
        var other = await EventArrange.CreateAsync(staff);
        var an = await AttendanceArrange.RegisterAsync(site, id, "Nguyễn Văn An");
        var waiting = await AttendanceArrange.RegisterAsync(site, id, "Trần Thị Bình", status: RegistrationStatus.Waitlisted);
        var elsewhere = await AttendanceArrange.RegisterAsync(site, other.Text("id"), "Lê Văn Cường");

        // The phone's camera app opens the QR code's link: the page has the code filled in.
        var page = await Forms.GetAsync(browser, $"/admin/events/{slug}/check-in?code={an.Code.ToLowerInvariant()}");
        Assert.Equal(an.Code, page.QuerySelector<IHtmlInputElement>("#code")!.Value);

        // Typed in lower case with a dash and spaces, it checks in once; the second time says when.
        var typed = an.Code.ToLowerInvariant()[..4] + " - " + an.Code.ToLowerInvariant()[4..];
        Assert.Equal(Texts.Vi("Checked in: {0}", "Nguyễn Văn An"), await ResultAsync(browser, page, typed));
        var first = (await AttendanceArrange.ReadAsync(site, an.Id)).CheckedInUtc!.Value;
        var at = Incubator.Core.Time.VietnamTime.ToLocal(first).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Texts.Vi("{0} was already checked in at {1}.", "Nguyễn Văn An", at), await ResultAsync(browser, page, an.Code));
        Assert.Equal(first, (await AttendanceArrange.ReadAsync(site, an.Id)).CheckedInUtc);

        // An unknown code, another event's code and a waitlisted person are refused with their reason.
        Assert.Equal(Texts.Vi("No registration has this code. Check the code and try again."), await ResultAsync(browser, page, "ZZZZ2222"));
        Assert.Equal(Texts.Vi("This code is a registration for another event."), await ResultAsync(browser, page, elsewhere.Code));
        Assert.Equal(
            Texts.Vi("{0} is on the waitlist, not confirmed: only confirmed participants are checked in.", "Trần Thị Bình"), await ResultAsync(browser, page, waiting.Code));
        Assert.Null((await AttendanceArrange.ReadAsync(site, waiting.Id)).CheckedInUtc);
        Assert.Null((await AttendanceArrange.ReadAsync(site, elsewhere.Id)).CheckedInUtc);

        // Over the API: once (200), then 409; a waitlisted one is a conflict too; an unknown id 404.
        var binh = await AttendanceArrange.RegisterAsync(site, id, "Đỗ Văn Bình");
        var ok = await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/registrations/{binh.Id}/check-in", UriKind.Relative), null));
        Assert.Equal(("confirmed", binh.Id), (ok.Text("status"), ok.Text("id")));
        Assert.EndsWith("+07:00", ok.Text("checkedInAt"), StringComparison.Ordinal);
        using (var again = await staff.PostAsync(new Uri($"/api/registrations/{binh.Id}/check-in", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var waitlisted = await staff.PostAsync(new Uri($"/api/registrations/{waiting.Id}/check-in", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, waitlisted.StatusCode);
        }

        using (var unknown = await staff.PostAsync(new Uri("/api/registrations/no-such-registration/check-in", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // Two phones scanning the same ticket at once: one check-in, the others told it is done.
        var cuong = await AttendanceArrange.RegisterAsync(site, id, "Lý Văn Cường");
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await staff.PostAsync(new Uri($"/api/registrations/{cuong.Id}/check-in", UriKind.Relative), null);
            return response.StatusCode;
        }));
        Assert.Equal([HttpStatusCode.OK], answers.Where(s => s != HttpStatusCode.Conflict));

        // Each check-in logged the attendance once.
        var people = new[]
        {
            (await AttendanceArrange.ReadAsync(site, an.Id)).PersonId, (await AttendanceArrange.ReadAsync(site, binh.Id)).PersonId,
            (await AttendanceArrange.ReadAsync(site, cuong.Id)).PersonId,
        };
        var logged = await site.QueryAsync(db => db.Set<Interaction>()
            .Where(i => i.Kind == InteractionKind.EventAttendance && i.Participants.Any(p => p.Kind == ParticipantKind.Person && people.Contains(p.RefId)))
            .Select(i => i.Subject).ToListAsync());
        Assert.Equal(["Tham dự: " + Title, "Tham dự: " + Title, "Tham dự: " + Title], logged);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_check_in_by_the_button_when_staff_find_the_participant_by_a_name_without_accents(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var browser = await site.CreateBrowserUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff);
        var (id, slug) = (item.Text("id"), item.Text("slug"));
        var an = await AttendanceArrange.RegisterAsync(site, id, "Nguyễn Văn An");
        var hoa = await AttendanceArrange.RegisterAsync(site, id, "Phạm Thị Hoa");
        var waiting = await AttendanceArrange.RegisterAsync(site, id, "Nguyễn Văn Anh", status: RegistrationStatus.Waitlisted);

        foreach (var q in new[] { "nguyen van an", "NGUYỄN VĂN", "Nguyễn Văn An" })
        {
            var found = await Forms.GetAsync(browser, $"/admin/events/{slug}/participants?q={Uri.EscapeDataString(q)}");
            var ids = found.QuerySelectorAll("#participants li").Select(li => li.GetAttribute("data-registration")).ToList();
            Assert.Contains(an.Id, ids);
            Assert.DoesNotContain(hoa.Id, ids);
        }

        var confirmed = await Forms.GetAsync(browser, $"/admin/events/{slug}/participants?q=nguyen&status=confirmed");
        Assert.Equal([an.Id], confirmed.QuerySelectorAll("#participants li").Select(li => li.GetAttribute("data-registration")));
        var waitlisted = await Forms.GetAsync(browser, $"/admin/events/{slug}/participants?status=waitlisted");
        Assert.Equal([waiting.Id], waitlisted.QuerySelectorAll("#participants li").Select(li => li.GetAttribute("data-registration")));
        Assert.Null(waitlisted.QuerySelector($"li[data-registration='{waiting.Id}'] form"));

        // The button checks in; the list then says so and offers the certificate instead of the button.
        using var posted = await Forms.SubmitAsync(browser, confirmed, $"li[data-registration='{an.Id}'] form", []);
        var after = await Forms.GetAsync(browser, Forms.Location(posted));
        Assert.Equal(Texts.Vi("Checked in: {0}", "Nguyễn Văn An"), after.QuerySelector("#check-in-result p")!.TextContent.Trim());
        var row = after.QuerySelector($"li[data-registration='{an.Id}']")!;
        Assert.Null(row.QuerySelector("form"));
        Assert.NotNull(row.QuerySelector(".checked-in"));
        Assert.NotNull((await AttendanceArrange.ReadAsync(site, an.Id)).CheckedInUtc);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_attendance_on_the_timelines_of_the_person_matched_by_email_or_created_and_of_the_organisation(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var browser = await site.CreateBrowserUserAsync(Roles.Staff);
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var organisation = await People.PeopleApiTests.OrganisationAsync(owner);
            var marker = Guid.NewGuid().ToString("N")[..8];
            var known = await Json.ReadAsync(
                await staff.PostAsJsonAsync("/api/people", new { fullName = $"Hoàng Minh Đức {marker}", emails = new[] { $"duc.{marker}@example.vn" } }), HttpStatusCode.Created);
            var item = await EventArrange.CreateAsync(staff);
            var duc = await AttendanceArrange.RegisterAsync(site, item.Text("id"), $"Hoàng Minh Đức {marker}", $"Duc.{marker}@Example.vn", organisationId: organisation);
            var lan = await AttendanceArrange.RegisterAsync(site, item.Text("id"), $"Vũ Thị Lan {marker}", $"lan.{marker}@example.vn", phone: "+84 912 345 678");

            foreach (var registration in new[] { duc, lan })
            {
                await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/registrations/{registration.Id}/check-in", UriKind.Relative), null));
            }

            // Matched by e-mail in any case; the other created with the name, the e-mail and the phone.
            Assert.Equal(known.Text("id"), (await AttendanceArrange.ReadAsync(site, duc.Id)).PersonId);
            var created = (await AttendanceArrange.ReadAsync(site, lan.Id)).PersonId!;
            var person = await site.QueryAsync(db => db.Set<Person>().Include(p => p.Contacts).AsNoTracking().FirstAsync(p => p.Id == created));
            Assert.Equal($"Vũ Thị Lan {marker}", person.FullName);
            Assert.Equal(
                [(PersonContactKind.Email, $"lan.{marker}@example.vn"), (PersonContactKind.Phone, "0912345678")],
                person.Contacts.OrderBy(c => c.Kind).Select(c => (c.Kind, c.Normalized)));

            // The person's back-office page shows the attendance on the timeline; so does the organisation's timeline.
            foreach (var personId in new[] { known.Text("id"), created })
            {
                var page = await Forms.GetAsync(browser, $"/admin/people/{personId}");
                Assert.Contains("Tham dự: " + Title, page.Body!.TextContent, StringComparison.Ordinal);
            }

            using var scope = site.Services.CreateScope();
            var timeline = scope.ServiceProvider.GetRequiredService<TimelineReader>();
            var staffId = await site.QueryAsync(db => db.Set<Interaction>().Where(i => i.Participants.Any(p => p.RefId == created)).Select(i => i.CreatedBy!).FirstAsync());
            var entries = await timeline.ReadAsync(
                new TimelineSubject(TimelineSubjectKind.Organisation, organisation), new TimelineViewer(staffId, true, false),
                new TimelineWindow(new HashSet<string> { InteractionTimeline.Kind }, null, 50), default);
            Assert.Contains(entries, e => e.Title.Contains("Tham dự: " + Title, StringComparison.Ordinal));

            // Merging the two people moves the registrations with them.
            var merged = await Json.ReadAsync(await staff.PostAsJsonAsync($"/api/people/{known.Text("id")}/merge", new { otherId = created }));
            Assert.Equal(merged.Text("id"), (await AttendanceArrange.ReadAsync(site, duc.Id)).PersonId);
            Assert.Equal(merged.Text("id"), (await AttendanceArrange.ReadAsync(site, lan.Id)).PersonId);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_check_in_from_a_photo_of_the_qr_code_and_refuse_a_file_that_is_no_photo_of_one(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var browser = await site.CreateBrowserUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff);
        var slug = item.Text("slug");
        var an = await AttendanceArrange.RegisterAsync(site, item.Text("id"), "Nguyễn Văn An");
        var page = await Forms.GetAsync(browser, $"/admin/events/{slug}/check-in");

        // Not an image, and an image without a code: refused beside the field, nothing changed.
        var text = await PhotoAsync(browser, page, Encoding.UTF8.GetBytes("không phải ảnh"), "image/jpeg");
        Assert.Equal(Texts.Vi("This file is not a photo the site can read (JPEG, PNG or WebP)."), text.QuerySelector("#photo-error")!.TextContent.Trim());
        using (var blank = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(240, 240, new SixLabors.ImageSharp.PixelFormats.Rgba32(255, 255, 255)))
        using (var stream = new MemoryStream())
        {
            await SixLabors.ImageSharp.ImageExtensions.SaveAsPngAsync(blank, stream);
            var none = await PhotoAsync(browser, page, stream.ToArray(), "image/png");
            Assert.Equal(Texts.Vi("No QR code was found in the photo. Take it again, closer and sharper, or type the code."), none.QuerySelector("#photo-error")!.TextContent.Trim());
        }

        Assert.Null((await AttendanceArrange.ReadAsync(site, an.Id)).CheckedInUtc);

        // The ticket's QR code holds the check-in link; the server reads it from the photo and checks in.
        using var data = new QRCodeGenerator().CreateQrCode($"http://localhost/admin/events/{slug}/check-in?code={an.Code}", QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        var done = await PhotoAsync(browser, page, png, "image/png");
        Assert.Equal(Texts.Vi("Checked in: {0}", "Nguyễn Văn An"), done.QuerySelector("#check-in-result p")!.TextContent.Trim());
        Assert.NotNull((await AttendanceArrange.ReadAsync(site, an.Id)).CheckedInUtc);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_the_certificate_to_staff_and_to_its_participant_only_once_they_attended(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var staffBrowser = await site.CreateBrowserUserAsync(Roles.Staff);
        var (ownerApi, email, password) = await site.CreateApplicantAsync();
        ownerApi.Dispose();
        using var owner = await site.CreateSignedInBrowserAsync(email, password);
        using var someone = await site.CreateBrowserUserAsync(Roles.Applicant);
        using var visitor = site.CreateBrowserClient();
        var userId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());
        var item = await EventArrange.CreateAsync(staff, overrides: new() { ["organiser"] = "Trung tâm Ươm tạo" });
        var attended = await AttendanceArrange.RegisterAsync(site, item.Text("id"), "Nguyễn Thị Mai", email, userId: userId);
        var absent = await AttendanceArrange.RegisterAsync(site, item.Text("id"), "Nguyễn Thị Mai", "mai.khac@test.local", userId: userId);
        await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/registrations/{attended.Id}/check-in", UriKind.Relative), null));

        var url = $"/events/registrations/{attended.Id}/certificate";
        foreach (var reader in new[] { owner, staffBrowser })
        {
            var page = await Forms.GetAsync(reader, url);
            var certificate = page.QuerySelector("#certificate")!.TextContent;
            Assert.Contains("Giấy chứng nhận tham dự", certificate, StringComparison.Ordinal);
            Assert.Contains("Nguyễn Thị Mai", certificate, StringComparison.Ordinal);
            Assert.Contains(Title, certificate, StringComparison.Ordinal);
            Assert.Contains("Trung tâm Ươm tạo", certificate, StringComparison.Ordinal);
        }

        foreach (var (reader, path) in new[] { (someone, url), (visitor, url), (owner, $"/events/registrations/{absent.Id}/certificate"), (staffBrowser, "/events/registrations/no-such/certificate") })
        {
            using var response = await reader.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_report_an_event_and_a_period_and_list_participants_as_json_and_csv_to_staff_only(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var browser = await site.CreateBrowserUserAsync(Roles.Staff);
        var (owner, _, _) = await site.CreateApplicantAsync();
        using var ownerBrowser = await site.CreateBrowserUserAsync(Roles.Applicant);
        using var visitorBrowser = site.CreateBrowserClient();
        using var visitor = site.CreateClient();
        using (owner)
        {
            var organisation = await People.PeopleApiTests.OrganisationAsync(owner);
            var marker = Guid.NewGuid().ToString("N")[..8];
            await Json.ReadAsync(await staff.PostAsJsonAsync("/api/people", new
            {
                fullName = $"Lò Thị Xuân {marker}", emails = new[] { $"xuan.{marker}@example.vn" }, gender = "female", locality = "cao-bang",
            }), HttpStatusCode.Created);

            // An event held two days ago.
            var starts = DateTime.UtcNow.AddDays(-2);
            var item = await EventArrange.CreateAsync(staff, overrides: new()
            {
                ["kind"] = "workshop",
                ["startsAt"] = starts.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["endsAt"] = starts.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            });
            var (id, slug) = (item.Text("id"), item.Text("slug"));
            var xuan = await AttendanceArrange.RegisterAsync(site, id, $"Lò Thị Xuân {marker}", $"xuan.{marker}@example.vn", organisationId: organisation);
            var absent = await AttendanceArrange.RegisterAsync(site, id, "Bế Văn Sơn");
            await AttendanceArrange.RegisterAsync(site, id, "Hà Thị Thu", status: RegistrationStatus.Waitlisted);
            await AttendanceArrange.RegisterAsync(site, id, "Nông Văn Tú", status: RegistrationStatus.PendingConfirmation);
            await AttendanceArrange.RegisterAsync(site, id, "Ma Thị Vân", status: RegistrationStatus.Cancelled);
            await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/registrations/{xuan.Id}/check-in", UriKind.Relative), null));

            // The event's report.
            var page = await Forms.GetAsync(browser, $"/admin/events/{slug}/participants");
            Assert.Equal(
                [("registered", "2"), ("waitlisted", "1"), ("pending-confirmation", "1"), ("cancelled", "1"), ("attended", "1"), ("no-show", "1")],
                Cells(page, "#report-totals"));
            Assert.Equal([("female", "1"), ("male", "0"), ("other", "0"), ("unknown", "1")], Cells(page, "#report-gender"));
            Assert.Equal([("cao-bang", "1"), ("unknown", "1")], Cells(page, "#report-locality"));
            var kinds = Cells(page, "#report-organisation-kind");
            Assert.Contains(("startup", "1"), kinds);
            Assert.Contains(("unknown", "1"), kinds);
            using (var csv = await browser.GetAsync(new Uri($"/admin/events/{slug}/participants?handler=ReportCsv", UriKind.Relative)))
            {
                Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
                var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
                Assert.Contains(lines, l => l.EndsWith(",attended," + Texts.Vi("Attended") + ",1", StringComparison.Ordinal));
                Assert.Contains(lines, l => l.EndsWith(",no-show," + Texts.Vi("No-show") + ",1", StringComparison.Ordinal));
            }

            // The period's report counts it with its kind.
            var day = Incubator.Core.Time.VietnamTime.ToLocal(starts).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var period = await Forms.GetAsync(browser, $"/admin/events/reports?from={day}&to={day}");
            var row = period.QuerySelector($"#period-events tr[data-slug='{slug}']")!;
            Assert.Equal(["2", "1", "1", "1"], row.QuerySelectorAll("td").Skip(2).Select(td => td.TextContent.Trim()));
            Assert.NotEqual("0", Cells(period, "#period-kinds").Single(c => c.Key == "workshop").Value);
            Assert.NotEqual("0", Cells(period, "#period-totals").Single(c => c.Key == "organisations").Value);
            using (var csv = await browser.GetAsync(new Uri($"/admin/events/reports?handler=Csv&from={day}&to={day}", UriKind.Relative)))
            {
                Assert.Contains("," + slug + ",workshop,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var refused = await Forms.GetAsync(browser, "/admin/events/reports?from=31-12-2026");
            Assert.Equal(Texts.Vi("Give the date as YYYY-MM-DD."), refused.QuerySelector("#from-error")!.TextContent.Trim());

            // The participants as JSON: every status, the organisation's name, the check-in time in Vietnam time.
            var list = await Json.GetAsync(staff, $"/api/events/{slug}/participants");
            Assert.Equal(5, list.GetArrayLength());
            var first = list.EnumerateArray().Single(p => p.Text("id") == xuan.Id);
            Assert.Equal(($"Lò Thị Xuân {marker}", $"xuan.{marker}@example.vn", "confirmed"), (first.Text("name"), first.Text("email"), first.Text("status")));
            Assert.StartsWith("Khởi nghiệp", first.Text("organisation"), StringComparison.Ordinal);
            Assert.EndsWith("+07:00", first.Text("checkedInAt"), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, list.EnumerateArray().Single(p => p.Text("id") == absent.Id).GetProperty("checkedInAt").ValueKind);
            Assert.Equal(
                ["cancelled", "confirmed", "confirmed", "pending-confirmation", "waitlisted"],
                list.EnumerateArray().Select(p => p.Text("status")).Order(StringComparer.Ordinal));
            Assert.Equal(1, (await Json.GetAsync(staff, $"/api/events/{slug}/participants?status=waitlisted")).GetArrayLength());

            foreach (var client in new[] { staff, browser })
            {
                var path = client == staff ? $"/api/events/{slug}/participants.csv" : $"/admin/events/{slug}/participants.csv";
                using var csv = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
                Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
                var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split("\r\n");
                Assert.Equal(6, lines.Length);
                Assert.Contains(lines, l => l.StartsWith($"Lò Thị Xuân {marker},xuan.{marker}@example.vn,", StringComparison.Ordinal) && l.Contains(",confirmed,", StringComparison.Ordinal));
            }

            // Staff only: an applicant is refused, a visitor must sign in.
            foreach (var path in new[] { $"/api/events/{slug}/participants", $"/api/events/{slug}/participants.csv" })
            {
                using var forbidden = await owner.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
                using var anonymous = await visitor.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            using (var forbidden = await owner.PostAsync(new Uri($"/api/registrations/{absent.Id}/check-in", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            }

            using (var anonymous = await visitor.PostAsync(new Uri($"/api/registrations/{absent.Id}/check-in", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            foreach (var path in new[] { $"/admin/events/{slug}/participants", $"/admin/events/{slug}/check-in", "/admin/events/reports", $"/admin/events/{slug}/participants.csv" })
            {
                using var denied = await ownerBrowser.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(denied.StatusCode == HttpStatusCode.Forbidden || Forms.Location(denied).StartsWith("/account/denied", StringComparison.Ordinal), path);
                using var signIn = await visitorBrowser.GetAsync(new Uri(path, UriKind.Relative));
                Assert.StartsWith("/account/login", Forms.Location(signIn), StringComparison.Ordinal);
            }

            Assert.Null((await AttendanceArrange.ReadAsync(site, absent.Id)).CheckedInUtc);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_move_a_trained_people_target_when_a_participant_of_a_training_is_checked_in(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var key = "ev-" + Guid.NewGuid().ToString("N")[..8];
        var recipe = $$"""
            { "name": "event-targets", "steps": [ { "name": "Targets", "targets": [
              { "key": "{{key}}-trained", "title": { "vi": "Lượt người được tập huấn" }, "plan": "Kế hoạch thử", "target": { "min": 50 }, "unit": { "vi": "lượt người" }, "startYear": 2024, "deadline": 2035,
                "indicator": { "measure": "count", "source": "eventParticipants", "filter": { "statuses": [ "attended" ], "kinds": [ "training" ] } } },
              { "key": "{{key}}-trainings", "title": { "vi": "Lớp tập huấn" }, "plan": "Kế hoạch thử", "target": { "min": 5 }, "unit": { "vi": "lớp" }, "startYear": 2024, "deadline": 2035,
                "indicator": { "measure": "count", "source": "events", "filter": { "kinds": [ "training" ] } } } ] } ] }
            """;
        Assert.Equal(2, (await site.RunRecipeAsync(recipe)).Changed);
        using var anonymous = site.CreateClient();
        var (trained, trainings) = await ActualsAsync(anonymous, key);

        var item = await EventArrange.CreateAsync(staff);
        var an = await AttendanceArrange.RegisterAsync(site, item.Text("id"), "Nguyễn Văn An");
        await AttendanceArrange.RegisterAsync(site, item.Text("id"), "Phạm Thị Hoa");
        Assert.Equal((trained, trainings + 1), await ActualsAsync(anonymous, key));

        await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/registrations/{an.Id}/check-in", UriKind.Relative), null));
        Assert.Equal((trained + 1, trainings + 1), await ActualsAsync(anonymous, key));

        using var scope = site.Services.CreateScope();
        var sources = scope.ServiceProvider.GetServices<IIndicatorSource>().ToDictionary(s => s.Name);
        var row = (await sources["eventParticipants"].RowsAsync(default)).Single(r => r.Id == an.Id);
        Assert.Equal(("attended", "training", false), (row.Status, row.Kind, row.Public));
        var eventRow = (await sources["events"].RowsAsync(default)).Single(r => r.Id == item.Text("id"));
        Assert.Equal(("training", true, $"/events/{item.Text("slug")}"), (eventRow.Kind, eventRow.Public, eventRow.Link));
    }

    private static async Task<string> ResultAsync(HttpClient browser, IDocument page, string code)
    {
        using var response = await Forms.SubmitAsync(browser, page, "#check-in-form", [new("code", code)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Forms.ParseAsync(response);
        return result.QuerySelector("#check-in-result p")!.TextContent.Trim();
    }

    private static async Task<IDocument> PhotoAsync(HttpClient browser, IDocument page, byte[] bytes, string contentType)
    {
        var form = (IHtmlFormElement)page.QuerySelector("#photo-form")!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "photo", "ve.png");
        using var response = await browser.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }

    private static List<(string Key, string Value)> Cells(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"{table} tbody tr").Select(tr => (tr.GetAttribute("data-key") ?? string.Empty, tr.QuerySelector("td")!.TextContent.Trim()))];

    private static async Task<(decimal Trained, decimal Trainings)> ActualsAsync(HttpClient client, string key)
    {
        var targets = (await Json.GetAsync(client, "/api/targets")).EnumerateArray().Where(t => t.Text("key").StartsWith(key, StringComparison.Ordinal)).ToDictionary(t => t.Text("key"));
        return (targets[$"{key}-trained"].GetProperty("actual").GetDecimal(), targets[$"{key}-trainings"].GetProperty("actual").GetDecimal());
    }
}
