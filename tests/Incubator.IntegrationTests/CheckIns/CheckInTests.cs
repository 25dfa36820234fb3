using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Mailings;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.CheckIns;
using Incubator.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.CheckIns;

/// <summary>
/// Check-ins over the API: each validation rule, one per period (a second is an update, two at once give one row),
/// who may file and read them, and the cadence of the organisation's cohort.
/// </summary>
public sealed class CheckInTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_then_update_a_periods_check_in_and_refuse_each_bad_value_beside_its_field(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (owner, organisation) = await OwnedAsync(site);
        using var ownerClient = owner;
        var path = $"/api/organisations/{organisation}/checkins";

        using (var bad = await owner.PostAsJsonAsync(path, Body("2025-13", revenue: -1, employees: 3, women: 4, newJobs: null, comment: new string('x', 2001), grant: CheckInRules.MaxMoney + 1)))
        {
            var problem = await Json.ReadAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal([Texts.Vi("Enter the period as YYYY-MM (a month) or YYYY-Qn (a quarter).")], problem.Errors("period"));
            Assert.Equal([Texts.Vi("Cannot be negative.")], problem.Errors("revenue"));
            Assert.Equal([Texts.Vi("Cannot be more than the employees.")], problem.Errors("womenEmployees"));
            Assert.Equal([Texts.Vi("Enter a number.")], problem.Errors("newJobs"));
            Assert.Equal([Texts.Vi("At most {0} characters.", 2000)], problem.Errors("comment"));
            Assert.Single(problem.Errors("fundingRaised.grant"));
            Assert.Empty(problem.Errors("employees"));
        }

        var next = DateTime.UtcNow.AddMonths(2);
        using (var future = await owner.PostAsJsonAsync(path, Body(string.Create(CultureInfo.InvariantCulture, $"{next:yyyy-MM}"))))
        {
            Assert.Equal([Texts.Vi("This period has not started yet.")], (await Json.ReadAsync(future, HttpStatusCode.BadRequest)).Errors("period"));
        }

        // A fraction where a whole number belongs is refused by name, not a 500.
        using (var fraction = await owner.PostAsync(path, new StringContent("""{"period":"2025-11","newJobs":2.5}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal([Texts.Vi("Expected a whole number here.")], (await Json.ReadAsync(fraction, HttpStatusCode.BadRequest)).Errors("newJobs"));
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Set<CheckIn>().CountAsync(c => c.OrganisationId == organisation)));

        using (var created = await owner.PostAsJsonAsync(path, Body("2025-11", revenue: 150_000_000, employees: 5, women: 2, newJobs: 2, comment: "  Tháng tốt  ")))
        {
            var body = await Json.ReadAsync(created, HttpStatusCode.Created);
            Assert.Equal("2025-11", body.Text("period"));
            Assert.Equal(150_000_000, body.GetProperty("revenue").GetInt64());
            Assert.Equal(1_000_000, body.GetProperty("fundingRaised").GetProperty("equity").GetInt64());
            Assert.Equal("Tháng tốt", body.Text("comment"));
        }

        using (var updated = await owner.PostAsJsonAsync(path, Body("2025-11", revenue: 160_000_000, employees: 6, women: 3, newJobs: 3)))
        {
            Assert.Equal(160_000_000, (await Json.ReadAsync(updated)).GetProperty("revenue").GetInt64());
        }

        (await owner.PostAsJsonAsync(path, Body("2025-q3", revenue: 90_000_000))).Dispose();
        var list = await Json.GetAsync(owner, path);
        Assert.Equal(["2025-Q3", "2025-11"], list.EnumerateArray().Select(c => c.Text("period")));
        Assert.Equal(6, list[1].GetProperty("employees").GetInt32());

        // The API is in the OpenAPI document.
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var paths = (await Json.GetAsync(staff, "/openapi/v1.json")).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/organisations/{id}/checkins", out var operations) && operations.TryGetProperty("post", out _) && operations.TryGetProperty("get", out _));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_only_the_owner_and_staff_file_and_read_an_organisations_check_ins(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (owner, organisation) = await OwnedAsync(site);
        var (other, _) = await OwnedAsync(site);
        using var staff = await site.CreateUserAsync(Roles.Staff);
        using var anonymous = site.CreateClient();
        var path = $"/api/organisations/{organisation}/checkins";
        using (owner)
        using (other)
        {
            using (var byStaff = await staff.PostAsJsonAsync(path, Body("2025-10")))
            {
                Assert.Equal(HttpStatusCode.Created, byStaff.StatusCode);
            }

            Assert.Single((await Json.GetAsync(owner, path)).EnumerateArray());
            await Json.GetAsync(other, path, HttpStatusCode.NotFound);
            using (var refused = await other.PostAsJsonAsync(path, Body("2025-09")))
            {
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            }

            await Json.GetAsync(staff, "/api/organisations/0123456789abcdef0123456789abcdef/checkins", HttpStatusCode.NotFound);
            using var unsigned = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        Assert.Equal(["2025-10"], await site.QueryAsync(db => db.Set<CheckIn>().Where(c => c.OrganisationId == organisation).Select(c => c.Period).ToListAsync()));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_one_row_when_posts_for_one_period_race(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (owner, organisation) = await OwnedAsync(site);
        using var ownerClient = owner;
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => owner.PostAsJsonAsync($"/api/organisations/{organisation}/checkins", Body("2025-08", revenue: i))));
        try
        {
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        }
        finally
        {
            foreach (var r in responses)
            {
                r.Dispose();
            }
        }

        Assert.Equal(1, await site.QueryAsync(db => db.Set<CheckIn>().CountAsync(c => c.OrganisationId == organisation)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_ask_for_the_period_of_the_cohorts_cadence(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (owner, organisation) = await OwnedAsync(site);
        using var ownerClient = owner;
        using var staff = await site.CreateUserAsync(Roles.Staff);
        await JoinAsync(staff, organisation, "monthly");
        var path = $"/api/organisations/{organisation}/checkins";
        using (var quarter = await owner.PostAsJsonAsync(path, Body("2025-Q4")))
        {
            Assert.Equal([Texts.Vi("Your cohort reports monthly: enter the period as YYYY-MM.")], (await Json.ReadAsync(quarter, HttpStatusCode.BadRequest)).Errors("period"));
        }

        using (var month = await owner.PostAsJsonAsync(path, Body("2025-12")))
        {
            Assert.Equal(HttpStatusCode.Created, month.StatusCode);
        }

        var (quarterly, other) = await OwnedAsync(site);
        using (quarterly)
        {
            await JoinAsync(staff, other, "quarterly");
            using var monthly = await quarterly.PostAsJsonAsync($"/api/organisations/{other}/checkins", Body("2025-12"));
            Assert.Equal([Texts.Vi("Your cohort reports quarterly: enter the period as YYYY-Qn.")], (await Json.ReadAsync(monthly, HttpStatusCode.BadRequest)).Errors("period"));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_remind_the_owner_once_of_a_late_report_when_two_hosts_tick_together(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (late, organisation) = await OwnedAsync(site, "Miến dong Nguyên Bình");
        var (onTime, filed) = await OwnedAsync(site);
        late.Dispose();
        var ownerEmail = await site.QueryAsync(db => db.Users.Where(u => db.Startups.Any(s => s.ContentItemId == organisation && s.OwnerId == u.Id)).Select(u => u.Email!).SingleAsync());
        await JoinAsync(staff, organisation, "quarterly");
        await JoinAsync(staff, filed, "quarterly");

        // Both joined today, so the hosts' own ticks on the real clock never find them late: the quarter they joined in is not due yet.
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(DateTime.UtcNow));
        var quarter = CheckInPeriod.Containing(today, "quarterly");
        using (onTime)
        using (var report = await onTime.PostAsJsonAsync($"/api/organisations/{filed}/checkins", Body(quarter.ToString())))
        {
            await Json.ReadAsync(report, HttpStatusCode.Created);
        }

        using var second = new SiteFactory(site);
        _ = second.Server;

        // Ten days of grace: on the tenth day after the quarter nothing; from the eleventh, once.
        DateTime At(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(8, 0)), VietnamTime.Zone);
        foreach (var day in new[] { quarter.End.AddDays(10), quarter.End.AddDays(11), quarter.End.AddDays(12), quarter.End.AddDays(40) })
        {
            await Task.WhenAll(TickAsync(site, At(day)), TickAsync(second, At(day)), TickAsync(site, At(day)), TickAsync(second, At(day)));
            if (day == quarter.End.AddDays(10))
            {
                Assert.False(await site.QueryAsync(db => db.Set<CheckInReminder>().AnyAsync(r => r.OrganisationId == organisation)));
            }
        }

        Assert.Equal([quarter.ToString()], await site.QueryAsync(db => db.Set<CheckInReminder>().Where(r => r.OrganisationId == organisation).Select(r => r.Period).ToListAsync()));
        Assert.False(await site.QueryAsync(db => db.Set<CheckInReminder>().AnyAsync(r => r.OrganisationId == filed)));
        var notice = await site.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.ItemId == $"{organisation}:{quarter}").Select(n => new { n.Template, n.Link }).SingleAsync());
        Assert.Equal(CheckInReminderService.Template, notice.Template);
        Assert.Equal($"/my/organisations/{organisation}/checkins", notice.Link);
        var texts = site.Services.GetServices<Incubator.Web.Features.Notifications.INotificationTexts>()
            .Select(t => t.Render(site.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>().Create(typeof(CheckInTests)), CheckInReminderService.Template, "2026-Q3 — X"))
            .Single(t => t is not null);
        Assert.Contains("2026-Q3 — X", texts!.Value.Body, StringComparison.Ordinal);
        var emails = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == ownerEmail && e.HtmlBody.Contains("Miến dong Nguyên Bình")).Select(e => e.HtmlBody).ToListAsync());
        Assert.Contains($"/my/organisations/{organisation}/checkins", Assert.Single(emails), StringComparison.Ordinal);
    }

    private static Task<int> TickAsync(SiteFactory site, DateTime nowUtc) => site.Services.GetRequiredService<CheckInReminderService>().TickAsync(nowUtc);

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_move_the_targets_when_a_check_in_arrives_and_show_it_on_the_timeline(DatabaseProvider provider)
    {
        var site = sites[provider];
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (jobs, revenue) = ($"t-jobs-{suffix}", $"t-revenue-{suffix}");
        var recipe = JsonSerializer.Serialize(new
        {
            name = "checkin-targets",
            description = "Targets computed from check-ins.",
            steps = new object[]
            {
                new
                {
                    name = "Targets",
                    targets = new object[]
                    {
                        Target(jobs, new { measure = "sum", source = "checkins", field = "value", filter = new { kinds = new[] { "newJobs" }, from = "2024-01-01", to = "2024-12-31" } }),
                        Target(revenue, new { measure = "sum", source = "checkins", field = "value", filter = new { kinds = new[] { "revenue" }, statuses = new[] { "latest" } } }),
                    },
                },
            },
        });
        Assert.Equal(2, (await site.RunRecipeAsync(recipe)).Changed);
        var (owner, organisation) = await OwnedAsync(site, "Gạo nếp Pì Pất");
        using var ownerClient = owner;
        var path = $"/api/organisations/{organisation}/checkins";
        var before = await ActualsAsync(site, jobs, revenue);

        (await owner.PostAsJsonAsync(path, Body("2024-05", revenue: 100, newJobs: 7))).Dispose();
        Assert.Equal((before.Jobs + 7, before.Revenue + 100), await ActualsAsync(site, jobs, revenue));

        // A second report of the period replaces its figures; a later period's revenue is the organisation's latest, a 2025 job is not a 2024 one.
        (await owner.PostAsJsonAsync(path, Body("2024-05", revenue: 100, newJobs: 9))).Dispose();
        (await owner.PostAsJsonAsync(path, Body("2025-01", revenue: 300, newJobs: 4))).Dispose();
        Assert.Equal((before.Jobs + 9, before.Revenue + 300), await ActualsAsync(site, jobs, revenue));

        var timeline = await Json.GetAsync(owner, $"/api/organisations/{organisation}/timeline?kind=checkin");
        Assert.Equal([Texts.Vi("Progress report for {0}", "2025-01"), Texts.Vi("Progress report for {0}", "2024-05")], timeline.EnumerateArray().Select(e => e.Text("title")));
    }

    private static object Target(string key, object indicator) => new
    {
        key,
        title = new { vi = "Chỉ tiêu báo cáo", en = "Check-in target" },
        plan = "Kế hoạch thử",
        baseline = 0,
        target = new { min = 1_000_000 },
        unit = new { vi = "đơn vị", en = "units" },
        startYear = 2024,
        deadline = 2030,
        indicator,
    };

    private static async Task<(decimal Jobs, decimal Revenue)> ActualsAsync(SiteFactory site, string jobs, string revenue)
    {
        using var anonymous = site.CreateClient();
        var targets = (await Json.GetAsync(anonymous, "/api/targets")).EnumerateArray().ToList();
        decimal Actual(string key) => targets.Single(t => t.Text("key") == key).GetProperty("actual").GetDecimal();
        return (Actual(jobs), Actual(revenue));
    }

    /// <summary>A new applicant (bearer client) who owns a new startup.</summary>
    internal static async Task<(HttpClient Owner, string OrganisationId)> OwnedAsync(SiteFactory site, string? title = null)
    {
        var (client, email, _) = await site.CreateApplicantAsync();
        var ownerId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var organisation = await MailingTests.OrganisationAsync(site, new Startup { Title = title ?? string.Empty, OwnerId = ownerId }, null);
        return (client, organisation);
    }

    /// <summary>Makes a cohort of <paramref name="cadence"/> with the organisation as its member; returns its key.</summary>
    internal static async Task<string> JoinAsync(HttpClient staff, string organisation, string cadence)
    {
        var key = $"c-{Guid.NewGuid():N}"[..14];
        using (var created = await staff.PostAsJsonAsync("/api/cohorts", new
        {
            key,
            name = new { vi = "Khoá báo cáo", en = "Reporting cohort" },
            startsOn = "2025-01-01",
            endsOn = "2035-12-31",
            cadence,
            milestones = Array.Empty<object>(),
        }))
        {
            await Json.ReadAsync(created, HttpStatusCode.Created);
        }

        using var added = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = organisation });
        await Json.ReadAsync(added, HttpStatusCode.Created);
        return key;
    }

    internal static object Body(string period, long? revenue = 100_000_000, long? employees = 4, long? women = 2, long? newJobs = 1, string? comment = null, long? grant = 0) => new
    {
        period,
        revenue,
        employees,
        womenEmployees = women,
        newJobs,
        fundingRaised = new { grant, equity = 1_000_000L, loan = 0L },
        customers = 10,
        productsLaunched = 1,
        ipFilings = 0,
        ipGranted = 0,
        exports = 0,
        comment,
    };
}
