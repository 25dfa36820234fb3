using System.Net;
using System.Text.RegularExpressions;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Incubator.IntegrationTests.Account;

/// <summary>/account/sessions: a user's recent sign-ins, ending one, and signing out everywhere.</summary>
public sealed partial class SessionsPageTests(Sites sites) : IClassFixture<Sites>
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    [Theory, SqliteData, PostgresData]
    public async Task Should_list_recent_sign_ins_and_mark_this_device_when_the_user_opens_the_page(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        _ = await Sessions.LoginAsync(site, email, password);
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        using var browser = Sessions.CookieClient(site, jar.Header);
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(Firefox);

        using var response = await browser.GetAsync(new Uri("/account/sessions", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        var rows = page.QuerySelectorAll("table.sessions tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Equal("active", r.GetAttribute("data-state")));
        var current = Assert.Single(rows, r => r.GetAttribute("data-current") == "true");
        Assert.Contains(Texts.Vi("This device"), current.TextContent, StringComparison.Ordinal);
        Assert.Matches(DateTime(), current.QuerySelector("td")!.TextContent);
        Assert.Contains(Texts.Vi("app or API"), rows.Single(r => r.GetAttribute("data-current") == "false").TextContent, StringComparison.Ordinal);

        using var anonymous = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync(new Uri("/account/sessions", UriKind.Relative));
        Assert.StartsWith("/account/login", Forms.Location(refused), StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_end_every_session_of_every_client_when_the_user_signs_out_everywhere(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        var jar = await Sessions.SignInOnPageAsync(site, email, password);
        var (access, refresh) = await Sessions.LoginAsync(site, email, password);
        using var phone = Sessions.BearerClient(site, access);
        using var copied = Sessions.CookieClient(site, jar.AuthHeader);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(phone));

        using (var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }))
        using (var everywhere = await jar.PostFormAsync(client, "/account/sessions", "form.everywhere", []))
        {
            Assert.Equal("/account/login", Forms.Location(everywhere));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(phone));
        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(copied));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(site, refresh)).Status);
        Assert.Equal(0, await SessionsTests.LiveSessionsAsync(site, email));
        Assert.Equal(1, await site.QueryAsync(db => db.SecurityEvents.CountAsync(e => e.Kind == SecurityEventKinds.SignedOutEverywhere && e.Email == email)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Should_end_only_the_chosen_session_when_the_user_ends_another_one(DatabaseProvider provider)
    {
        var site = sites[provider];
        var (email, password) = await site.CreateAccountAsync();
        var laptop = await Sessions.SignInOnPageAsync(site, email, password);
        var office = await Sessions.SignInOnPageAsync(site, email, password);
        using var officeClient = Sessions.CookieClient(site, office.AuthHeader);
        using var laptopClient = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var list = await laptop.GetAsync(laptopClient, "/account/sessions");
        var page = await Forms.ParseAsync(list);
        var other = page.QuerySelector("tr[data-current=false] form")!.GetAttribute("action")!;
        using (var ended = await laptop.PostFormAsync(laptopClient, "/account/sessions", $"form[action='{other}']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Sessions.WhoAmIAsync(officeClient));
        using var still = Sessions.CookieClient(site, laptop.AuthHeader);
        Assert.Equal(HttpStatusCode.OK, await Sessions.WhoAmIAsync(still));
        Assert.Equal(1, await SessionsTests.LiveSessionsAsync(site, email));
    }

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")]
    private static partial Regex DateTime();
}
