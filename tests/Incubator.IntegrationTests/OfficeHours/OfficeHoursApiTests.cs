using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.FollowUps;
using Incubator.Web.Features.Mentoring;
using Incubator.Web.Features.OfficeHours;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Incubator.IntegrationTests.OfficeHours;

public sealed class OfficeHoursApiTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_publish_slots_in_vietnam_time_weekly_or_once_and_refuse_bad_ones_saving_nothing(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);

        // A mentor with no details yet: the first slot makes their draft mentor entry.
        var (email, password) = await site.CreateAccountAsync(Roles.Mentor);
        using var mentor = await site.CreateApiClientAsync(email, password);
        var day = Day(20);
        var first = await Json.ReadAsync(await mentor.PostAsJsonAsync("/api/mentors/me/slots", new { startsAt = $"{day}T09:00", endsAt = $"{day}T10:00", place = "Phòng 201, Sở KH&CN" }), HttpStatusCode.Created);
        var mentorId = first.Text("mentorId");
        Assert.Equal(mentorId, await site.QueryAsync(db => db.Set<MentorDetails>().Where(d => d.UserId != null && db.Users.Any(u => u.Id == d.UserId && u.Email == email)).Select(d => d.MentorId).SingleAsync()));
        Assert.Equal(Utc(day, 2), first.GetProperty("startsAt").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("seriesId").ValueKind);
        (await mentor.PutAsJsonAsync("/api/mentors/me/profile", new { hoursPerMonth = 20 })).Dispose();

        // With an offset the time is taken as given; a weekly slot makes eight occurrences a week apart in one series.
        var weekly = await Json.ReadAsync(await mentor.PostAsJsonAsync("/api/mentors/me/slots", new { startsAt = $"{day}T06:00:00Z", endsAt = $"{day}T07:30:00Z", onlineUrl = "https://meet.example.vn/abc", repeatWeekly = true }), HttpStatusCode.Created);
        var series = weekly.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(8, series.Count);
        Assert.All(series, s => Assert.Equal(weekly.Text("seriesId"), s.Text("seriesId")));
        Assert.Equal(Utc(day, 6).AddDays(49), series[^1].GetProperty("startsAt").GetDateTime().ToUniversalTime());

        var count = await SlotCountAsync(site, mentorId);
        Assert.Equal(9, count);
        foreach (var (body, field, message) in new (object, string, string)[]
                 {
                     (new { startsAt = $"{day}T11:00", endsAt = $"{day}T10:30", place = "A" }, "endsAt", "The end must be after the start."),
                     (new { startsAt = $"{day}T11:00", endsAt = $"{day}T11:10", place = "A" }, "endsAt", "A slot lasts from 15 minutes to 4 hours."),
                     (new { startsAt = $"{day}T11:00", endsAt = $"{day}T16:00", place = "A" }, "endsAt", "A slot lasts from 15 minutes to 4 hours."),
                     (new { startsAt = "2020-01-06T09:00", endsAt = "2020-01-06T10:00", place = "A" }, "startsAt", "The start must be in the future."),
                     (new { startsAt = "ngày mai", endsAt = $"{day}T10:00", place = "A" }, "startsAt", "Give the start as a date and time, e.g. 2026-12-10T09:00."),
                     (new { startsAt = $"{day}T11:00", endsAt = $"{day}T12:00", place = " " }, "place", "Give a place or an online link."),
                     (new { startsAt = $"{day}T11:00", endsAt = $"{day}T12:00", onlineUrl = "javascript:alert(1)" }, "onlineUrl", "The online link must be a web address starting with http:// or https://."),
                     (new { startsAt = $"{day}T09:30", endsAt = $"{day}T10:30", place = "A" }, "startsAt", "This slot overlaps another of the mentor's slots."),
                     (new { startsAt = $"{Day(27)}T13:00", endsAt = $"{Day(27)}T13:30", place = "A", repeatWeekly = true }, "startsAt", "This slot overlaps another of the mentor's slots."),
                 })
        {
            using var refused = await mentor.PostAsJsonAsync("/api/mentors/me/slots", body);
            Assert.Equal([Texts.Vi(message)], (await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).Errors(field));
        }

        Assert.Equal(count, await SlotCountAsync(site, mentorId));

        // Staff publish for a mentor; a mentor may not publish for another, and an unknown mentor is 404.
        Assert.Equal(mentorId, (await Json.ReadAsync(await staff.PostAsJsonAsync($"/api/mentors/{mentorId}/slots", new { startsAt = $"{day}T16:00", endsAt = $"{day}T17:00", place = "B" }), HttpStatusCode.Created)).Text("mentorId"));
        var other = await MentorAsync(site, "Cố vấn khác");
        using (var forbidden = await other.Client.PostAsJsonAsync($"/api/mentors/{mentorId}/slots", new { startsAt = $"{day}T18:00", endsAt = $"{day}T19:00", place = "B" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var unknown = await staff.PostAsJsonAsync($"/api/mentors/{Guid.NewGuid():N}/slots", new { startsAt = $"{day}T16:00", endsAt = $"{day}T17:00", place = "B" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // The slots are read by staff, the mentor and a startup matched to them; anyone else is told there are none.
        var (owner, _, _) = await site.CreateApplicantAsync();
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (owner)
        using (stranger)
        {
            var organisation = await OrganisationAsync(owner);
            await Json.GetAsync(owner, $"/api/mentors/{mentorId}/slots", HttpStatusCode.NotFound);
            await MatchAsync(staff, organisation, mentorId);
            var seen = await Json.GetAsync(owner, $"/api/mentors/{mentorId}/slots?from={day}&to={day}");
            Assert.Equal(3, seen.GetArrayLength());
            Assert.All(seen.EnumerateArray(), s => Assert.True(s.GetProperty("free").GetBoolean()));
            Assert.Equal(10, (await Json.GetAsync(mentor, "/api/mentors/me/slots")).GetArrayLength());
            Assert.Equal(10, (await Json.GetAsync(staff, $"/api/mentors/{mentorId}/slots")).GetArrayLength());
            await Json.GetAsync(stranger, $"/api/mentors/{mentorId}/slots", HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_book_a_slot_once_when_fifty_bookings_race(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var organisation = await OrganisationAsync(owner);
            var mentor = await MentorAsync(site, "Cố vấn đua");
            await MatchAsync(staff, organisation, mentor.MentorId);
            var slot = await SlotAsync(mentor.Client, Day(21), 9);
            var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
                (i % 5 == 0 ? staff : owner).PostAsJsonAsync("/api/bookings", new { slotId = slot, organisationId = organisation, topic = $"Gọi vốn {i}" })));
            try
            {
                Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
                Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }

            Assert.Equal(1, await site.QueryAsync(db => db.Set<MentorBooking>().CountAsync(b => b.SlotId == slot)));
            Assert.Equal(60, await site.QueryAsync(db => db.Set<HoursAllowance>().Where(a => a.OrganisationId == organisation).SumAsync(a => a.MinutesBooked)));
            using var again = await owner.PostAsJsonAsync("/api/bookings", new { slotId = slot, organisationId = organisation, topic = "Lần nữa" });
            Assert.Equal(Texts.Vi("This slot is already taken."), (await Json.ReadAsync(again, HttpStatusCode.Conflict)).Text("title"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_bookings_within_the_allocation_even_when_two_slots_are_booked_at_once(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (owner, _, _) = await site.CreateApplicantAsync();
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (owner)
        using (stranger)
        {
            var organisation = await OrganisationAsync(owner);
            var mentor = await MentorAsync(site, "Cố vấn phân bổ");
            var unmatched = await MentorAsync(site, "Cố vấn chưa ghép");
            var match = await MatchAsync(staff, organisation, mentor.MentorId);
            await site.QueryAsync(db => db.Set<MentorMatch>().Where(m => m.Id == match).ExecuteUpdateAsync(s => s.SetProperty(m => m.HoursAllocated, 1)));
            var day = Day(22);
            var a = await SlotAsync(mentor.Client, day, 9);
            var b = await SlotAsync(mentor.Client, day, 14);

            // Without a match, for someone else's organisation, without a topic: refused.
            using (var noMatch = await owner.PostAsJsonAsync("/api/bookings", new { slotId = await SlotAsync(unmatched.Client, day, 9), organisationId = organisation, topic = "Pháp lý" }))
            {
                Assert.Equal(Texts.Vi("The organisation has no active match with this mentor."), (await Json.ReadAsync(noMatch, HttpStatusCode.Conflict)).Text("title"));
            }

            foreach (var (client, body, field, message) in new (HttpClient, object, string, string)[]
                     {
                         (stranger, new { slotId = a, organisationId = organisation, topic = "X" }, "organisationId", "There is no such organisation."),
                         (owner, new { slotId = a, organisationId = organisation, topic = " " }, "topic", "Say what you want to talk about."),
                         (owner, new { slotId = Guid.NewGuid().ToString("N"), organisationId = organisation, topic = "X" }, "slotId", "There is no such slot."),
                     })
            {
                using var refused = await client.PostAsJsonAsync("/api/bookings", body);
                Assert.Equal([Texts.Vi(message)], (await Json.ReadAsync(refused, HttpStatusCode.BadRequest)).Errors(field));
            }

            // One hour allocated, two one-hour slots booked at the same moment: one wins, the other is over the allocation.
            var both = await Task.WhenAll(
                owner.PostAsJsonAsync("/api/bookings", new { slotId = a, organisationId = organisation, topic = "Thị trường" }),
                owner.PostAsJsonAsync("/api/bookings", new { slotId = b, organisationId = organisation, topic = "Gọi vốn" }));
            string booked;
            try
            {
                Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
                var refused = both.Single(r => r.StatusCode == HttpStatusCode.Conflict);
                Assert.Equal(Texts.Vi("This booking would take the startup over the hours allocated to it."), (await Json.ReadAsync(refused, HttpStatusCode.Conflict)).Text("title"));
                booked = (await Json.ReadAsync(both.Single(r => r.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created)).Text("id");
            }
            finally
            {
                foreach (var response in both)
                {
                    response.Dispose();
                }
            }

            Assert.Equal(1, await site.QueryAsync(db => db.Set<MentorBooking>().CountAsync(x => x.OrganisationId == organisation)));
            Assert.Equal(60, await site.QueryAsync(db => db.Set<HoursAllowance>().Where(x => x.Key == $"match:{match}").Select(x => x.MinutesBooked).SingleAsync()));

            // The hours count against the mentor's month for matching.
            using (var scope = site.Services.CreateScope())
            {
                var local = DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var monthStart = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified), VietnamTime.Zone);
                var used = await scope.ServiceProvider.GetRequiredService<IMentorHoursUsed>().HoursUsedAsync([mentor.MentorId], monthStart, default);
                Assert.Equal(1, used[mentor.MentorId]);
            }

            // Cancelling (well before the notice) gives the hour back: the other slot can be booked.
            Assert.Equal("cancelled", (await Json.ReadAsync(await owner.PostAsync(new Uri($"/api/bookings/{booked}/cancel", UriKind.Relative), null))).Text("status"));
            Assert.Equal(0, await site.QueryAsync(db => db.Set<HoursAllowance>().Where(x => x.Key == $"match:{match}").Select(x => x.MinutesBooked).SingleAsync()));
            var other = booked == (await site.QueryAsync(db => db.Set<MentorBooking>().Where(x => x.SlotId == a).Select(x => x.Id).FirstOrDefaultAsync())) ? b : a;
            await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = other, organisationId = organisation, topic = "Lần hai" }), HttpStatusCode.Created);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_cancel_up_to_the_notice_free_the_slot_and_tell_both_sides_with_an_invitation(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (owner, ownerEmail, _) = await site.CreateApplicantAsync();
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (owner)
        using (stranger)
        {
            var organisation = await OrganisationAsync(owner);
            var mentor = await MentorAsync(site, "Cố vấn huỷ");
            await MatchAsync(staff, organisation, mentor.MentorId);
            var day = Day(23);
            var slot = await SlotAsync(mentor.Client, day, 9);
            var booking = await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = slot, organisationId = organisation, topic = "Sở hữu trí tuệ <b>" }), HttpStatusCode.Created);
            var id = booking.Text("id");

            // Both sides are told, in-app and by e-mail, with a link on the site's address.
            var mail = await site.LastEmailAsync(ownerEmail);
            Assert.Contains("Sở hữu trí tuệ &lt;b&gt;", mail, StringComparison.Ordinal);
            Assert.Matches("href=\"https?://[^\"]+/my/organisations/" + organisation + "/bookings\"", mail);
            Assert.Contains(Texts.Vi("Topic: {0}", "Sở hữu trí tuệ &lt;b&gt;"), mail, StringComparison.Ordinal);
            Assert.Matches("href=\"https?://[^\"]+/mentor/office-hours\"", await site.LastEmailAsync(mentor.Email));
            Assert.Equal(2, await site.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemId == id && n.Template == BookingNotices.BookedTemplate)));

            // The e-mails carry the invitation (invite.ics, METHOD:REQUEST) for both calendars.
            await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();
            foreach (var address in new[] { ownerEmail, mentor.Email })
            {
                var invitation = await InvitationAsync(site, address, "REQUEST");
                Assert.Equal((BookingNotices.Uid(id), 0, Utc(day, 2), "Vườn ươm, Sở KH&CN"), (invitation.Uid, invitation.Sequence, invitation.DtStart!.AsUtc, invitation.Location));
                Assert.Equal("mailto:" + ownerEmail, Assert.Single(invitation.Attendees).Value!.ToString());
            }

            // Both sides and staff see it in their lists; a stranger sees nothing of it.
            Assert.Contains(id, (await Json.GetAsync(owner, "/api/bookings?mine=true")).EnumerateArray().Select(x => x.Text("id")));
            Assert.Contains(id, (await Json.GetAsync(mentor.Client, "/api/bookings?mine=true")).EnumerateArray().Select(x => x.Text("id")));
            Assert.DoesNotContain(id, (await Json.GetAsync(stranger, "/api/bookings?mine=true")).EnumerateArray().Select(x => x.Text("id")));
            using (var notTheirs = await stranger.PostAsync(new Uri($"/api/bookings/{id}/cancel", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
            }

            // 23 hours before the start neither side may cancel any more; staff may.
            using (site.Clock.FreezeAt(Utc(day, 2).AddHours(-23)))
            {
                foreach (var client in new[] { owner, mentor.Client })
                {
                    using var late = await client.PostAsync(new Uri($"/api/bookings/{id}/cancel", UriKind.Relative), null);
                    Assert.Equal(Texts.Vi("A booking can be cancelled up to {0} hours before it starts.", 24), (await Json.ReadAsync(late, HttpStatusCode.Conflict)).Text("title"));
                }

                Assert.Equal("cancelled", (await Json.ReadAsync(await staff.PostAsync(new Uri($"/api/bookings/{id}/cancel", UriKind.Relative), null))).Text("status"));
                using var twice = await staff.PostAsync(new Uri($"/api/bookings/{id}/cancel", UriKind.Relative), null);
                Assert.Equal(Texts.Vi("This booking is already cancelled."), (await Json.ReadAsync(twice, HttpStatusCode.Conflict)).Text("title"));
            }

            Assert.Equal(2, await site.QueryAsync(db => db.Notifications.CountAsync(n => n.ItemId == id && n.Template == BookingNotices.CancelledTemplate)));
            await site.Services.GetRequiredService<OutboxDeliveryService>().RunOnceAsync();
            var cancellation = await InvitationAsync(site, ownerEmail, "CANCEL");
            Assert.Equal((BookingNotices.Uid(id), 1, "CANCELLED"), (cancellation.Uid, cancellation.Sequence, cancellation.Status));
            Assert.True((await Json.GetAsync(owner, $"/api/mentors/{mentor.MentorId}/slots?from={day}&to={day}")).EnumerateArray().Single(s => s.Text("id") == slot).GetProperty("free").GetBoolean());
            await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = slot, organisationId = organisation, topic = "Lần hai" }), HttpStatusCode.Created);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_remind_both_sides_once_the_day_before_when_two_hosts_tick_together(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (owner, ownerEmail, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var organisation = await OrganisationAsync(owner);
            var mentor = await MentorAsync(site, "Cố vấn nhắc");
            await MatchAsync(staff, organisation, mentor.MentorId);
            var day = Day(300);
            var id = (await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = await SlotAsync(mentor.Client, day, 9), organisationId = organisation, topic = "Nhắc" }), HttpStatusCode.Created)).Text("id");
            using var second = new SiteFactory(site);
            _ = second.Server;

            var start = Utc(day, 2);
            foreach (var now in new[] { start.AddHours(-30), start.AddHours(-23), start.AddHours(-22), start.AddHours(-1) })
            {
                var sent = await Task.WhenAll(TickAsync(site, now), TickAsync(second, now), TickAsync(site, now), TickAsync(second, now));
                Assert.Equal(now == start.AddHours(-23) ? 1 : 0, sent.Sum());
            }

            Assert.Equal(1, await site.QueryAsync(db => db.Set<BookingReminder>().CountAsync(r => r.BookingId == id)));
            var notices = await site.QueryAsync(db => db.Notifications.Where(n => n.ItemId == id && n.Template == BookingNotices.ReminderTemplate).Select(n => n.UserId).ToListAsync());
            Assert.Equal(2, notices.Distinct().Count());
            var subject = Texts.Vi("Reminder: mentoring session on {0}", VietnamTime.FormatDateTime(start));
            Assert.Equal(
                new[] { ownerEmail, mentor.Email }.Order(StringComparer.OrdinalIgnoreCase),
                (await site.QueryAsync(db => db.OutboxEmails.Where(e => e.Subject.StartsWith(subject)).Select(e => e.To).ToListAsync())).Order(StringComparer.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_log_a_session_once_it_started_turn_staff_items_into_tasks_and_let_only_the_startup_rate_it(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (owner, _, _) = await site.CreateApplicantAsync();
        var (stranger, _, _) = await site.CreateApplicantAsync();
        using (owner)
        using (stranger)
        {
            var organisation = await OrganisationAsync(owner);
            var mentor = await MentorAsync(site, "Cố vấn ghi");
            var match = await MatchAsync(staff, organisation, mentor.MentorId);
            var decidedBy = await site.QueryAsync(db => db.Set<MentorMatch>().Where(m => m.Id == match).Select(m => m.DecidedBy).SingleAsync());
            var day = Day(24);
            var id = (await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = await SlotAsync(mentor.Client, day, 9), organisationId = organisation, topic = "Kế hoạch" }), HttpStatusCode.Created)).Text("id");
            var log = new
            {
                notes = "Doanh thu quý 3 còn thấp; cần kênh phân phối.",
                actionItems = new object[]
                {
                    new { title = "Gửi bảng giá cho 3 nhà phân phối", dueOn = "2027-03-01", owner = "startup" },
                    new { title = "Giới thiệu quỹ đầu tư", dueOn = "2027-03-15", owner = "staff" },
                },
                minutes = 50,
            };

            using (var early = await mentor.Client.PutAsJsonAsync($"/api/bookings/{id}/session", log))
            {
                Assert.Equal(Texts.Vi("The session has not started yet."), (await Json.ReadAsync(early, HttpStatusCode.Conflict)).Text("title"));
            }

            using (site.Clock.FreezeAt(Utc(day, 2).AddMinutes(30)))
            {
                using (var notTheirs = await stranger.PutAsJsonAsync($"/api/bookings/{id}/session", log))
                {
                    Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
                }

                using (var startup = await owner.PutAsJsonAsync($"/api/bookings/{id}/session", log))
                {
                    Assert.Equal(HttpStatusCode.Forbidden, startup.StatusCode);
                }

                using (var bad = await mentor.Client.PutAsJsonAsync($"/api/bookings/{id}/session", new { notes = "x", minutes = 0, actionItems = new[] { new { title = "", dueOn = (string?)null, owner = "ai" } } }))
                {
                    var problem = await Json.ReadAsync(bad, HttpStatusCode.BadRequest);
                    Assert.Equal([Texts.Vi("Give the minutes the session took, from 1 to 600.")], problem.Errors("minutes"));
                    Assert.Equal([Texts.Vi("Enter a title.")], problem.Errors("actionItems[0].title"));
                    Assert.Equal([Texts.Vi("Enter the due date.")], problem.Errors("actionItems[0].dueOn"));
                    Assert.Equal([Texts.Vi("The owner is \"startup\" or \"staff\".")], problem.Errors("actionItems[0].owner"));
                }

                // A rating before the log is refused while the session runs.
                using (var rateEarly = await owner.PutAsJsonAsync($"/api/bookings/{id}/rating", new { stars = 5 }))
                {
                    Assert.Equal(Texts.Vi("A session can be rated once it is over."), (await Json.ReadAsync(rateEarly, HttpStatusCode.Conflict)).Text("title"));
                }

                var logged = await Json.ReadAsync(await mentor.Client.PutAsJsonAsync($"/api/bookings/{id}/session", log));
                Assert.Equal(("held", 50), (logged.Text("status"), logged.GetProperty("minutesSpent").GetInt32()));
                var items = logged.GetProperty("actionItems").EnumerateArray().ToList();
                Assert.Equal(["startup", "staff"], items.Select(i => i.Text("owner")));
                Assert.Equal(JsonValueKind.Null, items[0].GetProperty("followUpId").ValueKind);

                // The staff item is a follow-up task for whoever confirmed the match, about the organisation.
                var taskId = items[1].Text("followUpId");
                var task = await site.QueryAsync(db => db.Set<FollowUpTask>().Where(t => t.Id == taskId).Select(t => new { t.Title, t.AssigneeId, t.OrganisationId, t.DueOn }).SingleAsync());
                Assert.Equal(("Giới thiệu quỹ đầu tư", decidedBy, organisation, new DateOnly(2027, 3, 15)), (task.Title, task.AssigneeId, task.OrganisationId, task.DueOn));

                using (var twice = await mentor.Client.PutAsJsonAsync($"/api/bookings/{id}/session", log))
                {
                    Assert.Equal(Texts.Vi("This session is already logged."), (await Json.ReadAsync(twice, HttpStatusCode.Conflict)).Text("title"));
                }

                // The startup ticks its own item; it cannot tick the staff's.
                var done = await Json.ReadAsync(await owner.PostAsync(new Uri($"/api/action-items/{items[0].GetProperty("id").GetInt64()}/done", UriKind.Relative), null));
                Assert.True(done.GetProperty("done").GetBoolean());
                using (var staffItem = await owner.PostAsync(new Uri($"/api/action-items/{items[1].GetProperty("id").GetInt64()}/done", UriKind.Relative), null))
                {
                    Assert.Equal(HttpStatusCode.NotFound, staffItem.StatusCode);
                }

                // Only the startup rates, 1 to 5 stars.
                using (var byMentor = await mentor.Client.PutAsJsonAsync($"/api/bookings/{id}/rating", new { stars = 5 }))
                {
                    Assert.Equal(HttpStatusCode.Forbidden, byMentor.StatusCode);
                }

                using (var tooMany = await owner.PutAsJsonAsync($"/api/bookings/{id}/rating", new { stars = 6 }))
                {
                    Assert.Equal([Texts.Vi("Give from 1 to 5 stars.")], (await Json.ReadAsync(tooMany, HttpStatusCode.BadRequest)).Errors("stars"));
                }

                var rated = await Json.ReadAsync(await owner.PutAsJsonAsync($"/api/bookings/{id}/rating", new { stars = 4, comment = "Rất hữu ích" }));
                Assert.Equal((4, "Rất hữu ích"), (rated.GetProperty("stars").GetInt32(), rated.Text("ratingComment")));
            }

            // The notes: the owner, the mentor and staff read them; another startup and an anonymous caller do not.
            foreach (var client in new[] { owner, mentor.Client, staff })
            {
                Assert.Equal(log.notes, (await Json.GetAsync(client, $"/api/bookings/{id}")).Text("notes"));
            }

            await Json.GetAsync(stranger, $"/api/bookings/{id}", HttpStatusCode.NotFound);

            // On the organisation's timeline the session is there for whoever may read it; the notes only for staff, the owner and its mentor.
            using (var scope = site.Services.CreateScope())
            {
                var source = scope.ServiceProvider.GetServices<ITimelineSource>().OfType<SessionTimelineSource>().Single();
                var subject = new TimelineSubject(TimelineSubjectKind.Organisation, organisation);
                var window = new TimelineWindow(new HashSet<string>(), null, 20);
                var mentorUser = await site.QueryAsync(db => db.Users.Where(u => u.Email == mentor.Email).Select(u => u.Id).SingleAsync());
                foreach (var (viewer, notes) in new (TimelineViewer, string?)[]
                         {
                             (new TimelineViewer("staff", IsStaff: true, IsOwner: false), log.notes),
                             (new TimelineViewer("owner", IsStaff: false, IsOwner: true), log.notes),
                             (new TimelineViewer(mentorUser, IsStaff: false, IsOwner: false, IsMentor: true), log.notes),
                             (new TimelineViewer("another-mentor", IsStaff: false, IsOwner: false, IsMentor: true), null),
                         })
                {
                    var entry = Assert.Single(await source.ReadAsync(subject, viewer, window, default));
                    Assert.Equal(notes, entry.Detail);
                }

                Assert.Empty(await source.ReadAsync(subject, new TimelineViewer("stranger", IsStaff: false, IsOwner: false), window, default));
            }
            using (var anonymous = site.CreateClient())
            {
                using var response = await anonymous.GetAsync(new Uri($"/api/bookings/{id}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_move_a_mentoring_hours_target_when_a_session_is_logged(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (owner, _, _) = await site.CreateApplicantAsync();
        using (owner)
        {
            var organisation = await OrganisationAsync(owner);
            var mentor = await MentorAsync(site, "Cố vấn chỉ tiêu");
            await MatchAsync(staff, organisation, mentor.MentorId);
            var key = "mh-" + Guid.NewGuid().ToString("N")[..8];
            var recipe = $$"""
                { "name": "mentoring-target", "steps": [ { "name": "Targets", "targets": [
                  { "key": "{{key}}-hours", "title": { "vi": "Giờ cố vấn" }, "plan": "Kế hoạch thử", "target": { "min": 10 }, "unit": { "vi": "giờ" }, "startYear": 2024, "deadline": 2035,
                    "indicator": { "measure": "sum", "field": "value", "source": "mentorSessions", "filter": { "kinds": [ "{{mentor.MentorId}}" ] } } },
                  { "key": "{{key}}-sessions", "title": { "vi": "Buổi cố vấn" }, "plan": "Kế hoạch thử", "target": { "min": 5 }, "unit": { "vi": "buổi" }, "startYear": 2024, "deadline": 2035,
                    "indicator": { "measure": "count", "source": "mentorSessions", "filter": { "kinds": [ "{{mentor.MentorId}}" ] } } } ] } ] }
                """;
            Assert.Equal(2, (await site.RunRecipeAsync(recipe)).Changed);
            using var anonymous = site.CreateClient();
            Assert.Equal((0m, 0m), await ActualsAsync(anonymous, key));

            var day = Day(25);
            var id = (await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = await SlotAsync(mentor.Client, day, 9), organisationId = organisation, topic = "Chỉ tiêu" }), HttpStatusCode.Created)).Text("id");
            using (site.Clock.FreezeAt(Utc(day, 4)))
            {
                await Json.ReadAsync(await mentor.Client.PutAsJsonAsync($"/api/bookings/{id}/session", new { notes = "Tốt", minutes = 90 }));
            }

            Assert.Equal((1.5m, 1m), await ActualsAsync(anonymous, key));
            using var scope = site.Services.CreateScope();
            var row = (await scope.ServiceProvider.GetServices<IIndicatorSource>().Single(s => s.Name == "mentorSessions").RowsAsync(default)).Single(r => r.Id == id);
            Assert.Equal((organisation, 1.5m), (row.Organisation, row.Value));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_count_every_mentor_against_one_pot_when_hours_are_allocated_per_cohort(DatabaseProvider provider)
    {
        var site = sites[provider];

        // A second host over the same database, whose allocation is per cohort: one hour for the whole cohort.
        using var perCohort = new SiteFactory(site, new Dictionary<string, string?> { ["OfficeHours:AllocationPer"] = "cohort", ["OfficeHours:HoursPerCohort"] = "1" });
        using var staff = await perCohort.CreateUserAsync(Roles.Staff);
        var (ownerEmail, ownerPassword) = await perCohort.CreateAccountAsync(Roles.Applicant);
        using var owner = await perCohort.CreateApiClientAsync(ownerEmail, ownerPassword);
        var organisation = await OrganisationAsync(owner);
        var first = await MentorAsync(perCohort, "Cố vấn khoá 1");
        var second = await MentorAsync(perCohort, "Cố vấn khoá 2");
        await MatchAsync(staff, organisation, first.MentorId);
        await MatchAsync(staff, organisation, second.MentorId);
        var day = Day(28);
        var a = await SlotAsync(first.Client, day, 9);
        var b = await SlotAsync(second.Client, day, 14);

        using (var outside = await owner.PostAsJsonAsync("/api/bookings", new { slotId = a, organisationId = organisation, topic = "Ngoài khoá" }))
        {
            Assert.Equal(Texts.Vi("The organisation is in no active cohort, so it has no hours to book."), (await Json.ReadAsync(outside, HttpStatusCode.Conflict)).Text("title"));
        }

        var key = $"oh-{Guid.NewGuid():N}"[..14];
        using (var cohort = await staff.PostAsJsonAsync("/api/cohorts", new { key, name = new { vi = "Khoá giờ", en = "Hours" }, startsOn = "2026-01-01", endsOn = "2035-12-31", cadence = "quarterly" }))
        {
            Assert.Equal(HttpStatusCode.Created, cohort.StatusCode);
        }

        (await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = organisation })).Dispose();
        await Json.ReadAsync(await owner.PostAsJsonAsync("/api/bookings", new { slotId = a, organisationId = organisation, topic = "Trong khoá" }), HttpStatusCode.Created);
        using (var over = await owner.PostAsJsonAsync("/api/bookings", new { slotId = b, organisationId = organisation, topic = "Mentor khác" }))
        {
            Assert.Equal(Texts.Vi("This booking would take the startup over the hours allocated to it."), (await Json.ReadAsync(over, HttpStatusCode.Conflict)).Text("title"));
        }

        Assert.Equal(60, await site.QueryAsync(db => db.Set<HoursAllowance>().Where(x => x.OrganisationId == organisation && x.Key.StartsWith("cohort:")).Select(x => x.MinutesBooked).SingleAsync()));
    }

    /// <summary>The one event of the invite.ics, of <paramref name="method"/>, in the e-mails delivered to <paramref name="to"/> (the pickup folder).</summary>
    private static Task<Ical.Net.CalendarComponents.CalendarEvent> InvitationAsync(SiteFactory site, string to, string method) => Task.Run(async () =>
    {
        var files = System.IO.Directory.GetFiles(site.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        try
        {
            var part = Assert.Single(
                files.Where(m => m.To.Mailboxes.Any(a => a.Address == to)).SelectMany(m => m.Attachments.OfType<MimePart>()),
                p => p.FileName == "invite.ics" && p.ContentType.Parameters["method"] == method);
            Assert.Equal("text/calendar", part.ContentType.MimeType);
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content);
            return Assert.Single(Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!.Events);
        }
        finally
        {
            files.ForEach(m => m.Dispose());
        }
    });

    private static async Task<(decimal Hours, decimal Sessions)> ActualsAsync(HttpClient client, string key)
    {
        var targets = (await Json.GetAsync(client, "/api/targets")).EnumerateArray().Where(t => t.Text("key").StartsWith(key, StringComparison.Ordinal)).ToDictionary(t => t.Text("key"));
        return (targets[$"{key}-hours"].GetProperty("actual").GetDecimal(), targets[$"{key}-sessions"].GetProperty("actual").GetDecimal());
    }

    internal sealed record MentorAccount(HttpClient Client, string Email, string MentorId);

    /// <summary>A local date <paramref name="days"/> ahead in Vietnam, as yyyy-MM-dd.</summary>
    internal static string Day(int days) => DateOnly.FromDateTime(VietnamTime.ToLocal(DateTime.UtcNow)).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of <paramref name="hourUtc"/>:00 UTC on the day.</summary>
    internal static DateTime Utc(string day, int hourUtc) =>
        DateTime.SpecifyKind(DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddHours(hourUtc), DateTimeKind.Utc);

    internal static async Task<MentorAccount> MentorAsync(SiteFactory site, string name)
    {
        var (email, password) = await site.CreateAccountAsync(Roles.Mentor);
        var client = await site.CreateApiClientAsync(email, password);
        using var saved = await client.PutAsJsonAsync("/api/mentors/me/profile", new { name, hoursPerMonth = 40, acceptsRequests = true });
        return new MentorAccount(client, email, (await Json.ReadAsync(saved)).Text("mentorId"));
    }

    internal static async Task<string> OrganisationAsync(HttpClient owner)
    {
        using var created = await owner.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = $"Khởi nghiệp {Guid.NewGuid():N}", summary = "Nông sản", sectors = new[] { "agri-hitech" }, locality = "cao-bang.hoa-an", stage = "mvp" });
        return (await Json.ReadAsync(created, HttpStatusCode.Created)).Text("id");
    }

    internal static async Task<string> MatchAsync(HttpClient staff, string organisation, string mentorId) =>
        (await Json.ReadAsync(await staff.PostAsJsonAsync("/api/matches", new { organisationId = organisation, mentorId }), HttpStatusCode.Created)).Text("id");

    /// <summary>A one-hour slot at <paramref name="hourLocal"/>:00 Vietnam time on the day.</summary>
    internal static async Task<string> SlotAsync(HttpClient mentor, string day, int hourLocal)
    {
        var body = new { startsAt = $"{day}T{hourLocal:00}:00", endsAt = $"{day}T{hourLocal + 1:00}:00", place = "Vườn ươm, Sở KH&CN" };
        return (await Json.ReadAsync(await mentor.PostAsJsonAsync("/api/mentors/me/slots", body), HttpStatusCode.Created)).Text("id");
    }

    private static Task<int> SlotCountAsync(SiteFactory site, string mentorId) => site.QueryAsync(db => db.Set<MentorSlot>().CountAsync(s => s.MentorId == mentorId));

    private static Task<int> TickAsync(SiteFactory site, DateTime nowUtc) => site.Services.GetRequiredService<BookingReminderService>().TickAsync(nowUtc);
}
