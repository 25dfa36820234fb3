using System.Net;
using System.Net.Http.Json;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Account;

public sealed class AccountPagesTests(Sites sites) : IClassFixture<Sites>
{
    private const string Password = "Secret-Password-1";

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_open_their_organisations_when_a_new_applicant_registers_confirms_and_signs_in(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = site.CreateBrowserClient();
        var email = $"register-{Guid.NewGuid():N}@test.local";
        await RegisterAsync(site, client, "Nguyễn Văn A", email, Password);
        await Forms.SignInAsync(client, email, Password);

        var mine = await Forms.GetAsync(client, "/my/organisations");
        Assert.NotNull(mine.QuerySelector("a[href='/my/organisations/new/startup']"));
        Assert.NotNull(mine.QuerySelector("form[action='/account/logout']"));
        var roles = await RolesAsync(site, email);
        Assert.Equal([Roles.Applicant], roles);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_errors_and_create_no_account_when_the_registration_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = site.CreateBrowserClient();
        var taken = $"taken-{Guid.NewGuid():N}@test.local";
        await RegisterAsync(site, client, "First", taken, Password);
        using var other = site.CreateBrowserClient();

        foreach (var (name, email, password) in new[]
                 {
                     ("Name", "not-an-email", Password),
                     ("", $"noname-{Guid.NewGuid():N}@test.local", Password),
                     ("Name", $"short-{Guid.NewGuid():N}@test.local", "short1"),
                     ("Name", $"nodigit-{Guid.NewGuid():N}@test.local", "no-digits-at-all"),
                     ("Second", taken, "short1"),
                 })
        {
            var form = await Forms.GetAsync(other, "/account/register");
            using var response = await Forms.SubmitAsync(other, form, "main form", [new("DisplayName", name), new("Email", email), new("Password", password)]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Forms.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("p.notice[role=alert]"));
            Assert.NotEmpty(page.QuerySelectorAll("form [aria-invalid=true] ~ .field-error"));
            Assert.Equal(email == taken ? 1 : 0, await site.QueryAsync(db => db.Users.CountAsync(u => u.Email == email)));
        }

        using var signedIn = await other.GetAsync(new Uri("/my/organisations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_sign_in_and_then_out_when_the_password_is_right(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();
        Assert.StartsWith("/account/login", await RedirectOfAsync(client, "/my/organisations"), StringComparison.Ordinal);

        await Forms.SignInAsync(client, email, password);
        using (var mine = await client.GetAsync(new Uri("/my/organisations", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        }

        var page = await Forms.GetAsync(client, "/");
        using var signOut = await Forms.SubmitAsync(client, page, "form[action='/account/logout']", []);
        Assert.Equal("/", Forms.Location(signOut));
        Assert.StartsWith("/account/login", await RedirectOfAsync(client, "/my/organisations"), StringComparison.Ordinal);
        var home = await Forms.GetAsync(client, "/");
        Assert.Null(home.QuerySelector("form[action='/account/logout']"));
        Assert.NotNull(home.QuerySelector("a[href='/account/login']"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_return_to_the_page_asked_for_when_signing_in_from_a_redirect_and_never_leave_the_site(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();
        var login = await Forms.GetAsync(client, await RedirectOfAsync(client, "/my/organisations"));
        using (var response = await Forms.SubmitAsync(client, login, "main form", [new("Email", email), new("Password", password)]))
        {
            Assert.Equal("/my/organisations", Forms.Location(response));
        }

        using var other = site.CreateBrowserClient();
        var hostile = await Forms.GetAsync(other, "/account/login?returnUrl=https%3A%2F%2Fevil.example%2F");
        using var away = await Forms.SubmitAsync(other, hostile, "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal("/", Forms.Location(away));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_show_an_error_and_stay_signed_out_when_the_password_is_wrong(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, _) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();
        var message = await SignInMessageAsync(client, email, "Wrong-Password-1");
        Assert.Equal(Texts.Vi("The e-mail or password is not right."), message);
        Assert.StartsWith("/account/login", await RedirectOfAsync(client, "/my/organisations"), StringComparison.Ordinal);

        Assert.Equal(Texts.Vi("The e-mail or password is not right."), await SignInMessageAsync(client, $"nobody-{Guid.NewGuid():N}@test.local", "Whatever-1"));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_lock_the_account_even_for_the_right_password_when_a_wrong_one_was_given_five_times(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();
        for (var i = 1; i <= 5; i++)
        {
            // The fifth failure locks the account, but says so only to whoever gives the password (no enumeration).
            Assert.Equal(Texts.Vi("The e-mail or password is not right."), await SignInMessageAsync(client, email, $"Wrong-Password-{i}"));
        }

        var locked = Texts.Vi("Too many failed attempts: this account is locked for 15 minutes.");
        Assert.Equal(locked, await SignInMessageAsync(client, email, password));
        Assert.StartsWith("/account/login", await RedirectOfAsync(client, "/my/organisations"), StringComparison.Ordinal);

        using var api = site.CreateClient();
        using var token = await api.PostAsync(new Uri("/api/auth/login", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { email, password }));
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_let_the_user_choose_a_new_password_when_they_follow_the_emailed_reset_link(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, oldPassword) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();

        var forgot = await Forms.GetAsync(client, "/account/forgot-password");
        using (var sent = await Forms.SubmitAsync(client, forgot, "main form", [new("Email", email)]))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.NotNull((await Forms.ParseAsync(sent)).QuerySelector("p.success[role=status]"));
        }

        var queued = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.To == email).ToListAsync());
        var row = Assert.Single(queued);
        Assert.Contains("/account/reset-password?", row.HtmlBody, StringComparison.Ordinal);

        var body = await Mailbox.WaitForAsync(site.MailFolder, email, TimeSpan.FromSeconds(15));
        var link = Mailbox.Link(body, "/account/reset-password");
        // The file is written before the row is marked sent, and the mark commits a moment later.
        var sentBy = DateTime.UtcNow.AddSeconds(15);
        DateTime? sentUtc;
        while ((sentUtc = await site.QueryAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.Id == row.Id).Select(e => e.SentUtc).SingleAsync())) is null && DateTime.UtcNow < sentBy)
        {
            await Task.Delay(50);
        }

        Assert.NotNull(sentUtc);

        const string newPassword = "Brand-New-Password-2";
        var reset = await Forms.GetAsync(client, link.PathAndQuery);
        using (var changed = await Forms.SubmitAsync(client, reset, "main form", [new("Password", newPassword)]))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            var done = await Forms.ParseAsync(changed);
            Assert.NotNull(done.QuerySelector("p.success[role=status]"));
            Assert.Empty(done.QuerySelectorAll(".notice li, .field-error"));
        }

        Assert.Equal(Texts.Vi("The e-mail or password is not right."), await SignInMessageAsync(client, email, oldPassword));
        await Forms.SignInAsync(client, email, newPassword);
        using var mine = await client.GetAsync(new Uri("/my/organisations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);

        // The link works once: the password changed, so its token is no longer valid.
        using var again = site.CreateBrowserClient();
        var reused = await Forms.GetAsync(again, link.PathAndQuery);
        using var refused = await Forms.SubmitAsync(again, reused, "main form", [new("Password", "Another-Password-3")]);
        Assert.Equal(Texts.Vi("This link is no longer valid; ask for a new one."), (await Forms.ParseAsync(refused)).QuerySelector(".notice[role=alert] li")?.TextContent.Trim());
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_answer_the_same_and_queue_no_email_when_the_address_has_no_account(DatabaseProvider provider)
    {
        var site = sites[provider];
        var email = $"nobody-{Guid.NewGuid():N}@test.local";
        using var client = site.CreateBrowserClient();
        var forgot = await Forms.GetAsync(client, "/account/forgot-password");
        using var sent = await Forms.SubmitAsync(client, forgot, "main form", [new("Email", email)]);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.NotNull((await Forms.ParseAsync(sent)).QuerySelector("p.success[role=status]"));
        Assert.Equal(0, await site.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == email)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_keep_the_password_when_the_reset_code_is_not_valid(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();
        foreach (var code in new[] { "bm90LWEtdG9rZW4", "%%%not-base64" })
        {
            var reset = await Forms.GetAsync(client, $"/account/reset-password?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}");
            using var refused = await Forms.SubmitAsync(client, reset, "main form", [new("Password", "Another-Password-3")]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(Texts.Vi("This link is no longer valid; ask for a new one."), (await Forms.ParseAsync(refused)).QuerySelector(".notice[role=alert] li")?.TextContent.Trim());
        }

        await Forms.SignInAsync(client, email, password);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_the_form_with_400_when_it_comes_without_the_antiforgery_token(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync(Roles.Applicant);
        using var client = site.CreateBrowserClient();
        await Forms.GetAsync(client, "/account/login");
        using var content = new FormUrlEncodedContent([new("Email", email), new("Password", password)]);
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("/account/login", await RedirectOfAsync(client, "/my/organisations"), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_record_the_newsletter_consent_only_once_the_address_is_confirmed_when_the_box_is_ticked_at_registration(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var staff = await site.CreateUserAsync("Staff");
        var email = $"Newsletter-{Guid.NewGuid():N}@test.local";

        // Staff recorded this person before they signed up, with the address in other case: the registration links to them.
        using (var created = await staff.PostAsJsonAsync("/api/people", new { fullName = "Trần Thị Bích", emails = new[] { email.ToUpperInvariant() } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var client = site.CreateBrowserClient();
        var form = await Forms.GetAsync(client, "/account/register");
        Assert.NotNull(form.QuerySelector("input[type=checkbox][name=Chosen][value=newsletter]:not([checked])"));
        using (var response = await Forms.SubmitAsync(client, form, "main form", [new("DisplayName", "Trần Thị Bích"), new("Email", email), new("Password", Password), new("Chosen", "newsletter")]))
        {
            Assert.NotNull((await Forms.ParseAsync(response)).QuerySelector("p.success[role=status]"));
        }

        // Not confirmed yet: anyone may type anyone's address, so nothing is consented.
        Assert.Empty(await ConsentsAsync(site, email));
        await site.ConfirmEmailAsync(email);
        Assert.Equal([(true, ConsentSource.Registration)], await ConsentsAsync(site, email));
        var normalized = email.ToLowerInvariant();
        Assert.Equal(1, await site.QueryAsync(db => db.Set<Person>().CountAsync(p => p.Contacts.Any(c => c.Normalized == normalized))));

        // The account page shows the box ticked; unticking it withdraws the consent from the account page.
        await Forms.SignInAsync(client, email, Password);
        var account = await Forms.GetAsync(client, "/account");
        Assert.NotNull(account.QuerySelector("#choices-form input[name=Chosen][value=newsletter][checked]"));
        using (var saved = await Forms.FillAndSubmitAsync(client, account, "#choices-form", new Dictionary<string, string[]> { ["Chosen"] = [] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal([(true, ConsentSource.Registration), (false, ConsentSource.Account)], await ConsentsAsync(site, email));
        account = await Forms.GetAsync(client, "/account");
        Assert.Null(account.QuerySelector("#choices-form input[name=Chosen][value=newsletter][checked]"));

        // Saving again unchanged records nothing new.
        using (var again = await Forms.FillAndSubmitAsync(client, account, "#choices-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Equal(2, (await ConsentsAsync(site, email)).Count);
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_create_their_person_when_someone_without_one_ticks_the_newsletter_box_on_the_account_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        using var client = site.CreateBrowserClient();
        var email = $"later-{Guid.NewGuid():N}@test.local";
        await RegisterAsync(site, client, "Lê Văn Cường", email, Password);
        Assert.Empty(await ConsentsAsync(site, email));
        Assert.Equal(0, await site.QueryAsync(db => db.Set<Person>().CountAsync(p => p.Contacts.Any(c => c.Normalized == email))));

        await Forms.SignInAsync(client, email, Password);
        var account = await Forms.GetAsync(client, "/account");
        using (var saved = await Forms.FillAndSubmitAsync(client, account, "#choices-form", new Dictionary<string, string[]> { ["Chosen"] = ["newsletter"] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal([(true, ConsentSource.Account)], await ConsentsAsync(site, email));
        var person = await site.QueryAsync(db => db.Set<Person>().Where(p => p.Contacts.Any(c => c.Normalized == email)).Select(p => new { p.FullName, p.UserId }).SingleAsync());
        var userId = await site.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.Equal(("Lê Văn Cường", userId), (person.FullName, person.UserId));
    }

    /// <summary>The newsletter consents of the person linked to the user with this address, oldest first.</summary>
    private static Task<List<(bool Given, ConsentSource Source)>> ConsentsAsync(SiteFactory site, string email) =>
        site.QueryAsync(async db =>
        {
            var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return (await db.Set<PersonConsent>()
                    .Where(c => db.Set<Person>().Any(p => p.Id == c.PersonId && p.UserId == user))
                    .OrderBy(c => c.AtUtc).ThenBy(c => c.Id).Select(c => new { c.Given, c.Source }).ToListAsync())
                .Select(c => (c.Given, c.Source)).ToList();
        });

    /// <summary>Registers through the form, which answers "check your e-mail", and follows the confirmation link.</summary>
    internal static async Task RegisterAsync(SiteFactory site, HttpClient client, string name, string email, string password)
    {
        var form = await Forms.GetAsync(client, "/account/register");
        using var response = await Forms.SubmitAsync(client, form, "main form", [new("DisplayName", name), new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Forms.ParseAsync(response)).QuerySelector("p.success[role=status]"));
        await site.ConfirmEmailAsync(email);
    }

    private static async Task<string?> SignInMessageAsync(HttpClient client, string email, string password)
    {
        var login = await Forms.GetAsync(client, "/account/login");
        using var response = await Forms.SubmitAsync(client, login, "main form", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Forms.ParseAsync(response)).QuerySelector("p.notice[role=alert]")?.TextContent.Trim();
    }

    private static async Task<string> RedirectOfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return Forms.Location(response);
    }

    private static async Task<List<string>> RolesAsync(SiteFactory site, string email)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return [.. await users.GetRolesAsync(user)];
    }
}
