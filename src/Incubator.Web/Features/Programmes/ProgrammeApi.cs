using System.Text.Json;
using Incubator.Core.Content;
using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Programmes;

/// <summary>Programmes over JSON: open ones for everyone; staff create and change them in the recipe's shape.</summary>
public static class ProgrammeApi
{
    public sealed record OpenProgramme(string Id, string Key, LocalizedText Name, string SupportType, ProgrammeRound Round, long MaxPerApplication, long Budget, string Url);

    public sealed record ProgrammeResponse(string Id, bool Published, ProgrammeDefinition Definition);

    public static void MapProgrammeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/programmes").WithTags("Programmes");
        group.MapGet("/", ListOpenAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff);
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Staff);
    }

    private static async Task<Ok<List<OpenProgramme>>> ListOpenAsync(ProgrammeService programmes, IClock clock, CancellationToken cancellationToken)
    {
        var open = await programmes.OpenAsync(clock.UtcNow, cancellationToken);
        return TypedResults.Ok(open.Select(o => new OpenProgramme(
            o.Programme.ContentItemId, o.Programme.Slug, o.Programme.Name, o.Programme.SupportType, o.Round, o.Programme.MaxPerApplication, o.Programme.Budget,
            $"/programmes/{o.Programme.Slug}")).ToList());
    }

    /// <summary>The published programme (by id or key); staff also see one never published.</summary>
    private static async Task<Results<Ok<ProgrammeResponse>, NotFound>> GetAsync(
        string id, HttpContext context, IAuthorizationService authorization, ProgrammeService programmes, CancellationToken cancellationToken)
    {
        var programme = await programmes.PublishedAsync(id, cancellationToken);
        if (programme is null && (await authorization.AuthorizeAsync(context.User, Policies.Staff)).Succeeded)
        {
            programme = await programmes.LatestAsync(id, cancellationToken);
        }

        return programme is null ? TypedResults.NotFound() : TypedResults.Ok(Response(programme));
    }

    private static async Task<Results<Created<ProgrammeResponse>, ValidationProblem>> CreateAsync(
        [FromBody] JsonElement body, HttpContext context, UserManager<User> users, ProgrammeService programmes, IStringLocalizer<ProgrammeService> localizer, CancellationToken cancellationToken)
    {
        var (definition, unreadable) = Parse(body);
        if (definition is null)
        {
            return Invalid(unreadable, localizer["Send the programme as a JSON object in the documented shape."], localizer);
        }

        if (definition.Key is { } key && await programmes.LatestAsync(key, cancellationToken) is not null)
        {
            return Invalid("key", "Another programme already uses this key.", localizer);
        }

        var result = await programmes.SaveAsync(definition, id: null, users.GetUserId(context.User), publish: true, cancellationToken);
        return result.Programme is { } programme
            ? TypedResults.Created($"/api/programmes/{programme.ContentItemId}", Response(programme))
            : TypedResults.ValidationProblem(Errors(result.Errors, localizer));
    }

    private static async Task<Results<Ok<ProgrammeResponse>, NotFound, ValidationProblem>> UpdateAsync(
        string id, [FromBody] JsonElement body, HttpContext context, UserManager<User> users, ProgrammeService programmes, IStringLocalizer<ProgrammeService> localizer, CancellationToken cancellationToken)
    {
        var (definition, unreadable) = Parse(body);
        if (definition is null)
        {
            return Invalid(unreadable, localizer["Send the programme as a JSON object in the documented shape."], localizer);
        }

        try
        {
            var result = await programmes.SaveAsync(definition, id, users.GetUserId(context.User), publish: true, cancellationToken);
            return result.Programme is { } programme ? TypedResults.Ok(Response(programme)) : TypedResults.ValidationProblem(Errors(result.Errors, localizer));
        }
        catch (ContentNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    /// <summary>The definition, or null and the JSON path of the first value that could not be read.</summary>
    private static (ProgrammeDefinition? Definition, string Field) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "body");
        }

        try
        {
            return (ProgrammeDefinition.Parse(body.GetRawText()), string.Empty);
        }
        catch (JsonException ex)
        {
            var path = ex.Path?.TrimStart('$').TrimStart('.');
            return (null, string.IsNullOrEmpty(path) ? "body" : path);
        }
    }

    private static ValidationProblem Invalid(string field, string message, IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [localizer[message]] });

    private static Dictionary<string, string[]> Errors(IReadOnlyDictionary<string, string> errors, IStringLocalizer localizer) =>
        errors.ToDictionary(e => e.Key, e => new[] { localizer[e.Value].Value });

    private static ProgrammeResponse Response(Programme programme) => new(programme.ContentItemId, programme.Published, ProgrammeDefinition.From(programme));
}
