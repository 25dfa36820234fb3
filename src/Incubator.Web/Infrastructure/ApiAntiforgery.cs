using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// The API accepts the auth cookie as well as a bearer token, and a browser sends that cookie with any request another
/// site makes it send: a form post (url-encoded, multipart or text/plain) needs no CORS preflight. So an unsafe call
/// under /api that the cookie authenticated must also carry the antiforgery token in the
/// <see cref="HeaderName"/> header, which another site cannot read. Bearer calls need none: a token is never sent by
/// the browser on its own. Anonymous calls need none either (they carry no authority), except a sign-in that would
/// set the cookie (<c>/api/auth/login?useCookies=true</c>): without the token another site could sign a visitor into
/// an account of its choosing (login CSRF), so that one needs the header too. Browsers sign in through the sign-in
/// page, which has its own token.
/// </summary>
internal static class ApiAntiforgery
{
    /// <summary>The header a cookie API call carries the token in; pages render the token for scripts to read.</summary>
    public const string HeaderName = "RequestVerificationToken";

    /// <summary>The form field the token travels in on a form post (a same-site form may send it instead of the header).</summary>
    public const string FieldName = "__RequestVerificationToken";

    public static IServiceCollection AddIncubatorApiAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.FormFieldName = FieldName;
        });

    /// <summary>After authentication: refuses, with a 400 ProblemDetails and before any endpoint runs, a cookie call without the token.</summary>
    public static IApplicationBuilder UseIncubatorApiAntiforgery(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await NeedsTokenAsync(context) && !await IsValidAsync(context))
            {
                var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<IncubatorExceptionHandler>>();
                var detail = localizer["A call signed in with the site's cookie must send the page's antiforgery token in the RequestVerificationToken header; API clients use a bearer token."].Value;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                // A validation problem on the form field's name, as the API answers any other field it cannot accept.
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldName] = [detail] })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = localizer["The antiforgery token is missing or invalid."].Value,
                        Detail = detail,
                    },
                });
                return;
            }

            await next(context);
        });

    private static async Task<bool> IsValidAsync(HttpContext context)
    {
        try
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // Without the header the token is looked for in a form body; one that cannot be read carries none.
            return false;
        }
    }

    private static async Task<bool> NeedsTokenAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || HandlerPermissions.IsSafe(request.Method))
        {
            return false;
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            // The default scheme tries the bearer token first and then the cookie; only a request the bearer token
            // does not authenticate was authenticated by the cookie.
            return !(await context.AuthenticateAsync(IdentityConstants.BearerScheme)).Succeeded;
        }

        return request.Path.StartsWithSegments("/api/auth/login")
            && (IsTrue(request.Query["useCookies"]) || IsTrue(request.Query["useSessionCookies"]));
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        bool.TryParse(value.ToString(), out var flag) && flag;
}
