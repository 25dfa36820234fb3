using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Events;
using Incubator.Web.Features.Events.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Events.Registrations;

/// <summary>Registering for an event over the API: seats under concurrency, the waitlist, anonymous confirmation, refusals, e-mails, reminders.</summary>
public sealed class RegistrationTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_confirm_exactly_30_and_waitlist_70_when_100_people_register_and_confirm_at_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff, capacity: 30);
        var slug = item.Text("slug");
        var eventId = item.Text("id");

        using var visitor = site.CreateClient();
        var emails = Enumerable.Range(0, 100).Select(i => $"nguoi-{i}-{Guid.NewGuid():N}@example.vn").ToList();
        var registered = await Task.WhenAll(emails.Select(async email =>
        {
            using var response = await visitor.PostAsJsonAsync($"/api/events/{slug}/registrations", new { name = "Nguyễn Văn A", email, phone = "0912 345 678" });
            return await Json.ReadAsync(response, HttpStatusCode.Created);
        }));
        Assert.All(registered, r => Assert.Equal("pending-confirmation", r.Text("status")));
        Assert.All(registered, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("code").ValueKind));
        Assert.Equal(0, await TakenAsync(site, eventId));

        var links = await ConfirmationLinksAsync(site, emails);
        var confirmed = await Task.WhenAll(registered.Select(async r =>
        {
            var token = Token(links[r.Text("email")]);
            using var response = await visitor.PostAsJsonAsync($"/api/registrations/{r.Text("id")}/confirm", new { token });
            return (await Json.ReadAsync(response)).Text("status");
        }));

        Assert.Equal(30, confirmed.Count(s => s == "confirmed"));
        Assert.Equal(70, confirmed.Count(s => s == "waitlisted"));
        Assert.Equal(30, await TakenAsync(site, eventId));
        var stored = await site.QueryAsync(db => db.Set<EventRegistration>().Where(r => r.EventId == eventId).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(30, stored.Single(s => s.Key == RegistrationStatus.Confirmed).Count);
        Assert.Equal(70, stored.Single(s => s.Key == RegistrationStatus.Waitlisted).Count);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_promote_the_first_waitlisted_once_per_freed_seat_when_cancellations_race(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff, capacity: 2);
        var eventId = item.Text("id");
        using var visitor = site.CreateClient();
        var people = new List<(string Id, string Email, string Ticket)>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(await RegisterAndConfirmAsync(site, visitor, item.Text("slug"), $"hang-cho-{i}-{Guid.NewGuid():N}@example.vn"));
        }

        Assert.Equal(["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"], await StatusesAsync(site, people));

        // The same registration cancelled twice at once: one cancel, one seat given, to the first in line.
        var first = people[0];
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await visitor.PostAsJsonAsync($"/api/registrations/{first.Id}/cancel", new { token = first.Ticket });
            return response.StatusCode;
        }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], twice.Order());
        Assert.Equal(["cancelled", "confirmed", "confirmed", "waitlisted", "waitlisted"], await StatusesAsync(site, people));
        Assert.Equal(2, await TakenAsync(site, eventId));
        var promoted = await site.LastEmailAsync(people[2].Email);
        Assert.Contains(Texts.Vi("A seat is yours: {0}", "Tập huấn khởi nghiệp đổi mới sáng tạo"), await SubjectAsync(site, people[2].Email), StringComparison.Ordinal);
        Assert.Contains(await CodeAsync(site, people[2].Id), promoted, StringComparison.Ordinal);

        // Two different registrations cancelled at once: the next two move up, in order.
        await Task.WhenAll(new[] { people[1], people[2] }.Select(async p =>
        {
            using var response = await visitor.PostAsJsonAsync($"/api/registrations/{p.Id}/cancel", new { token = p.Ticket });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        Assert.Equal(["cancelled", "cancelled", "cancelled", "confirmed", "confirmed"], await StatusesAsync(site, people));
        Assert.Equal(2, await TakenAsync(site, eventId));

        // With nobody waiting, a cancellation frees its seat.
        using (var last = await visitor.PostAsJsonAsync($"/api/registrations/{people[4].Id}/cancel", new { token = people[4].Ticket }))
        {
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }

        Assert.Equal(1, await TakenAsync(site, eventId));

        // Without the ticket's token nobody cancels it.
        using var forged = await visitor.PostAsJsonAsync($"/api/registrations/{people[3].Id}/cancel", new { token = people[4].Ticket });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_move_the_waitlist_up_in_order_when_staff_raise_the_capacity(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff, capacity: 1);
        var slug = item.Text("slug");
        using var visitor = site.CreateClient();
        var people = new List<(string Id, string Email, string Ticket)>();
        for (var i = 0; i < 4; i++)
        {
            people.Add(await RegisterAndConfirmAsync(site, visitor, slug, $"suc-chua-{i}-{Guid.NewGuid():N}@example.vn"));
        }

        using var put = await staff.PutAsJsonAsync($"/api/events/{slug}", new
        {
            title = new { vi = "Tập huấn khởi nghiệp đổi mới sáng tạo" },
            kind = "training",
            startsAt = item.Text("startsAt"),
            endsAt = item.Text("endsAt"),
            place = "Hội trường",
            capacity = 3,
            published = true,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["confirmed", "confirmed", "confirmed", "waitlisted"], await StatusesAsync(site, people));
        Assert.Equal(3, await TakenAsync(site, item.Text("id")));
        Assert.Equal(Texts.Vi("A seat is yours: {0}", "Tập huấn khởi nghiệp đổi mới sáng tạo"), await SubjectAsync(site, people[2].Email));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_hold_no_seat_for_an_anonymous_visitor_until_the_link_is_opened_and_use_the_link_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff, capacity: 1);
        var slug = item.Text("slug");
        var eventId = item.Text("id");
        using var visitor = site.CreateBrowserClient();
        var email = $"an-danh-{Guid.NewGuid():N}@example.vn";
        var pending = await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{slug}/registrations", new { name = "Trần Thị B", email, phone = "0987654321" }), HttpStatusCode.Created);
        Assert.Equal("pending-confirmation", pending.Text("status"));
        Assert.Equal(0, await TakenAsync(site, eventId));

        // A signed-in member takes the only seat meanwhile: the pending registration held none.
        var (member, memberEmail, _) = await site.CreateApplicantAsync();
        using (member)
        {
            var mine = await Json.ReadAsync(await member.PostAsJsonAsync($"/api/events/{slug}/registrations", new { phone = "0911111111" }), HttpStatusCode.Created);
            Assert.Equal("confirmed", mine.Text("status"));
            Assert.Equal(memberEmail, mine.Text("email"));
            Assert.Matches("^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$", mine.Text("code"));
            await Json.ReadAsync(await member.PostAsJsonAsync($"/api/events/{slug}/registrations", new { }), HttpStatusCode.Conflict);
            Assert.Equal(1, await TakenAsync(site, eventId));
            var list = await Json.GetAsync(member, "/api/registrations?mine=true");
            Assert.Equal(mine.Text("id"), list.EnumerateArray().Single().Text("id"));
        }

        // The link's page asks; its button confirms, once.
        var link = Mailbox.Link(await site.LastEmailAsync(email), "/confirm?t=");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri(link.PathAndQuery.Replace("?t=", "?t=x", StringComparison.Ordinal), UriKind.Relative))).StatusCode);
        var page = await Forms.GetAsync(visitor, link.PathAndQuery);
        using (var confirm = await Forms.SubmitAsync(visitor, page, "#confirm-form", []))
        {
            Assert.StartsWith($"/events/registrations/{pending.Text("id")}?t=", Forms.Location(confirm), StringComparison.Ordinal);
        }

        using (var again = await Forms.SubmitAsync(visitor, page, "#confirm-form", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        var stored = await site.QueryAsync(db => db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == pending.Text("id")));
        Assert.Equal(RegistrationStatus.Waitlisted, stored.Status);
        Assert.Equal(1, await TakenAsync(site, eventId));
        Assert.Equal(1, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == email && e.Subject.StartsWith(Texts.Vi("You are on the waitlist: {0}", "Tập huấn khởi nghiệp đổi mới sáng tạo")))));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_outside_the_window_the_audience_a_duplicate_and_bad_answers_and_save_nothing(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var visitor = site.CreateClient();
        var person = new { name = "Lê Văn C", email = $"tu-choi-{Guid.NewGuid():N}@example.vn", phone = "0900000000" };

        var later = await EventArrange.CreateAsync(staff, overrides: new() { ["registrationOpensAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) });
        var notYet = await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{later.Text("slug")}/registrations", person), HttpStatusCode.Conflict);
        Assert.StartsWith(Texts.Vi("Registration opens on {0} (Vietnam time).", "X").Split(' ')[0], notYet.Text("title"), StringComparison.Ordinal);

        var cohort = await CohortAsync(staff);
        var members = await EventArrange.CreateAsync(staff, overrides: new() { ["audience"] = "cohort:" + cohort });
        var refused = await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{members.Text("slug")}/registrations", person), HttpStatusCode.Forbidden);
        Assert.Equal(Texts.Vi("This event is for the organisations of a cohort: sign in with the account that owns a member organisation."), refused.Text("title"));
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (stranger)
        {
            await Json.ReadAsync(await stranger.PostAsJsonAsync($"/api/events/{members.Text("slug")}/registrations", new { }), HttpStatusCode.Forbidden);
        }

        var asking = await EventArrange.CreateAsync(staff, overrides: new()
        {
            ["questions"] = new object[]
            {
                new { key = "company", type = "text", label = new { vi = "Đơn vị" }, required = true, maxLength = 20 },
                new { key = "size", type = "choice", label = new { vi = "Quy mô" }, options = new[] { new { value = "small", label = new { vi = "Nhỏ" } } } },
            },
        });
        var slug = asking.Text("slug");
        var bad = await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{slug}/registrations", new { name = " ", email = "khong-phai-email", answers = new { size = "huge" } }), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "email", "phone", "answers.company", "answers.size" })
        {
            Assert.NotEmpty(bad.Errors(field));
        }

        Assert.Equal(Texts.Vi("Give a phone number."), bad.Errors("phone")[0]);
        Assert.False(await site.QueryAsync(db => db.Set<EventRegistration>().AnyAsync(r => r.EventId == asking.Text("id"))));

        var good = new { person.name, person.email, person.phone, answers = new { company = "Công ty ABC", size = "small" } };
        await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{slug}/registrations", good), HttpStatusCode.Created);
        var duplicate = await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{slug}/registrations", good with { email = person.email.ToUpperInvariant() }), HttpStatusCode.Conflict);
        Assert.Equal(Texts.Vi("This e-mail address is already registered for this event."), duplicate.Text("title"));
        Assert.Equal(1, await site.QueryAsync(db => db.Set<EventRegistration>().CountAsync(r => r.EventId == asking.Text("id"))));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsJsonAsync("/api/events/no-such-event/registrations", person)).StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_the_code_the_qr_image_and_the_calendar_file_and_cancel_from_the_ticket_link(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff);
        using var visitor = site.CreateBrowserClient();
        var (id, email, ticket) = await RegisterAndConfirmAsync(site, visitor, item.Text("slug"), $"ve-{Guid.NewGuid():N}@example.vn");
        var code = await CodeAsync(site, id);
        var mail = await site.QueryAsync(db => db.OutboxEmails.Where(e => e.To == email).OrderByDescending(e => e.Id).FirstAsync());
        Assert.StartsWith(Texts.Vi("Your registration is confirmed: {0}", "Tập huấn khởi nghiệp đổi mới sáng tạo"), mail.Subject, StringComparison.Ordinal);
        Assert.Contains(code, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", mail.Calendar, StringComparison.Ordinal);
        Assert.Contains($"UID:event-{item.Text("id")}@incubator", mail.Calendar, StringComparison.Ordinal);

        var image = System.Text.RegularExpressions.Regex.Match(mail.HtmlBody, "<img src=\"([^\"]+)\"").Groups[1].Value;
        var qr = new Uri(WebUtility.HtmlDecode(image));
        Assert.Equal($"/events/registrations/{id}/qr.png", qr.AbsolutePath);
        using (var png = await visitor.GetAsync(new Uri(qr.PathAndQuery, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri($"/events/registrations/{id}/qr.png?t=forged", UriKind.Relative))).StatusCode);

        // The ticket page shows the code and cancels.
        // The ticket carries personal data: no cache keeps it.
        using (var raw = await visitor.GetAsync(new Uri($"/events/registrations/{id}?t={Uri.EscapeDataString(ticket)}", UriKind.Relative)))
        {
            Assert.True(raw.Headers.CacheControl?.NoStore, raw.Headers.CacheControl?.ToString());
        }

        var page = await Forms.GetAsync(visitor, $"/events/registrations/{id}?t={Uri.EscapeDataString(ticket)}");
        Assert.Equal(code, page.QuerySelector("#ticket-code")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#ticket-qr svg"));
        using var cancelled = await Forms.SubmitAsync(visitor, page, "#ticket-cancel", []);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = await Forms.ParseAsync(cancelled);
        Assert.Equal("cancelled", after.QuerySelector("#ticket-state")!.GetAttribute("data-status"));
        Assert.Equal(RegistrationStatus.Cancelled, await site.QueryAsync(db => db.Set<EventRegistration>().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await TakenAsync(site, item.Text("id")));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri($"/events/registrations/{id}?t=forged", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_remind_each_confirmed_registrant_once_when_two_hosts_tick_together(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff, overrides: new() { ["startsAt"] = "2033-02-10T08:00", ["endsAt"] = "2033-02-10T11:00" });
        using var visitor = site.CreateClient();
        var confirmed = await RegisterAndConfirmAsync(site, visitor, item.Text("slug"), $"nhac-{Guid.NewGuid():N}@example.vn");
        var pendingEmail = $"nhac-cho-{Guid.NewGuid():N}@example.vn";
        await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{item.Text("slug")}/registrations", new { name = "Chưa xác nhận", email = pendingEmail, phone = "0900000001" }), HttpStatusCode.Created);
        using var second = new SiteFactory(site);
        _ = second.Server;

        var start = new DateTime(2033, 2, 10, 1, 0, 0, DateTimeKind.Utc);
        foreach (var now in new[] { start.AddHours(-30), start.AddHours(-23), start.AddHours(-22), start.AddHours(-1) })
        {
            var sent = await Task.WhenAll(TickAsync(site, now), TickAsync(second, now), TickAsync(site, now), TickAsync(second, now));
            Assert.Equal(now == start.AddHours(-23) ? 1 : 0, sent.Sum());
        }

        var subject = Texts.Vi("Reminder: {0} starts soon", "Tập huấn khởi nghiệp đổi mới sáng tạo");
        Assert.Equal(1, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == confirmed.Email && e.Subject == subject)));
        Assert.Equal(0, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == pendingEmail && e.Subject == subject)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_register_from_the_event_page_without_script_and_list_it_on_my_events(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var item = await EventArrange.CreateAsync(staff, capacity: 10, overrides: new()
        {
            ["questions"] = new object[] { new { key = "company", type = "text", label = new { vi = "Đơn vị công tác", en = "Organisation" }, required = true } },
        });
        var slug = item.Text("slug");

        // Anonymous: refused beside the fields, then asked to confirm by e-mail.
        using var anonymous = site.CreateBrowserClient();
        var page = await Forms.GetAsync(anonymous, $"/events/{slug}");
        Assert.Equal("Tập huấn khởi nghiệp đổi mới sáng tạo", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal($"/events/{slug}.ics", page.QuerySelector("#add-to-calendar")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#event-description strong"));
        var stylesheet = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).FirstOrDefault(h => h.Contains("registration", StringComparison.Ordinal));
        Assert.True(stylesheet is not null, string.Join(" ", page.QuerySelectorAll("link").Select(l => l.GetAttribute("href"))));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(stylesheet, UriKind.Relative))).StatusCode);
        using (var refused = await Forms.FillAndSubmitAsync(anonymous, page, "#register-form", new Dictionary<string, string[]> { ["Name"] = ["Phạm D"], ["Email"] = ["sai"] }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var shown = await Forms.ParseAsync(refused);
            Assert.NotNull(shown.QuerySelector("[data-field=company] .field-error"));
            Assert.Contains(Texts.Vi("Give a phone number."), shown.QuerySelector("#register-form")!.TextContent, StringComparison.Ordinal);
        }

        var email = $"trang-{Guid.NewGuid():N}@example.vn";
        using (var sent = await Forms.FillAndSubmitAsync(anonymous, page, "#register-form", new Dictionary<string, string[]>
               {
                   ["Name"] = ["Phạm Thị D"], ["Email"] = [email], ["Phone"] = ["0912000111"], ["answers.company"] = ["Hợp tác xã Nà Phặc"],
               }))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.NotNull((await Forms.ParseAsync(sent)).QuerySelector("#register-sent"));
        }

        Assert.Contains("Hợp tác xã Nà Phặc", await site.QueryAsync(db => db.Set<EventRegistration>().Where(r => r.NormalizedEmail == email).Select(r => r.AnswersJson).SingleAsync()), StringComparison.Ordinal);

        // Signed in: registered at once with the account's address, the ticket next, and listed on /my/events.
        var (accountEmail, password) = await site.CreateAccountAsync();
        using var member = await site.CreateSignedInBrowserAsync(accountEmail, password);
        var own = await Forms.GetAsync(member, $"/events/{slug}");
        Assert.Equal(accountEmail, (own.QuerySelector("#reg-email") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        using (var done = await Forms.FillAndSubmitAsync(member, own, "#register-form", new Dictionary<string, string[]> { ["Name"] = ["Hoàng Văn E"], ["answers.company"] = ["Sở KH&CN"] }))
        {
            var ticket = Forms.Location(done);
            Assert.StartsWith("/events/registrations/", ticket, StringComparison.Ordinal);
            var shown = await Forms.GetAsync(member, ticket);
            Assert.Equal("confirmed", shown.QuerySelector("#ticket-state")!.GetAttribute("data-status"));
        }

        Assert.NotNull((await Forms.GetAsync(member, $"/events/{slug}")).QuerySelector("#register-existing a[href^='/events/registrations/']"));
        var mine = await Forms.GetAsync(member, "/my/events");
        var row = mine.QuerySelector("#mine tbody tr")!;
        Assert.Equal("confirmed", row.GetAttribute("data-status"));
        using (var cancel = await Forms.SubmitAsync(member, mine, "#mine tbody tr form", []))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", (await Forms.ParseAsync(cancel)).QuerySelector("#mine tbody tr")!.GetAttribute("data-status"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/events/no-such-event", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_a_cohort_members_owner_register_colleagues_and_forget_them_with_the_account(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var owner = await site.CreateApplicantWithBrowserAsync();
        using var created = await owner.Api.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Chè {Guid.NewGuid():N}", summary = "Chè", sectors = new[] { "ocop" }, locality = "quang-ngai" });
        var organisation = (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
        var cohort = await CheckIns.CheckInTests.JoinAsync(staff, organisation, "quarterly");
        var item = await EventArrange.CreateAsync(staff, overrides: new() { ["audience"] = "cohort:" + cohort });
        var colleague = $"dong-nghiep-{Guid.NewGuid():N}@example.vn";

        // Someone who owns no member organisation is refused, even naming one.
        var (other, _, _) = await site.CreateApplicantAsync();
        using (other)
        {
            await Json.ReadAsync(await other.PostAsJsonAsync($"/api/events/{item.Text("slug")}/registrations", new { organisationId = organisation }), HttpStatusCode.Forbidden);
        }

        var registered = await Json.ReadAsync(await owner.Api.PostAsJsonAsync($"/api/events/{item.Text("slug")}/registrations", new
        {
            name = "Chủ doanh nghiệp",
            organisationId = organisation,
            colleagues = new[] { new { name = "Đồng Nghiệp F", email = colleague } },
        }), HttpStatusCode.Created);
        Assert.Equal("confirmed", registered.Text("status"));
        Assert.Equal(organisation, registered.Text("organisationId"));
        var theirs = registered.GetProperty("colleagues").EnumerateArray().Single();
        Assert.Equal(("confirmed", colleague), (theirs.Text("status"), theirs.Text("email")));
        Assert.StartsWith(Texts.Vi("Your registration is confirmed: {0}", "Tập huấn khởi nghiệp đổi mới sáng tạo"), await SubjectAsync(site, colleague), StringComparison.Ordinal);
        Assert.Equal(2, await TakenAsync(site, item.Text("id")));

        // The registrations are in the owner's download, and their own is anonymised with the account; the colleague's stays.
        using (var download = await Forms.SubmitAsync(owner.Browser, await Forms.GetAsync(owner.Browser, "/account/personal-data"), "#download-form", []))
        {
            using var data = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
            Assert.Equal(
                new[] { registered.Text("id"), theirs.Text("id") }.Order(StringComparer.Ordinal),
                data.RootElement.GetProperty("eventRegistrations").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        }

        using (var asked = await Forms.SubmitAsync(owner.Browser, await Forms.GetAsync(owner.Browser, "/account/personal-data"), "#delete-form", [new("Password", owner.Password)]))
        {
            Assert.Equal("/account/personal-data", Forms.Location(asked));
        }

        using var admin = await site.CreateBrowserUserAsync("Staff");
        var queue = await Forms.GetAsync(admin, "/admin/personal-data");
        var requestId = queue.QuerySelectorAll("#pending-requests tr[data-request]").Single(r => r.TextContent.Contains(owner.Email, StringComparison.Ordinal)).GetAttribute("data-request");
        using (var completed = await Forms.SubmitAsync(admin, queue, $"tr[data-request='{requestId}'] form.complete-request", [new("note", "Yêu cầu qua cổng")]))
        {
            Assert.Equal("/admin/personal-data", Forms.Location(completed));
        }

        var own = await site.QueryAsync(db => db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == registered.Text("id")));
        Assert.Equal((AccountEraser.Anonymised, null, null), (own.Name, own.UserId, own.RegisteredBy));
        Assert.DoesNotContain(owner.Email, own.Email, StringComparison.OrdinalIgnoreCase);
        var kept = await site.QueryAsync(db => db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == theirs.Text("id")));
        Assert.Equal(("Đồng Nghiệp F", colleague, null), (kept.Name, kept.Email, kept.RegisteredBy));
    }

    private static Task<int> TickAsync(SiteFactory site, DateTime nowUtc) => site.Services.GetRequiredService<RegistrationReminderService>().TickAsync(nowUtc);

    private static Task<int> TakenAsync(SiteFactory site, string eventId) =>
        site.QueryAsync(db => db.Set<EventSeats>().Where(s => s.EventId == eventId).Select(s => s.Taken).SingleAsync());

    private static Task<string> CodeAsync(SiteFactory site, string id) =>
        site.QueryAsync(db => db.Set<EventRegistration>().Where(r => r.Id == id).Select(r => r.Code).SingleAsync());

    private static Task<string> SubjectAsync(SiteFactory site, string email) =>
        site.QueryAsync(db => db.OutboxEmails.Where(e => e.To == email).OrderByDescending(e => e.Id).Select(e => e.Subject).FirstAsync());

    private static async Task<List<string>> StatusesAsync(SiteFactory site, List<(string Id, string Email, string Ticket)> people)
    {
        var ids = people.Select(p => p.Id).ToList();
        var statuses = await site.QueryAsync(db => db.Set<EventRegistration>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status));
        return [.. people.Select(p => RegistrationsApi.StatusName(statuses[p.Id]))];
    }

    /// <summary>The confirmation link e-mailed to each address.</summary>
    private static async Task<Dictionary<string, Uri>> ConfirmationLinksAsync(SiteFactory site, List<string> emails)
    {
        var mails = await site.QueryAsync(db => db.OutboxEmails.Where(e => emails.Contains(e.To)).Select(e => new { e.To, e.HtmlBody }).ToListAsync());
        return mails.ToDictionary(m => m.To, m => Mailbox.Link(m.HtmlBody, "/confirm?t="));
    }

    private static string Token(Uri link) => Uri.UnescapeDataString(link.Query[(link.Query.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

    /// <summary>An anonymous registration confirmed through its e-mailed link; returns its id, address and ticket token.</summary>
    private static async Task<(string Id, string Email, string Ticket)> RegisterAndConfirmAsync(SiteFactory site, HttpClient visitor, string slug, string email)
    {
        var created = await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/events/{slug}/registrations", new { name = "Người đăng ký", email, phone = "0912345678" }), HttpStatusCode.Created);
        var id = created.Text("id");
        var token = Token(Mailbox.Link(await site.LastEmailAsync(email), "/confirm?t="));
        await Json.ReadAsync(await visitor.PostAsJsonAsync($"/api/registrations/{id}/confirm", new { token }));
        var ticket = Token(Mailbox.Link(await site.LastEmailAsync(email), $"/events/registrations/{id}?t="));
        return (id, email, ticket);
    }

    private static async Task<string> CohortAsync(HttpClient staff)
    {
        var key = $"k-{Guid.NewGuid():N}"[..20];
        await Json.ReadAsync(await staff.PostAsJsonAsync("/api/cohorts", new { key, name = new { vi = "Khóa ươm tạo", en = "Cohort" }, startsOn = "2027-01-01", endsOn = "2027-12-31", cadence = "quarterly" }), HttpStatusCode.Created);
        return key;
    }
}
