using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incubator.Core.Time;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.IntegrationTests.Mailings;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Cohorts;
using Incubator.Web.Features.Directory;
using Incubator.Web.Features.Pipeline;
using Incubator.Web.Features.Targets;
using Incubator.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Cohorts;

/// <summary>
/// Cohorts over the API: the rules a cohort and its curriculum must follow, members by hand and from a programme's
/// approved applicants, progress per milestone, graduating and leaving (which move the pipeline), and what other
/// features read from cohorts: the segment filter, the timeline and the targets' indicator.
/// </summary>
public sealed class CohortTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_cohort_that_breaks_a_rule_and_create_one_that_keeps_them(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var key = Key();

        using (var bad = await staff.PostAsJsonAsync("/api/cohorts", new
        {
            key = "Khoá 1",
            name = new { vi = "", en = "" },
            startsOn = "2026-03-01",
            endsOn = "2026-02-01",
            cadence = "weekly",
            programmeKey = "no-such-programme",
            milestones = new[]
            {
                new { key = "pitch", title = new { vi = "Gọi vốn", en = "Pitch" }, dueOn = "2026-02-01" },
                new { key = "pitch", title = new { vi = "", en = "" }, dueOn = "2026-04-01" },
            },
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await Json(bad)).GetProperty("errors");
            foreach (var field in new[] { "key", "name.vi", "endsOn", "cadence", "programmeKey", "milestones[0].dueOn", "milestones[1].key", "milestones[1].title.vi" })
            {
                Assert.True(errors.TryGetProperty(field, out _), field);
            }

            // The messages are in the caller's language (Vietnamese by default).
            Assert.Equal("Khoá ươm tạo phải kết thúc sau ngày bắt đầu.", errors.GetProperty("endsOn")[0].GetString());
        }

        Assert.False(await site.QueryAsync(db => db.Set<Cohort>().AnyAsync(c => c.NameVi == "")));
        using (var created = await CreateAsync(staff, key, null))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal($"/api/cohorts/{key}", created.Headers.Location?.OriginalString);
        }

        using (var again = await CreateAsync(staff, key, null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.True((await Json(again)).GetProperty("errors").TryGetProperty("key", out _));
        }

        var cohort = await Json(await staff.GetAsync($"/api/cohorts/{key}"));
        Assert.Equal("Khoá ươm tạo 1", cohort.GetProperty("name").GetProperty("vi").GetString());
        Assert.Equal("quarterly", cohort.GetProperty("cadence").GetString());
        Assert.Equal(["lean-canvas", "mvp"], cohort.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("key").GetString()!).ToArray());
        Assert.Equal("2026-04-30", cohort.GetProperty("milestones")[1].GetProperty("dueOn").GetString());

        // The API is in the OpenAPI document.
        using (var openApi = await staff.GetAsync("/openapi/v1.json"))
        {
            var paths = (await Json(openApi)).GetProperty("paths");
            foreach (var (path, method) in new[]
                     {
                         ("/api/cohorts", "post"), ("/api/cohorts/{key}", "get"), ("/api/cohorts/{key}/members", "post"), ("/api/cohorts/{key}/members/from-programme", "post"),
                         ("/api/cohorts/{key}/members/{organisationId}/milestones/{milestoneKey}", "put"), ("/api/cohorts/{key}/members/{organisationId}/graduate", "post"),
                         ("/api/cohorts/{key}/members/{organisationId}/leave", "post"),
                     })
            {
                Assert.True(paths.TryGetProperty(path, out var operations) && operations.TryGetProperty(method, out _), $"{method} {path} is not documented");
            }
        }

        using (var missing = await staff.GetAsync("/api/cohorts/no-such-cohort"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var (applicant, _, _) = await site.CreateApplicantAsync();
        using (applicant)
        {
            using var refused = await applicant.GetAsync($"/api/cohorts/{key}");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var notCreated = await CreateAsync(applicant, Key(), null);
            Assert.Equal(HttpStatusCode.Forbidden, notCreated.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_track_members_milestones_and_move_the_pipeline_when_members_join_graduate_or_leave(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var key = Key();
        (await CreateAsync(staff, key, null)).Dispose();
        var a = await MailingTests.OrganisationAsync(site, new Startup { Title = "Nông sản Xanh" }, null);
        var b = await MailingTests.OrganisationAsync(site, new Startup { Title = "Trà Cao Bằng" }, "lead");

        using (var unknown = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = "0123456789abcdef0123456789abcdef" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.True((await Json(unknown)).GetProperty("errors").TryGetProperty("organisationId", out _));
        }

        using (var noCohort = await staff.PostAsJsonAsync("/api/cohorts/no-such-cohort/members", new { organisationId = a }))
        {
            Assert.Equal(HttpStatusCode.NotFound, noCohort.StatusCode);
        }

        foreach (var id in new[] { a, b })
        {
            using var added = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = id });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using (var twice = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = a }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        Assert.Equal("incubating", await StageAsync(site, a));
        Assert.Equal("incubating", await StageAsync(site, b));

        // Progress: waived needs a reason; an unknown status or milestone is refused.
        using (var noReason = await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{a}/milestones/mvp", new { status = "waived" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await Json(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        }

        using (var badStatus = await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{a}/milestones/mvp", new { status = "finished" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        }

        using (var noMilestone = await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{a}/milestones/nope", new { status = "done" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, noMilestone.StatusCode);
        }

        using (var done = await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{a}/milestones/lean-canvas", new { status = "done", evidence = "Bản lean canvas đã nộp" }))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        using (var waived = await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{a}/milestones/mvp", new { status = "waived", reason = "Đã có sản phẩm" }))
        {
            Assert.Equal(HttpStatusCode.OK, waived.StatusCode);
        }

        var grid = await Json(await staff.GetAsync($"/api/cohorts/{key}"));
        var member = grid.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("organisationId").GetString() == a);
        Assert.Equal("Nông sản Xanh", member.GetProperty("name").GetString());
        Assert.Equal(["done", "waived"], member.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("status").GetString()!).ToArray());
        Assert.Equal("Đã có sản phẩm", member.GetProperty("milestones")[1].GetProperty("reason").GetString());
        var joined = DateOnly.Parse(member.GetProperty("joinedOn").GetString()!, CultureInfo.InvariantCulture);
        var on = joined.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Graduating and leaving: dates and reasons checked, the pipeline moved, a second end refused.
        using (var early = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members/{a}/graduate", new { on = joined.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.True((await Json(early)).GetProperty("errors").TryGetProperty("on", out _));
        }

        using (var graduated = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members/{a}/graduate", new { on }))
        {
            Assert.Equal(HttpStatusCode.OK, graduated.StatusCode);
            Assert.Equal("graduated", (await Json(graduated)).GetProperty("status").GetString());
        }

        using (var againGraduated = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members/{a}/leave", new { on, reason = "x" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, againGraduated.StatusCode);
        }

        using (var noReason = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members/{b}/leave", new { on }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        using (var left = await staff.PostAsJsonAsync($"/api/cohorts/{key}/members/{b}/leave", new { on, reason = "Dừng hoạt động" }))
        {
            Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        }

        Assert.Equal("graduated", await StageAsync(site, a));
        Assert.Equal("stopped", await StageAsync(site, b));

        // The timeline shows the organisation joining, its milestones and its graduation, newest first.
        using (var scope = site.Services.CreateScope())
        {
            var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = Incubator.Web.Infrastructure.JsonStringLocalizerFactory.Vietnamese;
            try
            {
                var entries = await scope.ServiceProvider.GetRequiredService<TimelineReader>().ReadAsync(
                    new TimelineSubject(TimelineSubjectKind.Organisation, a), new TimelineViewer("staff", IsStaff: true, IsOwner: false),
                    new TimelineWindow(new HashSet<string> { CohortTimelineSource.Kind }, null, 10), default);
                var titles = entries.Select(e => e.Title).ToList();
                Assert.Equal(4, titles.Count);
                Assert.Equal("Tốt nghiệp khoá ươm tạo \"Khoá ươm tạo 1\"", titles[0]);
                Assert.Contains("Hoàn thành mốc: Lean canvas", titles);
                Assert.Contains("Được miễn mốc: Sản phẩm mẫu", titles);
                Assert.Equal("Tham gia khoá ươm tạo \"Khoá ươm tạo 1\"", titles[^1]);
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
            }

            // The indicator counts members, and graduates by status.
            var source = scope.ServiceProvider.GetServices<IIndicatorSource>().Single(s => s.Name == "cohortMembers");
            var rows = (await source.RowsAsync(default)).Where(r => r.Kind == key).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal([a], rows.Where(r => r.Status == "graduated").Select(r => r.Organisation));
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_add_the_programmes_approved_applicants_once_and_serve_the_segment_filter(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var programme = await SupportApplications.CreateProgrammeAsync(staff);
        var key = Key();
        (await CreateAsync(staff, key, programme.Key)).Dispose();
        var funded = await MailingTests.OrganisationAsync(site, new Startup(), null);
        var closed = await MailingTests.OrganisationAsync(site, new Startup(), null);
        var rejected = await MailingTests.OrganisationAsync(site, new Startup(), null);
        await ApplicationAsync(site, programme.Id, funded, ApplicationStatuses.Funded, decided: true);
        await ApplicationAsync(site, programme.Id, closed, ApplicationStatuses.Closed, decided: true);
        await ApplicationAsync(site, programme.Id, rejected, ApplicationStatuses.Rejected, decided: true);

        using (var first = await staff.PostAsync($"/api/cohorts/{key}/members/from-programme", null))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(2, (await Json(first)).GetProperty("added").GetInt32());
        }

        using (var second = await staff.PostAsync($"/api/cohorts/{key}/members/from-programme", null))
        {
            Assert.Equal(0, (await Json(second)).GetProperty("added").GetInt32());
        }

        var members = await site.QueryAsync(db => db.Set<CohortMember>().Where(m => db.Set<Cohort>().Any(c => c.Key == key && c.Id == m.CohortId)).Select(m => m.OrganisationId).ToListAsync());
        Assert.Equal(new[] { funded, closed }.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
        Assert.Equal("incubating", await StageAsync(site, funded));

        var noProgramme = Key();
        (await CreateAsync(staff, noProgramme, null)).Dispose();
        using (var refused = await staff.PostAsync($"/api/cohorts/{noProgramme}/members/from-programme", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        // A segment by cohort takes the members' people; an unknown cohort is refused beside the field.
        var tag = MailingTests.Tag();
        var inCohort = await MailingTests.PersonAsync(site, "Nguyễn An", funded, tag, consent: true);
        await MailingTests.PersonAsync(site, "Trần Bình", rejected, tag, consent: true);
        using (var segment = await staff.PostAsJsonAsync("/api/segments", new { name = "Khoá", filter = new { cohort = key, tags = new[] { tag } } }))
        {
            Assert.Equal(HttpStatusCode.Created, segment.StatusCode);
            var id = (await Json(segment)).GetProperty("id").GetString();
            var people = await Json(await staff.GetAsync($"/api/segments/{id}/members"));
            Assert.Equal([inCohort], people.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("personId").GetString()!));
        }

        using (var unknown = await staff.PostAsJsonAsync("/api/segments", new { name = "Khoá", filter = new { cohort = "no-such-cohort" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal("Không có khoá ươm tạo này.", (await Json(unknown)).GetProperty("errors").GetProperty("filter.cohort")[0].GetString());
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_remind_the_owner_and_the_lead_once_of_an_overdue_milestone_when_two_hosts_tick_together(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync(Roles.Staff);
        var (applicant, ownerEmail, _) = await site.CreateApplicantAsync();
        applicant.Dispose();
        var ownerId = await site.QueryAsync(db => db.Users.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync());
        var leadId = await site.QueryAsync(db => db.Users.Where(u => u.Email == SiteFactory.AdminEmail).Select(u => u.Id).SingleAsync());
        var organisation = await MailingTests.OrganisationAsync(site, new Startup { Title = "Mật ong Bảo Lạc", OwnerId = ownerId }, null);

        // Far enough ahead that the hosts' own background ticks, on the real clock, never reach it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = today.AddDays(400);
        var key = Key();
        using (var created = await staff.PostAsJsonAsync("/api/cohorts", new
        {
            key,
            name = new { vi = "Khoá nhắc", en = "Reminders" },
            startsOn = Iso(today),
            endsOn = Iso(today.AddDays(800)),
            cadence = "monthly",
            leadUserId = leadId,
            milestones = new[]
            {
                new { key = "plan", title = new { vi = "Kế hoạch kinh doanh", en = "Business plan" }, dueOn = Iso(due) },
                new { key = "pitch", title = new { vi = "Thuyết trình", en = "Pitch" }, dueOn = Iso(due) },
            },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        (await staff.PostAsJsonAsync($"/api/cohorts/{key}/members", new { organisationId = organisation })).Dispose();
        (await staff.PutAsJsonAsync($"/api/cohorts/{key}/members/{organisation}/milestones/pitch", new { status = "done", evidence = "Video" })).Dispose();
        using var second = new SiteFactory(site);
        _ = second.Server;

        // On the due day nothing; the next day, 08:00 in Vietnam, and a week later: one reminder, to each of the two.
        var dueDay = TimeZoneInfo.ConvertTimeToUtc(due.ToDateTime(new TimeOnly(8, 0)), VietnamTime.Zone);
        foreach (var now in new[] { dueDay, dueDay.AddDays(1), dueDay.AddDays(1).AddHours(3), dueDay.AddDays(7) })
        {
            await Task.WhenAll(TickAsync(site, now), TickAsync(second, now), TickAsync(site, now), TickAsync(second, now));
        }

        var member = await site.QueryAsync(db => db.Set<CohortMember>().Where(m => m.OrganisationId == organisation).Select(m => m.Id).SingleAsync());
        Assert.Equal(["plan"], await site.QueryAsync(db => db.Set<CohortReminder>().Where(r => r.MemberId == member).Select(r => r.MilestoneKey).ToListAsync()));
        var notices = await site.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.ItemId == $"{member}:plan").Select(n => new { n.UserId, n.Template, n.Link }).ToListAsync());
        Assert.Equal(new[] { ownerId, leadId }.Order(StringComparer.Ordinal), notices.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.Equal(CohortReminderService.Template, n.Template));
        Assert.Equal($"/admin/cohorts/{key}/members/{organisation}", notices.Single(n => n.UserId == leadId).Link);
        var emails = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.HtmlBody.Contains("Kế hoạch kinh doanh — Mật ong Bảo Lạc")).Select(e => e.To).ToListAsync());
        Assert.Equal(new[] { ownerEmail, SiteFactory.AdminEmail }.Order(StringComparer.OrdinalIgnoreCase), emails.Order(StringComparer.OrdinalIgnoreCase));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<int> TickAsync(SiteFactory site, DateTime nowUtc) => site.Services.GetRequiredService<CohortReminderService>().TickAsync(nowUtc);

    private static string Key() => $"k-{Guid.NewGuid():N}"[..14];

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string key, string? programmeKey) => client.PostAsJsonAsync("/api/cohorts", new
    {
        key,
        name = new { vi = "Khoá ươm tạo 1", en = "Cohort 1" },
        startsOn = "2026-01-01",
        endsOn = "2035-12-31",
        programmeKey,
        cadence = "quarterly",
        milestones = new[]
        {
            new { key = "lean-canvas", title = new { vi = "Lean canvas", en = "Lean canvas" }, dueOn = "2026-02-28" },
            new { key = "mvp", title = new { vi = "Sản phẩm mẫu", en = "Minimum viable product" }, dueOn = "2026-04-30" },
        },
    });

    private static Task<string?> StageAsync(SiteFactory site, string organisationId) =>
        site.QueryAsync(db => db.Set<OrganisationStage>().Where(s => s.OrganisationId == organisationId).Select(s => (string?)s.Stage).SingleOrDefaultAsync());

    private static Task<int> ApplicationAsync(SiteFactory site, string programmeId, string organisationId, string status, bool decided) => site.QueryAsync(db =>
    {
        var now = DateTime.UtcNow;
        db.Add(new SupportApplication
        {
            Id = Guid.CreateVersion7().ToString("N"), ProgrammeId = programmeId, RoundKey = "r1", OrganisationId = organisationId, OrganisationKind = Startup.TypeName,
            OwnerId = "nobody", Title = "Hồ sơ", Status = status, CreatedUtc = now, UpdatedUtc = now, SubmittedUtc = now, DecidedUtc = decided ? now : null,
        });
        return db.SaveChangesAsync();
    });

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
