using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Infrastructure;

/// <summary>Checks on what a request names or sends that the framework does not make, so bad input is a 4xx, never a 500.</summary>
internal static class BadRequests
{
    /// <summary>
    /// A path on this site that is safe to put in a Location header: local (not //host or /\host) and free of control
    /// characters, which Kestrel refuses to write in a header (an unhandled error after the page had run).
    /// </summary>
    public static bool IsSafeLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    /// <summary>Whether a return address carries control characters, which no link of the site does: a forged or broken link.</summary>
    public static bool HasControlCharacters(string? url) => url is not null && url.Any(char.IsControl);

    internal static IServiceCollection AddIncubatorBadRequests(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(o => o.Filters.Add(new UnhandledMethodFilter()));
        // An API body that does not parse, or holds a value of the wrong type, throws instead of answering an empty
        // 400, so the exception handler can say which value is wrong (ApiProblems.ForUnreadableJson).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOptions<ProblemDetailsOptions>().Configure<IServiceProvider>((o, provider) =>
        {
            // The framework's own 400s (a JSON body that does not parse, a missing parameter) carry only an English
            // title; the site says what went wrong in the caller's language, as for its own problems.
            var earlier = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                // The framework's default titles ("Not Found", "One or more validation errors occurred.") are English;
                // they are keys of the translations like the site's own texts.
                if (context.ProblemDetails.Title is { } title)
                {
                    context.ProblemDetails.Title = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ProblemDetailsOptions>>()[title];
                }
                if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && context.ProblemDetails.Detail is null
                    && context.ProblemDetails is not HttpValidationProblemDetails)
                {
                    var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ProblemDetailsOptions>>();
                    context.ProblemDetails.Detail = localizer["The request could not be read."];
                }
            };
        });
        return services;
    }

    /// <summary>
    /// After authorisation (an anonymous request to a private form is refused before its body is read): a form or
    /// multipart body that cannot be read (no boundary, truncated, too many fields or parts, oversized part headers)
    /// is answered 400 here, once, instead of failing wherever a handler, binder or antiforgery first reads it.
    /// </summary>
    public static IApplicationBuilder UseIncubatorBadRequests(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.HasFormContentType && context.GetEndpoint() is not null
                && context.Features.Get<IStatusCodeReExecuteFeature>() is null
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
                {
                    await RefuseAsync(context, e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest, "The request could not be read.");
                    return;
                }
            }

            await next(context);
        });

        return app;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        var detail = context.RequestServices.GetRequiredService<IStringLocalizer<ProblemDetailsOptions>>()[message].Value;
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Detail = detail },
            });
            return;
        }

        // The status-code page shows it (re-executed, it does not read the form again).
        context.Items["ErrorMessage"] = detail;
    }

    /// <summary>
    /// A page without a handler for the request's method (a POST to a page that only shows) would otherwise render
    /// with none of its data loaded; it answers 405 instead.
    /// </summary>
    private sealed class UnhandledMethodFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var method = context.HttpContext.Request.Method;
            if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            {
                context.HttpContext.Response.Headers.Allow = "GET, HEAD";
                context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
                return;
            }

            await next();
        }
    }
}
