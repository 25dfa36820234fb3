using System.Net;
using System.Net.Http.Json;
using System.Text;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.OfficeHours;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.OfficeHours;

public sealed class OfficeHoursPagesTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_publish_book_log_and_rate_a_session_through_the_pages_and_sum_it_for_staff(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staffApi = await site.CreateUserAsync(Roles.Staff);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var organisation = await OfficeHoursApiTests.OrganisationAsync(applicant.Api);

        // A mentor whose name a spreadsheet would take for a formula.
        var (mentorEmail, mentorPassword) = await site.CreateAccountAsync(Roles.Mentor);
        using (var mentorApi = await site.CreateApiClientAsync(mentorEmail, mentorPassword))
        using (var saved = await mentorApi.PutAsJsonAsync("/api/mentors/me/profile", new { name = "=Cố vấn Trang", hoursPerMonth = 20 }))
        {
            await OfficeHoursApiTests.MatchAsync(staffApi, organisation, (await Json.ReadAsync(saved)).Text("mentorId"));
        }

        using var mentor = await site.CreateSignedInBrowserAsync(mentorEmail, mentorPassword);
        var day = OfficeHoursApiTests.Day(26);

        // A slot that ends before it starts is refused beside the field, and nothing is saved.
        var own = await Forms.GetAsync(mentor, "/mentor/office-hours");
        Assert.NotNull(own.QuerySelector("form#new-slot label[for='Slot_Date']"));
        var form = new Dictionary<string, string[]> { ["Slot.Date"] = [day], ["Slot.Start"] = ["10:00"], ["Slot.End"] = ["09:00"], ["Slot.Place"] = ["Phòng 3"] };
        using (var refused = await Forms.FillAndSubmitAsync(mentor, own, "form#new-slot", form))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(Texts.Vi("The end must be after the start."), (await Forms.ParseAsync(refused)).QuerySelector("#Slot_End-error")?.TextContent.Trim());
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Set<MentorSlot>().CountAsync(s => s.Place == "Phòng 3")));
        form["Slot.End"] = ["11:00"];
        using (var published = await Forms.FillAndSubmitAsync(mentor, own, "form#new-slot", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        own = await Forms.GetAsync(mentor, "/mentor/office-hours");
        Assert.Equal(Texts.Vi("The slot is published."), own.QuerySelector("[role=status]")?.TextContent.Trim());
        Assert.Contains($"{day[8..]}/{day[5..7]}/{day[..4]} 10:00", own.QuerySelector("#slots tbody th[scope=row]")?.TextContent, StringComparison.Ordinal);

        // The startup books it with a topic on its bookings page; a topic left empty is refused beside it.
        var url = $"/my/organisations/{organisation}/bookings";
        var mine = await Forms.GetAsync(applicant.Browser, url);
        var slotForm = "#free-slots li[data-slot] form";
        using (var empty = await Forms.FillAndSubmitAsync(applicant.Browser, mine, slotForm, new Dictionary<string, string[]> { ["topic"] = [" "] }))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Equal(Texts.Vi("Say what you want to talk about."), (await Forms.ParseAsync(empty)).QuerySelector("#free-slots .field-error")?.TextContent.Trim());
        }

        using (var booked = await Forms.FillAndSubmitAsync(applicant.Browser, mine, slotForm, new Dictionary<string, string[]> { ["topic"] = ["Mở rộng thị trường"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        }

        mine = await Forms.GetAsync(applicant.Browser, url);
        Assert.Equal(Texts.Vi("The session is booked; you and the mentor receive an invitation by e-mail."), mine.QuerySelector("[role=status]")?.TextContent.Trim());
        Assert.Equal("booked", mine.QuerySelector("#bookings li[data-booking]")?.GetAttribute("data-status"));
        Assert.Null(mine.QuerySelector("#free-slots li[data-slot]"));
        var bookingId = mine.QuerySelector("#bookings li[data-booking]")!.GetAttribute("data-booking")!;
        var starts = await site.QueryAsync(db => db.Set<MentorBooking>().Where(b => b.Id == bookingId).Select(b => b.StartsUtc).SingleAsync());

        // The booking is in the owner's personal data download.
        using (var download = await Forms.SubmitAsync(applicant.Browser, await Forms.GetAsync(applicant.Browser, "/account/personal-data"), "#download-form", []))
        {
            using var data = System.Text.Json.JsonDocument.Parse(await download.Content.ReadAsStringAsync());
            Assert.Equal([bookingId], data.RootElement.GetProperty("officeHours").GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        }

        // Another applicant has no such page.
        using (var stranger = await site.CreateBrowserUserAsync(Roles.Applicant))
        using (var hidden = await stranger.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (site.Clock.FreezeAt(DateTime.SpecifyKind(starts, DateTimeKind.Utc).AddHours(2)))
        {
            // The mentor logs it with a staff action item; the minutes are required.
            own = await Forms.GetAsync(mentor, "/mentor/office-hours");
            var log = $"#to-log form[data-booking='{bookingId}']";
            using (var bad = await Forms.FillAndSubmitAsync(mentor, own, log, new Dictionary<string, string[]> { ["Log.Minutes"] = ["0"] }))
            {
                Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
                Assert.Equal(Texts.Vi("Give the minutes the session took, from 1 to 600."), (await Forms.ParseAsync(bad)).QuerySelector($"{log} .field-error")?.TextContent.Trim());
            }

            using (var logged = await Forms.FillAndSubmitAsync(mentor, own, log, new Dictionary<string, string[]>
                   {
                       ["Log.Notes"] = ["Cần tìm nhà phân phối ở Hà Nội."], ["Log.Minutes"] = ["45"],
                       ["Log.Items[0].Title"] = ["Kết nối hội chợ"], ["Log.Items[0].DueOn"] = ["2027-01-15"], ["Log.Items[0].Owner"] = ["staff"],
                       ["Log.Items[1].Title"] = ["Làm bảng giá"], ["Log.Items[1].DueOn"] = ["2027-01-10"], ["Log.Items[1].Owner"] = ["startup"],
                   }))
            {
                Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
            }

            own = await Forms.GetAsync(mentor, "/mentor/office-hours");
            Assert.Null(own.QuerySelector($"#to-log form[data-booking='{bookingId}']"));
            Assert.Equal(1, await site.QueryAsync(db => db.Set<Incubator.Web.Features.FollowUps.FollowUpTask>().CountAsync(t => t.OrganisationId == organisation && t.Title == "Kết nối hội chợ")));

            // The startup rates it and ticks its action item.
            mine = await Forms.GetAsync(applicant.Browser, url);
            Assert.NotNull(mine.QuerySelector("#bookings form.rating fieldset legend"));
            using (var rated = await Forms.FillAndSubmitAsync(applicant.Browser, mine, "#bookings form.rating", new Dictionary<string, string[]> { ["stars"] = ["5"], ["comment"] = ["Rất thiết thực"] }))
            {
                Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
            }

            mine = await Forms.GetAsync(applicant.Browser, url);
            Assert.Equal(Texts.Vi("Thank you for your rating."), mine.QuerySelector("[role=status]")?.TextContent.Trim());
            Assert.Equal("Làm bảng giá", mine.QuerySelector("#action-items li")?.ChildNodes[0].TextContent.Trim());
            using (var ticked = await Forms.SubmitAsync(applicant.Browser, mine, "#action-items form", []))
            {
                Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
            }

            Assert.Equal(1, await site.QueryAsync(db => db.Set<SessionActionItem>().CountAsync(i => i.OrganisationId == organisation && i.DoneUtc != null)));
        }

        // The mentor sees their own figures; staff see every mentor, startup and cohort, and the CSV.
        own = await Forms.GetAsync(mentor, "/mentor/office-hours");
        Assert.Equal(Texts.Vi("Sessions held: {0}; hours: {1}; mean rating: {2} ({3} ratings).", 1, 0.8m, "5,0", 1), own.QuerySelector("#figures")?.TextContent.Trim());
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var hours = await Forms.GetAsync(staff, "/admin/mentoring/hours");
        var row = hours.QuerySelectorAll("#per-mentor tbody tr").Single(r => r.QuerySelector("th")?.TextContent.Trim() == "=Cố vấn Trang");
        Assert.Equal(["1", "0,8", "1", "5,0"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.NotNull(hours.QuerySelector($"#per-startup tbody tr[data-key='{organisation}']"));

        using var csv = await staff.GetAsync(new Uri("/admin/mentoring/hours?handler=Csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var group = Texts.Vi("Mentor").Contains(',', StringComparison.Ordinal) ? $"\"{Texts.Vi("Mentor")}\"" : Texts.Vi("Mentor");
        Assert.Contains($"{group},'=Cố vấn Trang,1,0.8,1,5.00\r\n", text, StringComparison.Ordinal);

        // Applicants and mentors do not reach the staff page.
        using (var denied = await mentor.GetAsync(new Uri("/admin/mentoring/hours", UriKind.Relative)))
        {
            Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        }
    }
}
