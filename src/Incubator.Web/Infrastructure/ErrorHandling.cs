using Incubator.Core.Content;
using Incubator.Recipes;
using Incubator.Web.Features.Content;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// The one place that turns exceptions into responses: ProblemDetails under /api, the error page elsewhere.
/// Known domain errors map to 400/404/409; anything else is a 500 and a bug.
/// </summary>
internal sealed class IncubatorExceptionHandler(IProblemDetailsService problems, IStringLocalizer<IncubatorExceptionHandler> localizer, ILogger<IncubatorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ApiProblems.UseRequestCulture(httpContext);

        // By now the middleware has pointed Request.Path at the error page; the feature keeps the path that failed.
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value);
        var (status, detail) = exception switch
        {
            ContentNotFoundException => (StatusCodes.Status404NotFound, localizer["The item was not found."].Value),
            ContentRuleException rule => (StatusCodes.Status400BadRequest, localizer[rule.Message].Value),
            ContentConflictException conflict => (StatusCodes.Status409Conflict, localizer[conflict.Message].Value),
            RecipeException recipe => (StatusCodes.Status400BadRequest, recipe.Message),
            BadHttpRequestException bad => (bad.StatusCode, localizer["The request could not be read."].Value),
            // A malformed form or multipart body (no boundary, too many parts, oversized part headers) read by a handler itself.
            InvalidDataException => (StatusCodes.Status400BadRequest, localizer["The request could not be read."].Value),
            _ => (StatusCodes.Status500InternalServerError, localizer["Something went wrong on our side. The error has been logged."].Value),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Path}", path);
        }

        httpContext.Response.StatusCode = status;
        if (path.StartsWithSegments("/api"))
        {
            if (ApiProblems.ForUnreadableJson(exception, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint, localizer) is { } unreadable)
            {
                return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = unreadable, Exception = exception });
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = status, Detail = detail },
                Exception = exception,
            });
        }

        httpContext.Items["ErrorMessage"] = detail;
        httpContext.Items["ErrorStatus"] = status;
        return false;
    }
}
