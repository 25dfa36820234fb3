using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;
using IPNetwork = System.Net.IPNetwork;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// The <c>ForwardedHeaders</c> settings: which reverse proxies may tell the site the client's address and scheme.
/// With none listed the forwarded-headers middleware is not used at all, because with empty lists it would believe
/// any peer; with some listed, only those are believed (the built-in loopback default is cleared).
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are unwrapped from X-Forwarded-For.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Count + KnownNetworks.Count > 0;
}

internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var failures = options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")
            .Concat(options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)).Select(n => $"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."))
            .ToList();
        if (options.ForwardLimit is < 1 or > 10)
        {
            failures.Add("ForwardedHeaders:ForwardLimit must be from 1 to 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Response headers and cookie rules for every response, pages and API alike, errors included: they are written when
/// the response starts, after the exception handler has cleared whatever was set before.
/// </summary>
internal static class SecurityExtensions
{
    public const string AuthCookie = Features.Account.AccountModule.CookieName;
    public const string AntiforgeryCookie = "incubator.af";
    public const string HostPrefix = "__Host-";

    /// <summary>No inline script or style anywhere: scripts and styles come from the themes' and features' files.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    // Cookies renamed with the __Host- prefix under HTTPS (the Identity cookies are chunked as <name>C1, <name>C2...).
    private static readonly string[] PrefixedCookies = [AuthCookie, AntiforgeryCookie, "Identity.TwoFactorUserId", "Identity.TwoFactorRememberMe"];

    // Pages and APIs about one person's account or the back office, private even before sign-in (forms with tokens).
    private static readonly string[] PrivatePaths = ["/account", "/my", "/admin", "/records", "/api/auth", "/api/admin", "/events/registrations", "/api/registrations"];

    public static IServiceCollection AddIncubatorSecurity(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            // Host is not taken from a proxy: links are built from the request's host, and a forged one would
            // put another site's name into password-reset e-mails.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = settings.Value.ForwardLimit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                if (IPNetwork.TryParse(network, out var parsed))
                {
                    o.KnownIPNetworks.Add(parsed);
                }
            }
        });

        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddIncubatorBadRequests();
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        return services;
    }

    /// <summary>First in the pipeline: the client's real address and scheme, then the headers and cookie names that depend on them.</summary>
    public static IApplicationBuilder UseIncubatorSecurity(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }

        var production = !app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        app.Use((context, next) =>
        {
            if (context.Request.IsHttps)
            {
                UnprefixRequestCookies(context.Request);
            }

            context.Response.OnStarting(() =>
            {
                WriteHeaders(context, production);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>The OpenAPI document describes every endpoint; in production it is served only when <c>OpenApi:Enabled</c> says so.</summary>
    public static bool OpenApiEnabled(OpenApiOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return options.Enabled ?? !environment.IsProduction();
    }

    private static void WriteHeaders(HttpContext context, bool production)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        // Not in development, where one HTTPS visit would pin localhost to HTTPS for every other project.
        if (production && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        if (!headers.ContainsKey(HeaderNames.CacheControl)
            && (context.User.Identity?.IsAuthenticated == true || PrivatePaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))))
        {
            headers.CacheControl = "no-store";
        }

        if (context.Request.IsHttps && headers.SetCookie.Count > 0)
        {
            headers.SetCookie = new StringValues(headers.SetCookie.Select(PrefixSetCookie).ToArray());
        }
    }

    /// <summary>
    /// Under HTTPS the site's own cookies travel as __Host-&lt;name&gt;, which a browser accepts only when Secure, for
    /// path / and without a domain, so a sibling subdomain or a plain-HTTP page cannot plant or overwrite them. The
    /// handlers keep their plain names: only the wire names change, so plain HTTP (local development) still works.
    /// </summary>
    private static string? PrefixSetCookie(string? header)
    {
        if (header is null || !IsPrefixed(header.AsSpan(0, Math.Max(0, header.IndexOf('=', StringComparison.Ordinal)))))
        {
            return header;
        }

        var attributes = header.Split(';', StringSplitOptions.TrimEntries);
        var hostOnly = attributes.Skip(1).Any(a => a.Equals("path=/", StringComparison.OrdinalIgnoreCase))
                       && !attributes.Skip(1).Any(a => a.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
        if (!hostOnly)
        {
            return header;
        }

        var secure = attributes.Skip(1).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));
        return HostPrefix + header + (secure ? string.Empty : "; secure");
    }

    /// <summary>Shows the handlers the __Host- cookies by their plain names and drops plain copies, which an HTTPS request must not trust.</summary>
    private static void UnprefixRequestCookies(HttpRequest request)
    {
        var header = request.Headers.Cookie;
        if (header.Count == 0)
        {
            return;
        }

        var kept = new List<string>();
        var changed = false;
        foreach (var line in header)
        {
            foreach (var pair in (line ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = pair.AsSpan(0, Math.Max(0, pair.IndexOf('=', StringComparison.Ordinal)));
                if (name.StartsWith(HostPrefix, StringComparison.Ordinal) && IsPrefixed(name[HostPrefix.Length..]))
                {
                    kept.Add(pair[HostPrefix.Length..]);
                    changed = true;
                }
                else if (IsPrefixed(name))
                {
                    changed = true;
                }
                else
                {
                    kept.Add(pair);
                }
            }
        }

        if (changed)
        {
            request.Headers.Cookie = string.Join("; ", kept);
        }
    }

    private static bool IsPrefixed(ReadOnlySpan<char> name)
    {
        foreach (var cookie in PrefixedCookies)
        {
            if (name.Equals(cookie, StringComparison.Ordinal)
                || (name.StartsWith(cookie, StringComparison.Ordinal) && name.Length > cookie.Length + 1 && name[cookie.Length] == 'C' && int.TryParse(name[(cookie.Length + 1)..], out _)))
            {
                return true;
            }
        }

        return false;
    }
}
