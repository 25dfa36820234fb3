using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

public sealed class AccountSelfServiceTests(Sites sites) : IClassFixture<Sites>
{
    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_save_the_name_and_phone_when_the_profile_form_is_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var browser = await site.CreateSignedInBrowserAsync(email, password);

        var page = await Forms.GetAsync(browser, "/account");
        Assert.NotNull(page.QuerySelector("#account-links a[href='/account/sessions']"));
        Assert.NotNull(page.QuerySelector("#account-links a[href='/account/two-factor']"));
        Assert.NotNull(page.QuerySelector("#account-links a[href='/account/personal-data']"));
        using var saved = await Forms.FillAndSubmitAsync(browser, page, "#profile-form", new Dictionary<string, string[]>
        {
            ["DisplayName"] = ["Trần Thị Bình"], ["PhoneNumber"] = ["+84 912.345-678"],
        });

        Assert.Equal("/account", Forms.Location(saved));
        page = await Forms.GetAsync(browser, "/account");
        Assert.Equal(Texts.Vi("Your profile was saved."), page.QuerySelector("p.success[role=status]")?.TextContent.Trim());
        Assert.Equal("Trần Thị Bình", (page.QuerySelector("#f-DisplayName") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        var user = await site.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(("Trần Thị Bình", "+84912345678"), (user.DisplayName, user.PhoneNumber));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_name_each_wrong_field_and_save_nothing_when_the_profile_form_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var browser = await site.CreateSignedInBrowserAsync(email, password);
        var before = await site.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

        var page = await Forms.GetAsync(browser, "/account");
        using var refused = await Forms.FillAndSubmitAsync(browser, page, "#profile-form", new Dictionary<string, string[]>
        {
            ["DisplayName"] = [new string('a', 101)], ["PhoneNumber"] = ["12345"],
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        page = await Forms.ParseAsync(refused);
        Assert.Equal(Texts.Vi("Enter your name (at most {0} characters).", 100), page.QuerySelector("#f-DisplayName ~ .field-error")?.TextContent.Trim());
        Assert.Equal(Texts.Vi("Enter a Vietnamese phone number, e.g. 0912 345 678 or +84 912 345 678."), page.QuerySelector("#f-PhoneNumber ~ .field-error")?.TextContent.Trim());
        Assert.Equal("12345", (page.QuerySelector("#f-PhoneNumber") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        var after = await site.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal((before.DisplayName, before.PhoneNumber, before.ConcurrencyStamp), (after.DisplayName, after.PhoneNumber, after.ConcurrencyStamp));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_sign_in_only_with_the_new_password_and_keep_this_browser_signed_in_when_the_password_is_changed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var browser = await site.CreateSignedInBrowserAsync(email, password);
        const string newPassword = "Changed-Password-2";

        var page = await Forms.GetAsync(browser, "/account");
        using (var wrong = await Forms.SubmitAsync(browser, page, "#password-form", [new("CurrentPassword", "not-it-1"), new("NewPassword", newPassword), new("ConfirmPassword", newPassword)]))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var refused = await Forms.ParseAsync(wrong);
            Assert.Equal(Texts.Vi("The current password is not right."), refused.QuerySelector("#f-CurrentPassword ~ .field-error")?.TextContent.Trim());
        }

        using (var mismatch = await Forms.SubmitAsync(browser, page, "#password-form", [new("CurrentPassword", password), new("NewPassword", newPassword), new("ConfirmPassword", newPassword + "x")]))
        {
            var refused = await Forms.ParseAsync(mismatch);
            Assert.Equal(Texts.Vi("The two new passwords are not the same."), refused.QuerySelector("#f-ConfirmPassword ~ .field-error")?.TextContent.Trim());
        }

        using (var changed = await Forms.SubmitAsync(browser, page, "#password-form", [new("CurrentPassword", password), new("NewPassword", newPassword), new("ConfirmPassword", newPassword)]))
        {
            Assert.Equal("/account", Forms.Location(changed));
        }

        // This browser got a cookie with the new security stamp and stays signed in.
        page = await Forms.GetAsync(browser, "/account");
        Assert.Equal(Texts.Vi("Your password was changed. Your other sessions were signed out."), page.QuerySelector("p.success[role=status]")?.TextContent.Trim());

        using var other = site.CreateBrowserClient();
        var login = await Forms.GetAsync(other, "/account/login");
        using (var old = await Forms.SubmitAsync(other, login, "main form", [new("Email", email), new("Password", password)]))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        await Forms.SignInAsync(other, email, newPassword);
        var user = await site.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.True(await site.QueryAsync(db => db.SecurityEvents.AnyAsync(e => e.UserId == user.Id && e.Kind == SecurityEventKinds.PasswordChanged)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_change_the_address_and_sign_in_with_the_new_one_when_the_link_sent_to_it_is_confirmed(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var browser = await site.CreateSignedInBrowserAsync(email, password);
        var newEmail = $"moved-{Guid.NewGuid():N}@test.local";

        var page = await Forms.GetAsync(browser, "/account");
        using (var wrong = await Forms.SubmitAsync(browser, page, "#email-form", [new("NewEmail", newEmail), new("EmailPassword", "not-it-1")]))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var asked = await Forms.SubmitAsync(browser, page, "#email-form", [new("NewEmail", newEmail), new("EmailPassword", password)]))
        {
            Assert.Equal("/account", Forms.Location(asked));
        }

        // Nothing changes until the new address proves it is theirs.
        Assert.Equal(1, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        var body = await Mailbox.WaitForAsync(site.MailFolder, newEmail, TimeSpan.FromSeconds(30));
        var link = Mailbox.Link(body, "/account/confirm-email-change");
        var confirm = await Forms.GetAsync(browser, link.PathAndQuery);
        using (var confirmed = await Forms.SubmitAsync(browser, confirm, "main form[method=post]", []))
        {
            var done = await Forms.ParseAsync(confirmed);
            Assert.Equal(Texts.Vi("Your e-mail address is now {0}.", newEmail), done.QuerySelector("p.success[role=status]")?.TextContent.Trim());
        }

        // The old address is told, this browser stays signed in, and the address and user name both moved.
        var notice = await Mailbox.WaitForAsync(site.MailFolder, email, TimeSpan.FromSeconds(30));
        Assert.Contains(newEmail, notice, StringComparison.Ordinal);
        var account = await Forms.GetAsync(browser, "/account");
        Assert.Contains(newEmail, account.QuerySelector("main p.meta")?.TextContent, StringComparison.Ordinal);
        var user = await site.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == newEmail));
        Assert.Equal((newEmail, newEmail, true), (user.Email, user.UserName, user.EmailConfirmed));
        Assert.True(await site.QueryAsync(db => db.SecurityEvents.AnyAsync(e => e.UserId == user.Id && e.Kind == SecurityEventKinds.EmailChanged && e.Email == newEmail)));

        // The link works once: the change renewed the security stamp its token was bound to.
        using var stranger = site.CreateBrowserClient();
        var again = await Forms.GetAsync(stranger, link.PathAndQuery);
        using (var reused = await Forms.SubmitAsync(stranger, again, "main form[method=post]", []))
        {
            var refused = await Forms.ParseAsync(reused);
            Assert.Equal(Texts.Vi("This link is no longer valid; ask for a new one."), refused.QuerySelector("p.notice[role=alert]")?.TextContent.Trim());
        }

        using var fresh = site.CreateBrowserClient();
        await Forms.SignInAsync(fresh, newEmail, password);
        using var old = site.CreateBrowserClient();
        var login = await Forms.GetAsync(old, "/account/login");
        using var refusedOld = await Forms.SubmitAsync(old, login, "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, refusedOld.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_no_link_and_answer_the_same_when_the_new_address_belongs_to_another_account(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        var (taken, _) = await site.CreateAccountAsync(Roles.Applicant);
        using var browser = await site.CreateSignedInBrowserAsync(email, password);

        var page = await Forms.GetAsync(browser, "/account");
        using var asked = await Forms.SubmitAsync(browser, page, "#email-form", [new("NewEmail", taken), new("EmailPassword", password)]);

        Assert.Equal("/account", Forms.Location(asked));
        page = await Forms.GetAsync(browser, "/account");
        Assert.Equal(Texts.Vi("We sent a link to {0}. Your address changes when you follow it.", taken), page.QuerySelector("p.success[role=status]")?.TextContent.Trim());
        Assert.Equal(0, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == taken)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_send_anonymous_visitors_to_sign_in_when_they_open_their_account_pages(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var visitor = site.CreateBrowserClient();
        foreach (var url in new[] { "/account", "/account/personal-data" })
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.StartsWith("/account/login", Forms.Location(response), StringComparison.Ordinal);
        }
    }
}
