using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.BrowserTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
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
        var founder = await SignInOnPhoneAsync(founderEmail);
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

        // JOURNEY-NEXT: slots, booking with .ics, session log, rating, check-in, targets.
    }

    private async Task<IPage> SignInOnPhoneAsync(string email)
    {
        var context = await browser.NewContextAsync(width: Accessibility.PhoneWidth, height: 800);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main form[method=post] button[type=submit]");
        await Expect(page.Locator("header form[action='/account/logout']").First).ToBeAttachedAsync();
        return page;
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
