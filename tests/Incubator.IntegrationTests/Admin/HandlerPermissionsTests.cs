using System.Net;
using Incubator.IntegrationTests.Infrastructure;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.IntegrationTests.Admin;

/// <summary>
/// Every unsafe handler of every back-office page, found in the running site's endpoints (so a new page or handler is
/// walked without being listed here), posted by every role with a valid antiforgery token of its own.
/// </summary>
public sealed class HandlerPermissionsTests
{
    private const string Anonymous = "(anonymous)";

    /// <summary>One handler of one page, as the walk posts it.</summary>
    private sealed record Handler(string Page, string Url, string Name, IReadOnlyList<string> Needs)
    {
        public override string ToString() => $"{Page} {Name} ({Url})";
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_every_back_office_post_handler_to_each_role_lacking_its_permission_when_posted_with_a_valid_token(DatabaseProvider provider)
    {
        // A site of its own: administrators and staff really run the handlers (with no data, so little happens).
        using var site = new SiteFactory(provider);
        var handlers = await HandlersAsync(site);
        Assert.Contains(handlers, h => h.Page == "/Content/Admin/Edit" && h.Name == "Unpublish");
        Assert.Contains(handlers, h => h.Page == "/Workflows/Admin/Calendar" && h.Name == "Add");
        Assert.Contains(handlers, h => h.Page == "/Records/Admin/Edit");

        var failures = new List<string>();
        foreach (var role in new[] { Roles.Administrator, Roles.Staff, Roles.Leader, Roles.Reviewer, Roles.Applicant, Anonymous })
        {
            using var client = await ClientAsync(site, role);
            var token = await TokenAsync(client, role);
            foreach (var handler in handlers)
            {
                var allowed = role != Anonymous && handler.Needs.All(p => Holds(role, p));
                using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
                using var response = await client.PostAsync(new Uri(handler.Url, UriKind.Relative), content);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? string.Empty;
                var refused = response.StatusCode == HttpStatusCode.Forbidden
                    || (status is 301 or 302 or 303 or 307 && (location.Contains("/account/denied", StringComparison.Ordinal) || location.Contains("/account/login", StringComparison.Ordinal)));
                if (allowed && (refused || status >= 500 || response.StatusCode == HttpStatusCode.BadRequest))
                {
                    failures.Add($"{role} was refused or failed ({status} {location}) on {handler}");
                }
                else if (!allowed && !refused)
                {
                    failures.Add($"{role} was not refused ({status} {location}) on {handler}, which needs {string.Join(" + ", handler.Needs)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_refuse_and_change_nothing_when_a_leader_unpublishes_a_profile_publishes_news_or_adds_a_holiday(DatabaseProvider provider)
    {
        using var site = new SiteFactory(provider);
        using var staff = await site.CreateBrowserUserAsync(Roles.Staff);
        var profile = await BackOffice.CreateAsync(staff, "startups", Incubator.IntegrationTests.Directory.DirectoryPagesTests.Profile($"Published {Guid.NewGuid():N}"), publish: true);
        var news = await BackOffice.CreateAsync(staff, "news", Incubator.IntegrationTests.Pages.NewsTests.News($"Draft {Guid.NewGuid():N}", "Body."), publish: false);
        using var leader = await site.CreateBrowserUserAsync(Roles.Leader);

        // The back office shows a leader no button that changes these, but a forged post with the leader's own valid
        // token (what a tampered page or another tab could send) must be refused all the same.
        var edit = await Forms.GetAsync(leader, $"/admin/content/startups/{profile.Id}");
        Assert.Null(edit.QuerySelector($"form[action*='handler=Unpublish'], form[action*='handler=Delete'], button[name=then]"));
        Assert.Null((await Forms.GetAsync(leader, "/admin/content/news")).QuerySelector("form[action*='handler=Publish']"));
        Assert.Null((await Forms.GetAsync(leader, "/admin/workflows/calendar")).QuerySelector("#add-holiday"));
        var token = await TokenAsync(leader, Roles.Leader);
        var day = new DateOnly(2071, 4, 30);
        foreach (var (url, fields) in new (string, KeyValuePair<string, string>[])[]
                 {
                     ($"/admin/content/startups/{profile.Id}?handler=Unpublish", []),
                     ($"/admin/content/news/{news.Id}?handler=Publish", []),
                     ("/admin/workflows/calendar?handler=Add", [new("date", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new("name", "Leader's day")]),
                 })
        {
            using var content = new FormUrlEncodedContent(fields.Prepend(new("__RequestVerificationToken", token)));
            using var response = await leader.PostAsync(new Uri(url, UriKind.Relative), content);
            AssertDenied(response);
        }

        Assert.True(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.ContentItemId == profile.Id && s.Published)));
        Assert.False(await site.QueryAsync(db => db.News.AnyAsync(n => n.ContentItemId == news.Id && n.Published)));
        Assert.False(await site.QueryAsync(db => db.Holidays.AnyAsync(h => h.Date == day)));

        // Staff see and use the same forms, so the refusal above was the permission and nothing else.
        await BackOffice.UnpublishAsync(staff, profile);
        Assert.NotNull((await Forms.GetAsync(staff, "/admin/workflows/calendar")).QuerySelector("#add-holiday"));
        Assert.False(await site.QueryAsync(db => db.Startups.AnyAsync(s => s.ContentItemId == profile.Id && s.Published)));
    }

    [Theory]
    [SqliteData, PostgresData]
    public async Task Should_require_a_signed_in_user_on_every_unsafe_api_endpoint_when_it_is_not_identitys_own(DatabaseProvider provider)
    {
        // Identity's endpoints sign in, register and recover an account, so they are open; so is a public form that says
        // so (AllowAnonymous) and is throttled (an event's registration, confirmed or cancelled by the e-mail's secret).
        // Every other endpoint that changes something names a policy or at least a signed-in user, and then checks
        // ownership or the workflow's roles.
        using var site = new SiteFactory(provider);
        var unsafeEndpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)) == true)
            .ToList();
        Assert.Contains(unsafeEndpoints, e => e.RoutePattern.RawText!.Contains("milestones/{milestoneId:long}/paid", StringComparison.Ordinal));
        var open = unsafeEndpoints
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/auth/", StringComparison.OrdinalIgnoreCase))
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0 || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Where(e => !(e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is not null))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(open.Count == 0, $"Unsafe API endpoints open to anyone: {string.Join(", ", open)}");
        var publicForms = unsafeEndpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                && !e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/auth/", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.RoutePattern.RawText).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/api/events/{slug}/registrations", "/api/registrations/{id}/cancel", "/api/registrations/{id}/confirm"], publicForms);
    }

    private static void AssertDenied(HttpResponseMessage response) =>
        Assert.StartsWith("/account/denied", Forms.Location(response), StringComparison.Ordinal);

    private static bool Holds(string role, string permission) =>
        role == Roles.Administrator || (Permissions.Defaults.TryGetValue(role, out var held) && held.Contains(permission, StringComparer.Ordinal));

    /// <summary>Every unsafe handler of every back-office page, with the permissions it needs: the folder's, the page's and the handler's own.</summary>
    private static async Task<List<Handler>> HandlersAsync(SiteFactory site)
    {
        var loader = site.Services.GetRequiredService<PageLoader>();
        var result = new List<Handler>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor || result.Any(h => h.Page == descriptor.ViewEnginePath))
            {
                continue;
            }

            var compiled = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
            if (!HandlerPermissions.IsBackOffice(descriptor.ViewEnginePath))
            {
                // A page that needs a permission to open is a back-office page: it must sit where the handler check applies.
                Assert.False(
                    compiled.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy is { } policy && Permissions.All.Contains(policy)),
                    $"{descriptor.ViewEnginePath} needs a permission to open but is outside every {HandlerPermissions.BackOfficeFolder} folder.");
                continue;
            }

            // What opening the page needs (its folders' policies and its own), as the site's authorization sees it. An
            // empty policy (a feature folder's "signed in") adds nothing to BackOffice, which asks that too.
            var pageNeeds = compiled.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            Assert.Contains(Policies.BackOffice, pageNeeds);
            var path = FillRoute(endpoint.RoutePattern);
            foreach (var method in compiled.HandlerMethods.Where(m => !HttpMethods.IsGet(m.HttpMethod) && !HttpMethods.IsHead(m.HttpMethod)))
            {
                var url = string.IsNullOrEmpty(method.Name) ? path : $"{path}?handler={method.Name}";
                var needs = pageNeeds.Append(HandlerPermissions.Required(method.MethodInfo, compiled.HandlerTypeInfo)).Distinct(StringComparer.Ordinal).ToList();
                result.Add(new Handler(descriptor.ViewEnginePath, url, method.Name ?? "(default)", needs));
            }
        }

        Assert.True(result.Count >= 15, $"Only {result.Count} back-office handlers were found: {string.Join(", ", result)}");
        return result;
    }

    /// <summary>The page's route with a value of the right shape for each parameter: the handlers then answer 404 or an error for data they do not know.</summary>
    internal static string FillRoute(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter when parameter.Name == "handler" => string.Empty,
            RoutePatternParameterPart parameter when parameter.Default is { } value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            RoutePatternParameterPart parameter => Sample(parameter),
            _ => string.Empty,
        }))).Where(s => s.Length > 0);
        return "/" + string.Join("/", segments);
    }

    private static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty).ToList();
        if (constraints.Any(c => c.StartsWith("guid", StringComparison.OrdinalIgnoreCase)))
        {
            return Guid.NewGuid().ToString();
        }

        return constraints.Any(c => c.StartsWith("int", StringComparison.OrdinalIgnoreCase) || c.StartsWith("long", StringComparison.OrdinalIgnoreCase))
            ? "987654"
            : "no-such-" + parameter.Name.ToLowerInvariant();
    }

    private static async Task<HttpClient> ClientAsync(SiteFactory site, string role) => role switch
    {
        Anonymous => site.CreateBrowserClient(),
        Roles.Administrator => await site.CreateSignedInBrowserAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword),
        _ => await site.CreateBrowserUserAsync(role),
    };

    /// <summary>The user's own token from a form they can reach: the sign-out form on the home page, or the sign-in form.</summary>
    private static async Task<string> TokenAsync(HttpClient client, string role)
    {
        var page = await Forms.GetAsync(client, role == Anonymous ? "/account/login" : "/");
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on the page for {role}.");
    }
}
