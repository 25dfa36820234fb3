using System.Net;
using System.Text.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

public sealed class PersonalDataTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_download_the_own_organisations_and_applications_without_secrets_when_the_person_asks_for_their_data(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await SupportApplications.CreateProgrammeAsync(site);
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        using var other = await site.CreateApplicantWithBrowserAsync();
        var mine = await Organisations.OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Mật ong bạc hà {Guid.NewGuid():N}");
        var application = await SupportApplications.CreateApplicationAsync(applicant.Api, programmeId, mine);
        var theirs = await Organisations.OrganisationApiTests.CreateAsync(other.Api, "startup", $"Hạt dẻ Trùng Khánh {Guid.NewGuid():N}");
        var theirApplication = await SupportApplications.CreateApplicationAsync(other.Api, programmeId, theirs);

        var page = await Forms.GetAsync(applicant.Browser, "/account/personal-data");
        using var download = await Forms.SubmitAsync(applicant.Browser, page, "#download-form", []);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("personal-data.json", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var text = await download.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(applicant.Email, root.GetProperty("account").GetProperty("email").GetString());
        var roles = await site.QueryAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id join u in db.Users on ur.UserId equals u.Id where u.Email == applicant.Email select r.Name).ToListAsync());
        Assert.Equal(roles, root.GetProperty("account").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(root.GetProperty("account").GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal([mine], root.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.StartsWith("Mật ong bạc hà", root.GetProperty("organisations")[0].GetProperty("versions")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal([application], root.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("draft", root.GetProperty("applications")[0].GetProperty("status").GetString());
        Assert.DoesNotContain(theirs, text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirApplication, text, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Email, text, StringComparison.Ordinal);

        var user = await site.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == applicant.Email));
        Assert.DoesNotContain(user.PasswordHash!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.SecurityStamp!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(await site.QueryAsync(db => db.SecurityEvents.AnyAsync(e => e.UserId == user.Id && e.Kind == SecurityEventKinds.PersonalDataDownloaded)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_a_wrong_password_and_let_the_person_cancel_when_they_ask_for_deletion(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var userId = await site.QueryAsync(db => db.Users.Where(u => u.Email == applicant.Email).Select(u => u.Id).SingleAsync());

        var page = await Forms.GetAsync(applicant.Browser, "/account/personal-data");
        using (var wrong = await Forms.SubmitAsync(applicant.Browser, page, "#delete-form", [new("Password", "not-it-1")]))
        {
            var refused = await Forms.ParseAsync(wrong);
            Assert.Equal(Texts.Vi("The current password is not right."), refused.QuerySelector("#delete-form ~ p.notice, p.notice[role=alert]")?.TextContent.Trim());
        }

        Assert.Equal(0, await site.QueryAsync(db => db.Set<DeletionRequest>().CountAsync(r => r.UserId == userId)));
        page = await RequestDeletionAsync(applicant);
        Assert.NotNull(page.QuerySelector("#deletion-pending"));
        Assert.Null(page.QuerySelector("#delete-form"));

        using (var cancelled = await Forms.SubmitAsync(applicant.Browser, page, "#cancel-form", []))
        {
            Assert.Equal("/account/personal-data", Forms.Location(cancelled));
        }

        page = await Forms.GetAsync(applicant.Browser, "/account/personal-data");
        Assert.Equal(Texts.Vi("Your request was cancelled; your account stays."), page.QuerySelector("p.success[role=status]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#delete-form"));
        var statuses = await site.QueryAsync(db => db.Set<DeletionRequest>().Where(r => r.UserId == userId).Select(r => r.Status).ToListAsync());
        Assert.Equal([DeletionStatuses.Cancelled], statuses);
        Assert.True(await site.QueryAsync(db => db.SecurityEvents.AnyAsync(e => e.UserId == userId && e.Kind == SecurityEventKinds.DeletionRequested)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_deletion_requests_page_when_the_user_is_not_staff(DatabaseProvider provider)
    {
        var site = sites[provider];
        foreach (var role in new[] { Roles.Applicant, Roles.Leader })
        {
            using var browser = await site.CreateBrowserUserAsync(role);
            using var response = await browser.GetAsync(new Uri("/admin/personal-data", UriKind.Relative));
            Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);
            using var denied = await browser.GetAsync(new Uri(Forms.Location(response), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_delete_what_is_the_persons_alone_and_anonymise_the_records_kept_when_staff_complete_a_deletion(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (programmeId, _, _) = await SupportApplications.CreateProgrammeAsync(site);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var staffId = await site.QueryAsync(db => db.Users.OrderByDescending(u => u.CreatedUtc).Where(u => u.Email!.StartsWith("user-")).Select(u => u.Id).FirstAsync());
        using var applicant = await site.CreateApplicantWithBrowserAsync();
        var userId = await site.QueryAsync(db => db.Users.Where(u => u.Email == applicant.Email).Select(u => u.Id).SingleAsync());

        // A draft profile with only a draft application: both the person's alone.
        var draftOnly = await Organisations.OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Bản nháp {Guid.NewGuid():N}");
        var draftApplication = await SupportApplications.CreateApplicationAsync(applicant.Api, programmeId, draftOnly);
        await SupportApplications.FillCompleteAsync(applicant.Api, draftApplication);
        // A published profile whose contact address is the person's own.
        var published = await Organisations.OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Đã công bố {Guid.NewGuid():N}");
        await site.QueryAsync(db => db.Startups.Where(s => s.ContentItemId == published)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ContactEmail, applicant.Email).SetProperty(x => x.ContactPhone, "info@company.test")));
        await Organisations.OrganisationApiTests.SubmitAsync(applicant.Api, published);
        await Moderation.ApproveAsync(staff, published);
        // A never-published profile with a submitted application: an administrative record.
        var applied = await Organisations.OrganisationApiTests.CreateAsync(applicant.Api, "startup", $"Đã nộp hồ sơ {Guid.NewGuid():N}");
        var submitted = await SupportApplications.CreateApplicationAsync(applicant.Api, programmeId, applied);
        await SupportApplications.SubmitCompleteAsync(applicant.Api, submitted);
        Assert.Equal(1, await site.QueryAsync(db => db.ApplicationAttachments.CountAsync(a => a.ApplicationId == draftApplication)));
        Assert.True(await site.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == userId)), "The submitted application should have told its owner.");

        await RequestDeletionAsync(applicant);
        var queue = await Forms.GetAsync(staff, "/admin/personal-data");
        var row = queue.QuerySelectorAll("#pending-requests tr[data-request]").Single(r => r.TextContent.Contains(applicant.Email, StringComparison.Ordinal));
        var requestId = row.GetAttribute("data-request");
        using (var completed = await Forms.SubmitAsync(staff, queue, $"tr[data-request='{requestId}'] form.complete-request", [new("note", "Yêu cầu qua cổng")]))
        {
            Assert.Equal("/admin/personal-data", Forms.Location(completed));
        }

        queue = await Forms.GetAsync(staff, "/admin/personal-data");
        Assert.Equal(Texts.Vi("The account was deleted."), queue.QuerySelector("p.success[role=status]")?.TextContent.Trim());
        Assert.Null(queue.QuerySelector($"#pending-requests tr[data-request='{requestId}']"));
        Assert.NotNull(queue.QuerySelector($"#finished-requests tr[data-request='{requestId}']"));

        // Gone: the account, its notifications, the draft application and the profile that was the person's alone.
        Assert.False(await site.QueryAsync(db => db.Users.AnyAsync(u => u.Id == userId)));
        Assert.False(await site.QueryAsync(db => db.UserRoles.AnyAsync(r => r.UserId == userId)));
        Assert.False(await site.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == userId)));
        Assert.False(await site.QueryAsync(db => db.Applications.AnyAsync(a => a.Id == draftApplication)));
        Assert.False(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.ContentItemId == draftOnly)));
        Assert.False(await site.QueryAsync(db => db.ApplicationAttachments.AnyAsync(a => a.ApplicationId == draftApplication)));

        // Kept, without the person: the published profile, the applied one and its submitted application.
        var kept = await site.QueryAsync(db => db.Startups.AsNoTracking().Where(s => s.ContentItemId == published || s.ContentItemId == applied).ToListAsync());
        Assert.Contains(kept, s => s.ContentItemId == published && s.Published);
        Assert.Contains(kept, s => s.ContentItemId == applied);
        Assert.All(kept, s => Assert.Null(s.OwnerId));
        Assert.All(kept.Where(s => s.ContentItemId == published), s => Assert.Equal(AccountEraser.Anonymised, s.ContactEmail));
        Assert.All(kept.Where(s => s.ContentItemId == published), s => Assert.Equal("info@company.test", s.ContactPhone));
        var application = await site.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == submitted));
        Assert.Equal((AccountEraser.DeletedOwner, ApplicationStatuses.Submitted), (application.OwnerId, application.Status));

        // The security audit stays, without the address; the completion names the staff member who did it.
        var events = await site.QueryAsync(db => db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync());
        Assert.Contains(events, e => e.Kind == SecurityEventKinds.DeletionRequested);
        Assert.Contains(events, e => e.Kind == SecurityEventKinds.DeletionCompleted && e.ActorId == staffId);
        Assert.DoesNotContain(events, e => (e.Email + e.Detail).Contains(applicant.Email, StringComparison.OrdinalIgnoreCase));
        var request = await site.QueryAsync(db => db.Set<DeletionRequest>().AsNoTracking().SingleAsync(r => r.UserId == userId));
        Assert.Equal((DeletionStatuses.Completed, staffId, "Yêu cầu qua cổng"), (request.Status, request.CompletedBy, request.Note));

        // The old account cannot sign in, and its address may register again.
        using var again = site.CreateBrowserClient();
        var login = await Forms.GetAsync(again, "/account/login");
        using (var refused = await Forms.SubmitAsync(again, login, "main form", [new("Email", applicant.Email), new("Password", applicant.Password)]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var register = await Forms.GetAsync(again, "/account/register");
        using var registered = await Forms.SubmitAsync(again, register, "main form", [new("DisplayName", "Người mới"), new("Email", applicant.Email), new("Password", applicant.Password)]);
        Assert.NotNull((await Forms.ParseAsync(registered)).QuerySelector("p.success[role=status]"));
        Assert.Equal(1, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == applicant.Email && u.Id != userId)));
        Assert.Contains("/account/confirm-email", await site.LastEmailAsync(applicant.Email), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_account_and_the_request_pending_when_staff_complete_an_administrators_request(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Administrator);
        using var administrator = new Applicant(site.CreateClient(), await site.CreateSignedInBrowserAsync(email, password), email, password);
        await RequestDeletionAsync(administrator);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);

        var queue = await Forms.GetAsync(staff, "/admin/personal-data");
        var requestId = queue.QuerySelectorAll("#pending-requests tr[data-request]").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal)).GetAttribute("data-request");
        using (var refused = await Forms.SubmitAsync(staff, queue, $"tr[data-request='{requestId}'] form.complete-request", []))
        {
            Assert.Equal("/admin/personal-data", Forms.Location(refused));
        }

        queue = await Forms.GetAsync(staff, "/admin/personal-data");
        Assert.Equal(Texts.Vi("This account is an administrator's: an administrator must first take that role away."), queue.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());
        Assert.NotNull(queue.QuerySelector($"#pending-requests tr[data-request='{requestId}']"));
        Assert.True(await site.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_leave_no_address_the_account_ever_had_in_the_audit_when_an_account_that_changed_its_address_is_deleted(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        var newEmail = $"moved-{Guid.NewGuid():N}@test.local";
        using var browser = await site.CreateSignedInBrowserAsync(email, password);
        var userId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var page = await Forms.GetAsync(browser, "/account");
        (await Forms.SubmitAsync(browser, page, "#email-form", [new("NewEmail", newEmail), new("EmailPassword", password)])).Dispose();
        var link = Mailbox.Link(await Mailbox.WaitForAsync(site.MailFolder, newEmail, TimeSpan.FromSeconds(30)), "/account/confirm-email-change");
        (await Forms.SubmitAsync(browser, await Forms.GetAsync(browser, link.PathAndQuery), "main form[method=post]", [])).Dispose();
        Assert.True(await site.QueryAsync(db => db.SecurityEvents.AnyAsync(e => e.UserId == userId && e.Detail!.Contains(email))));

        using var moved = new Applicant(site.CreateClient(), browser, newEmail, password);
        await RequestDeletionAsync(moved);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var queue = await Forms.GetAsync(staff, "/admin/personal-data");
        var requestId = queue.QuerySelectorAll("#pending-requests tr[data-request]").Single(r => r.TextContent.Contains(newEmail, StringComparison.Ordinal)).GetAttribute("data-request");
        (await Forms.SubmitAsync(staff, queue, $"tr[data-request='{requestId}'] form.complete-request", [])).Dispose();

        var audit = await site.QueryAsync(db => db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId).Select(e => e.Email + " " + e.Detail).ToListAsync());
        Assert.Contains(audit, a => a.Contains(AccountEraser.Anonymised, StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Contains(email, StringComparison.OrdinalIgnoreCase) || a.Contains(newEmail, StringComparison.OrdinalIgnoreCase));
        Assert.False(await site.QueryAsync(db => db.OutboxEmails.AnyAsync(e => e.To == email || e.To == newEmail)));
    }

    private static async Task<AngleSharp.Dom.IDocument> RequestDeletionAsync(Applicant applicant)
    {
        var page = await Forms.GetAsync(applicant.Browser, "/account/personal-data");
        using var asked = await Forms.SubmitAsync(applicant.Browser, page, "#delete-form", [new("Password", applicant.Password)]);
        Assert.Equal("/account/personal-data", Forms.Location(asked));
        page = await Forms.GetAsync(applicant.Browser, "/account/personal-data");
        Assert.Equal(Texts.Vi("Your request was received. Staff will delete your account and tell you when it is done."), page.QuerySelector("p.success[role=status]")?.TextContent.Trim());
        return page;
    }
}
