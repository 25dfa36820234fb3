using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.BrowserTests.Infrastructure;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.OfficeHours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Incubator.BrowserTests.Incubation;

/// <summary>
/// Issue 18's story, in Chromium and through the pages: staff make a cohort from a programme's approved applications;
/// the startup states its needs and requests the top suggested mentor; the mentor accepts and publishes office hours;
/// the startup books one (its e-mail carries an .ics invitation); the mentor logs the session with an action item; the
/// startup rates it and files a quarterly check-in; the targets page shows the new jobs. The programme, the approved
/// application and the mentor's details are set over the API or the database, as the other journeys set their scene.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class IncubationJourneyTests(BrowserFixture browser)
{
    private const string Password = "Journey-Password-1";

    [Fact]
    public async Task Should_carry_a_startup_from_its_cohort_through_mentoring_and_a_check_in_to_the_provinces_target_in_the_pages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var startupName = $"Dược liệu Nguyên Bình {suffix}";

        // The scene: a founder with a published startup, a programme that approved its application, a mentor.
        var founderEmail = await browser.CreateAccountAsync("Applicant", Password);
        string startupId;
        using (var founderApi = await browser.ApiClientAsync(founderEmail, Password))
        {
            using var created = await founderApi.PostAsJsonAsync("/api/organisations", new { kind = "startup", name = startupName, summary = "Trồng và chế biến dược liệu.", sectors = new[] { "medicinal-herbs" }, locality = "cao-bang" });
            created.EnsureSuccessStatusCode();
            startupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            (await founderApi.PostAsync(new Uri($"/api/organisations/{startupId}/submit", UriKind.Relative), null)).EnsureSuccessStatusCode();
        }

        var staff = await browser.PublishAsStaffAsync(startupId);
        var programmeKey = $"uom-tao-{suffix}";
        await CreateProgrammeAsync(programmeKey);
        await ApprovedApplicationAsync(programmeKey, startupId, startupName);
        var mentorEmail = await browser.CreateAccountAsync("Mentor", Password);
        var mentorName = $"TS. Lê Văn Sâm {suffix}";
        using (var mentorApi = await browser.ApiClientAsync(mentorEmail, Password))
        {
            (await mentorApi.PutAsJsonAsync("/api/mentors/me/profile", new
            {
                name = mentorName, expertise = new[] { "so-huu-tri-tue" }, sectors = new[] { "medicinal-herbs" }, hoursPerMonth = 8, acceptsRequests = true,
            })).EnsureSuccessStatusCode();
        }

        // 1. Staff make the cohort from the programme's approved applications, in the pages.
        var cohortKey = $"khoa-{suffix}";
        await staff.GotoAsync("/admin/cohorts/new");
        await Accessibility.AssertNoSeriousViolationsAsync(staff);
        await staff.FillAsync("#Form_Key", cohortKey);
        await staff.FillAsync("#Form_NameVi", $"Khoá ươm tạo {suffix}");
        await staff.FillAsync("#Form_StartsOn", "2026-01-01");
        await staff.FillAsync("#Form_EndsOn", "2027-12-31");
        await staff.SelectOptionAsync("#Form_ProgrammeKey", programmeKey);
        await staff.CheckAsync("input[name='Form.Cadence'][value='quarterly']");
        await staff.FillAsync("#Form_Milestones_0__Key", "mvp");
        await staff.FillAsync("#Form_Milestones_0__TitleVi", "Sản phẩm mẫu");
        await staff.FillAsync("#Form_Milestones_0__DueOn", "2027-03-31");
        await staff.ClickAsync("#create-cohort");
        await Expect(staff).ToHaveURLAsync($"{browser.Site.Address.ToString().TrimEnd('/')}/admin/cohorts/{cohortKey}");
        await staff.ClickAsync("#from-programme");
        await Expect(staff.Locator($"#grid tr[data-member='{startupId}']")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(staff);

        // 2. The founder, on a phone, states the startup's needs and requests the top suggested mentor.
        var founder = await browser.SignInAsync(founderEmail, Password, phone: true);
        await founder.GotoAsync($"/my/organisations/{startupId}");
        await Expect(founder.Locator("#owner-cohort")).ToContainTextAsync($"Khoá ươm tạo {suffix}");
        await founder.ClickAsync("#owner-mentors a");
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await founder.CheckAsync("form#needs input[name='Form.Needs'][value='so-huu-tri-tue']");
        await founder.ClickAsync("form#needs button[type=submit]");
        await Expect(founder.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("Your needs are saved; the suggestions follow them."));
        var top = founder.Locator("#suggestions li[data-mentor]").First;
        await Expect(top).ToContainTextAsync(mentorName);
        await Expect(top).ToContainTextAsync(string.Format(CultureInfo.InvariantCulture, browser.Text("expertise in {0}"), "Sở hữu trí tuệ"));
        await top.Locator("form button[type=submit]").ClickAsync();
        await Expect(founder.Locator("#matches .status")).ToHaveTextAsync(browser.Text("Waiting for the mentor"));

        // 3. The mentor accepts on their own page.
        var mentor = await browser.SignInAsync(mentorEmail, Password);
        await mentor.GotoAsync("/mentor");
        await Accessibility.AssertNoSeriousViolationsAsync(mentor);
        await mentor.ClickAsync("#requests form.accept button[type=submit]");
        await Expect(mentor.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("You accepted the request."));
        await Expect(mentor.Locator("#active li[data-match]")).ToContainTextAsync(startupName);

        // 4. The mentor publishes an hour of office hours, three days ahead, at the incubator.
        var day = DateOnly.FromDateTime(VietnamTime.ToLocal(DateTime.UtcNow)).AddDays(3);
        await mentor.GotoAsync("/mentor/office-hours");
        await Accessibility.AssertNoSeriousViolationsAsync(mentor);
        await mentor.FillAsync("#Slot_Date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await mentor.FillAsync("#Slot_Start", "09:00");
        await mentor.FillAsync("#Slot_End", "10:00");
        await mentor.FillAsync("#Slot_Place", "Phòng 204, Sở KH&CN Cao Bằng");
        await mentor.ClickAsync("#new-slot button[type=submit]");
        await Expect(mentor.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("The slot is published."));

        // 5. The founder books it from the startup's page; the e-mail carries the invitation.
        await founder.GotoAsync($"/my/organisations/{startupId}");
        await founder.ClickAsync("#owner-bookings a[href$='/bookings']");
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        var slot = founder.Locator("#free-slots li[data-slot]").Filter(new() { HasText = "Phòng 204" }).First;
        await slot.Locator("input[name=topic]").FillAsync("Bảo hộ nhãn hiệu dược liệu");
        await slot.Locator("button[type=submit]").ClickAsync();
        await Expect(founder.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("The session is booked; you and the mentor receive an invitation by e-mail."));
        var booking = await founder.Locator("#bookings li[data-booking]").First.GetAttributeAsync("data-booking");
        Assert.NotNull(booking);
        var invitation = await browser.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == founderEmail && e.Calendar != null).Select(e => e.Calendar!).FirstAsync());
        var calendar = Ical.Net.Calendar.Load(invitation)!;
        Assert.Equal("REQUEST", calendar.Method);
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal(day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), meeting.DtStart!.AsUtc); // 09:00 in Vietnam
        Assert.Contains("Phòng 204", meeting.Location, StringComparison.Ordinal);

        // 6. The hour passes (the test moves the booked hour into the past), and the mentor logs the session with an action item.
        await browser.QueryAsync(async db =>
        {
            var started = DateTime.UtcNow.AddHours(-2);
            var row = await db.Set<MentorBooking>().SingleAsync(b => b.Id == booking);
            (row.StartsUtc, row.EndsUtc) = (started, started.AddHours(1));
            var hour = await db.Set<MentorSlot>().SingleAsync(s => s.Id == row.SlotId);
            (hour.StartsUtc, hour.EndsUtc) = (started, started.AddHours(1));
            return await db.SaveChangesAsync();
        });
        await mentor.GotoAsync("/mentor/office-hours");
        var log = mentor.Locator($"#to-log form.session-log[data-booking='{booking}']");
        await log.Locator($"#notes-{booking}").FillAsync("Rà soát hồ sơ đăng ký nhãn hiệu; cần bổ sung mẫu nhãn.");
        await log.Locator($"#minutes-{booking}").FillAsync("60");
        await log.Locator($"#item-{booking}-0-title").FillAsync("Nộp đơn đăng ký nhãn hiệu tại Cục SHTT");
        await log.Locator($"#item-{booking}-0-due").FillAsync(day.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await log.Locator($"#item-{booking}-0-owner").SelectOptionAsync("startup");
        await Accessibility.AssertNoSeriousViolationsAsync(mentor);
        await log.Locator("button[type=submit]").ClickAsync();
        await Expect(mentor.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("The session is logged."));

        // 7. The founder sees the action item and rates the session.
        await founder.GotoAsync($"/my/organisations/{startupId}/bookings");
        await Expect(founder.Locator("#action-items")).ToContainTextAsync("Nộp đơn đăng ký nhãn hiệu tại Cục SHTT");
        var rating = founder.Locator($"#bookings li[data-booking='{booking}'] form.rating");
        await rating.Locator($"#stars-{booking}-5").CheckAsync();
        await rating.Locator($"#comment-{booking}").FillAsync("Rất thiết thực.");
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        await rating.Locator("button[type=submit]").ClickAsync();
        await Expect(founder.Locator("main [role=status]")).ToHaveTextAsync(browser.Text("Thank you for your rating."));

        // 8. A province target counts the jobs incubated startups create (set as a recipe sets it); the founder files the quarter's check-in.
        var targetKey = $"viec-lam-uom-tao-{suffix}";
        await SetTargetAsync(targetKey);
        await founder.GotoAsync("/targets");
        var before = await JobsAsync(founder, targetKey);
        await founder.GotoAsync($"/my/organisations/{startupId}");
        await founder.ClickAsync("#owner-checkins a");
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(DateTime.UtcNow));
        var quarter = $"{today.Year}-Q{((today.Month - 1) / 3) + 1}";
        var figures = new Dictionary<string, string>
        {
            ["#Form_Period"] = quarter, ["#Form_Revenue"] = "150000000", ["#Form_Exports"] = "0", ["#Form_Employees"] = "9", ["#Form_WomenEmployees"] = "5",
            ["#Form_NewJobs"] = "4", ["#Form_FundingGrant"] = "50000000", ["#Form_FundingEquity"] = "0", ["#Form_FundingLoan"] = "0", ["#Form_Customers"] = "120",
            ["#Form_ProductsLaunched"] = "1", ["#Form_IpFilings"] = "1", ["#Form_IpGranted"] = "0",
        };
        foreach (var (field, value) in figures)
        {
            await founder.FillAsync(field, value);
        }

        await founder.ClickAsync("#checkin-form button[type=submit]");
        await Expect(founder.Locator("main [role=status]")).ToHaveTextAsync(string.Format(CultureInfo.InvariantCulture, browser.Text("Your report for {0} is saved."), quarter));

        // 9. The targets page shows the new jobs.
        await founder.GotoAsync("/targets");
        Assert.Equal(before + 4, await JobsAsync(founder, targetKey));
        await Accessibility.AssertNoSeriousViolationsAsync(founder);
    }

    /// <summary>The number the targets page shows now for the target (its "Now" figure, e.g. "4 việc làm").</summary>
    private static async Task<int> JobsAsync(IPage page, string key)
    {
        var text = (await page.Locator($"li.target[data-key='{key}'] dd.actual").InnerTextAsync()).Trim();
        return int.Parse(text.Split(' ')[0].Replace(".", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>A target as a province recipe states it: new jobs in the year from incubated startups' check-ins.</summary>
    private async Task SetTargetAsync(string key)
    {
        var year = VietnamTime.ToLocal(DateTime.UtcNow).Year;
        var recipe = JsonSerializer.Serialize(new
        {
            name = "journey-targets",
            description = "A target on the check-ins' new jobs, for the incubation journey.",
            steps = new object[]
            {
                new
                {
                    name = "Targets",
                    targets = new[]
                    {
                        new
                        {
                            key,
                            title = new { vi = "Việc làm mới của doanh nghiệp được ươm tạo " + key, en = "New jobs of incubated startups " + key },
                            plan = "Kế hoạch minh hoạ",
                            baseline = 0,
                            target = new { min = 50 },
                            unit = new { vi = "việc làm", en = "jobs" },
                            startYear = year,
                            deadline = year,
                            indicator = new
                            {
                                measure = "sum", source = "checkins", field = "value",
                                filter = new { kinds = new[] { "newJobs" }, from = $"{year}-01-01", to = $"{year}-12-31" },
                            },
                        },
                    },
                },
            },
        });
        await browser.RunRecipeAsync(recipe); // a refused recipe throws
    }



    private async Task CreateProgrammeAsync(string key)
    {
        using var staffApi = await browser.ApiClientAsync(KestrelSite.AdminEmail, KestrelSite.AdminPassword);
        var created = await staffApi.PostAsJsonAsync("/api/programmes", new
        {
            key,
            name = new { vi = "Ươm tạo khởi nghiệp " + key, en = "Startup incubation " + key },
            legalBasis = "Kế hoạch 62/KH-UBND ngày 11/01/2024",
            supportType = "innovative-startup",
            eligibleKinds = new[] { "startup" },
            rounds = new[] { new { key = "2026-1", opensAt = DateTimeOffset.UtcNow.AddDays(-30), closesAt = DateTimeOffset.UtcNow.AddDays(30) } },
            budget = 2_000_000_000L,
            maxPerApplication = 300_000_000L,
            coFundingShare = 0.3m,
            form = new object[] { new { key = "summary", type = "longtext", label = new { vi = "Tóm tắt", en = "Summary" }, required = true } },
            rubric = new { passMark = 70, criteria = new[] { new { key = "novelty", label = new { vi = "Tính mới" }, maxPoints = 100 } } },
            workflow = "support-approval",
        });
        created.EnsureSuccessStatusCode();
    }

    /// <summary>The startup's application to the programme, funded: the end of issue 3's path, which its own journeys walk.</summary>
    private async Task ApprovedApplicationAsync(string programmeKey, string organisationId, string title)
    {
        using var scope = browser.Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
        var programme = await db.Programmes.FirstAsync(p => p.Latest && p.Slug == programmeKey);
        var owner = await db.Startups.Where(s => s.ContentItemId == organisationId).Select(s => s.OwnerId).FirstAsync();
        var now = DateTime.UtcNow;
        db.Add(new SupportApplication
        {
            Id = Guid.CreateVersion7().ToString("N"), ProgrammeId = programme.ContentItemId, RoundKey = "2026-1", OrganisationId = organisationId, OrganisationKind = Incubator.Web.Features.Directory.Startup.TypeName,
            OwnerId = owner ?? "nobody", Title = title, Status = ApplicationStatuses.Funded, CreatedUtc = now, UpdatedUtc = now, SubmittedUtc = now, DecidedUtc = now,
        });
        await db.SaveChangesAsync();
    }
}
