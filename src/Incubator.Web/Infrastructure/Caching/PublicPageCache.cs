using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Incubator.Web.Infrastructure.Caching;

/// <summary>
/// The rendered public pages a feature marks with <c>[OutputCache(PolicyName = PublicPageCache.Policy)]</c> (the home
/// page, the directory, a profile, news and pages) are kept for anonymous visitors: every visitor who is not signed
/// in sees the same page, so rendering it once per change serves them all. A page is kept under the data it was
/// rendered from: its key holds the sum of every <see cref="IPublicDataVersion"/> (this instance's saves, the search
/// index's applied changes, which include other instances' writes) and the site clock's minute, so a change makes
/// the old entry unreachable at once rather than racing an eviction, and a page that depends on the time (a round
/// that opens) is at most a minute behind. Nothing signed in, nothing that sets a cookie or forbids storing (a page
/// that rendered an antiforgery token) and no error is ever kept.
/// </summary>
internal static class PublicPageCache
{
    public const string Policy = "PublicPage";

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services)
    {
        services.AddCheckedOptions<PublicPageCacheOptions>(PublicPageCacheOptions.Section, PublicPageCacheOptions.Problems);
        services.AddDataCache();
        services.AddSingleton<IPublicDataVersion>(sp => sp.GetRequiredService<DataCache>());
        services.AddOutputCache(o =>
        {
            // Only the marked pages: nothing is cached unless a page asks for this policy.
            o.AddPolicy(Policy, new PublicPagePolicy());
        });
        return services;
    }

    /// <summary>After authentication and the throttle, so a signed-in user is known and a throttled visitor stays throttled.</summary>
    public static IApplicationBuilder UsePublicPageCache(this IApplicationBuilder app) => app.UseOutputCache();

    /// <summary>The key parts beyond the address: the reader's language, the data the page was read from, the site's minute.</summary>
    internal static (string Culture, string Data, string Minute) KeyParts(HttpContext context)
    {
        var services = context.RequestServices;
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? string.Empty;
        long data = 0;
        foreach (var version in services.GetServices<IPublicDataVersion>())
        {
            data += version.Version;
        }

        var minute = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        return (culture, data.ToString(System.Globalization.CultureInfo.InvariantCulture), minute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class PublicPagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var seconds = http.RequestServices.GetRequiredService<IOptions<PublicPageCacheOptions>>().Value.Seconds;
            var request = http.Request;
            var anonymous = http.User.Identity?.IsAuthenticated != true && !request.Headers.ContainsKey(HeaderNames.Authorization);
            var kept = seconds > 0 && anonymous && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
            context.EnableOutputCaching = kept;
            context.AllowCacheLookup = kept;
            context.AllowCacheStorage = kept;
            context.AllowLocking = true;
            if (kept)
            {
                context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
                context.CacheVaryByRules.QueryKeys = "*";
                var (culture, data, minute) = KeyParts(http);
                context.CacheVaryByRules.VaryByValues["culture"] = culture;
                context.CacheVaryByRules.VaryByValues["data"] = data;
                context.CacheVaryByRules.VaryByValues["minute"] = minute;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            var cacheControl = response.Headers.CacheControl.ToString();
            if (response.StatusCode != StatusCodes.Status200OK
                || response.Headers.SetCookie.Count > 0
                || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
                || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
                || context.HttpContext.User.Identity?.IsAuthenticated == true)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
