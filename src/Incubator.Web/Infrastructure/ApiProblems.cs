using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Incubator.Core.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Infrastructure;

/// <summary>
/// The one mapping of a <see cref="CommandResult"/> to what leaves the site: ProblemDetails for the API, ModelState on
/// pages. Messages are translated here, once, in the caller's language.
/// </summary>
internal static class CommandResults
{
    /// <summary>The refusal as ProblemDetails: 400 with the errors keyed by field, 404, 409 (naming the fields at issue) or 403.</summary>
    /// <param name="extensions">Members the feature adds to the problem, e.g. the id of the application a conflict is about.</param>
    public static IResult ToProblem(this CommandResult result, IStringLocalizer localizer, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(localizer);
        switch (result.Status)
        {
            case CommandStatus.Invalid:
                return TypedResults.ValidationProblem(
                    result.Errors.ToDictionary(e => e.Key, e => new[] { localizer[e.Value].Value }, StringComparer.Ordinal), extensions: extensions);
            case CommandStatus.NotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, extensions: extensions);
            case CommandStatus.Conflict:
            case CommandStatus.Forbidden:
                var title = result.Detail is { } detail
                    ? localizer[detail].Value
                    : string.Join(" ", result.Errors.Values.Distinct(StringComparer.Ordinal).Select(v => localizer[v].Value));
                var members = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
                if (result.Errors.Count > 0)
                {
                    members["fields"] = result.Errors.Keys.ToList();
                }

                return TypedResults.Problem(
                    title: title, statusCode: result.Status == CommandStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden, extensions: members);
            default:
                throw new ArgumentException("A success is not a problem.", nameof(result));
        }
    }

    /// <summary>The answer of an endpoint: <paramref name="ok"/> on success, the problem otherwise.</summary>
    public static async Task<IResult> RespondAsync<T>(this CommandResult<T> result, IStringLocalizer localizer, Func<T, Task<IResult>> ok, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(ok);
        return result.Succeeded ? await ok(result.Value!) : result.ToProblem(localizer, extensions);
    }

    /// <summary>The refusal's messages next to the page's fields; <paramref name="prefix"/> is the bound model's name (e.g. "Input").</summary>
    public static void AddTo(this CommandResult result, ModelStateDictionary modelState, IStringLocalizer localizer, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        if (result.Detail is { } detail)
        {
            modelState.AddModelError(string.Empty, localizer[detail]);
        }

        foreach (var (field, message) in result.Errors)
        {
            modelState.AddModelError(string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}", localizer[message]);
        }
    }
}

/// <summary>
/// Every 4xx and 5xx under /api is ProblemDetails: a JSON body that does not parse, or holds a value of the wrong type,
/// names the JSON path of the value and what was expected there; statuses the framework answers without a body (404
/// of an unknown address, 405, 415, 401, 403) get one.
/// </summary>
internal static class ApiProblems
{
    /// <summary>First in the pipeline after the exception handler: the HTML status pages stay out of /api, and a bodiless error gets its problem.</summary>
    public static IApplicationBuilder UseIncubatorApiProblems(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            // Not inside a UseWhen branch: re-executing from a branch finds no endpoint, so every 4xx page came out
            // as an empty 404. API clients get ProblemDetails instead of the HTML page.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            await next(context);
            if (context.Response.StatusCode >= StatusCodes.Status400BadRequest && !context.Response.HasStarted
                && context.Response.ContentType is null && context.Response.ContentLength is null or 0
                && !HttpMethods.IsHead(context.Request.Method))
            {
                var status = context.Response.StatusCode;
                UseRequestCulture(context);
                var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<ProblemDetailsOptions>>();
                var detail = status switch
                {
                    StatusCodes.Status404NotFound => localizer["Nothing was found at this address."].Value,
                    StatusCodes.Status405MethodNotAllowed => localizer["This address does not take this method."].Value,
                    StatusCodes.Status415UnsupportedMediaType => localizer["Send the body as JSON (Content-Type: application/json)."].Value,
                    StatusCodes.Status400BadRequest => localizer["The request could not be read."].Value,
                    _ => null,
                };
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = status, Detail = detail },
                });
            }
        });
        return app;
    }

    /// <summary>
    /// Out here, before request localisation in the pipeline or after it unwound, the thread has lost the caller's
    /// language; the problem is written in it all the same (the site's default when localisation never ran).
    /// </summary>
    internal static void UseRequestCulture(HttpContext context)
    {
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture
            ?? context.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value.DefaultRequestCulture;
        CultureInfo.CurrentCulture = culture.Culture;
        CultureInfo.CurrentUICulture = culture.UICulture;
    }

    /// <summary>
    /// The problem for a JSON body the framework could not read: null when <paramref name="exception"/> is not about JSON.
    /// The errors are keyed by the path of the bad value ("version", "data.approvedAmount"; "$" for the whole body).
    /// </summary>
    public static HttpValidationProblemDetails? ForUnreadableJson(Exception exception, Endpoint? endpoint, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(localizer);
        if (exception is not BadHttpRequestException { InnerException: JsonException json })
        {
            return null;
        }

        var bodyType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var (key, message) = Explain(json, bodyType, localizer);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [key] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = localizer["The request could not be read."],
        };
    }

    /// <summary>
    /// Where a JSON text went wrong, keyed by the path of the bad value ("version", "data.approvedAmount"; "$" for the
    /// whole body), and what was expected there as far as <paramref name="root"/> (the type being read) tells.
    /// </summary>
    public static (string Key, string Message) Explain(JsonException json, Type? root, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(localizer);
        var path = json.Path ?? "$";
        var key = path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
        if (json.InnerException is JsonException || json.Path is null)
        {
            // The reader's own exception inside: the text is not JSON at all (or ends too early).
            return (key, localizer["The body is not valid JSON: look at line {0}, character {1}.", (json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1]);
        }

        var expected = root is null ? null : TypeAt(root, path);
        return (key, localizer[expected is null ? "This value has the wrong type." : Expected(expected)]);
    }

    /// <summary>The type a JSON path leads to inside <paramref name="root"/>, following properties, dictionaries and lists; null when lost.</summary>
    internal static Type? TypeAt(Type root, string path)
    {
        var type = root;
        foreach (var segment in Segments(path))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment.Index)
            {
                type = ElementType(type);
            }
            else if (DictionaryValueType(type) is { } value)
            {
                type = value;
            }
            else
            {
                type = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => string.Equals(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, segment.Name, StringComparison.OrdinalIgnoreCase))
                    ?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>"$.a.b[0]['c d']" → a, b, [index], "c d".</summary>
    private static IEnumerable<(string Name, bool Index)> Segments(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 1)..end], false);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 2)..end], false);
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return (string.Empty, true);
                i = end < 0 ? path.Length : end + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType] && keyType == typeof(string)
        && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)))
            ? valueType
            : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>What a value of <paramref name="type"/> looks like in JSON, as an English text the localiser translates.</summary>
    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "Expected text here.",
        _ when type == typeof(bool) => "Expected true or false here.",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "Expected a whole number here.",
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "Expected a number here.",
        _ when type == typeof(DateOnly) => "Expected a date as yyyy-MM-dd here.",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "Expected a date and time here.",
        _ when type == typeof(Guid) => "Expected an identifier here.",
        { IsEnum: true } => "Expected one of the documented values here.",
        _ when DictionaryValueType(type) is not null => "Expected a JSON object here.",
        _ when typeof(IEnumerable).IsAssignableFrom(type) => "Expected a list here.",
        _ => "Expected a JSON object here.",
    };
}
