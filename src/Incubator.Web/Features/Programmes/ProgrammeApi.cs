using System.Text.Json;
using Incubator.Core.Content;
using Incubator.Core.Results;
using Incubator.Core.Time;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Programmes;

/// <summary>Programmes over JSON: open ones for everyone; staff create and change them in the recipe's shape.</summary>
internal static class ProgrammeApi
{
    public sealed record OpenProgramme(string Id, string Key, LocalizedText Name, string SupportType, ProgrammeRound Round, long MaxPerApplication, long Budget, string Url);

    public sealed record ProgrammeResponse(string Id, bool Published, ProgrammeDefinition Definition);

    public static void MapProgrammeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/programmes").WithTags("Programmes");
        group.MapGet("/", ListOpenAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff).Produces<ProgrammeResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Staff).Produces<ProgrammeResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<OpenProgramme>>> ListOpenAsync(ProgrammeService programmes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var open = await programmes.OpenAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(open.Select(o => new OpenProgramme(
            o.Programme.ContentItemId, o.Programme.Slug, o.Programme.Name, o.Programme.SupportType, o.Round, o.Programme.MaxPerApplication, o.Programme.Budget,
            ProgrammeContentTypes.Programme.PublicUrl(o.Programme.Slug))).ToList());
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

    private static async Task<IResult> CreateAsync(
        [FromBody] JsonElement body, HttpContext context, UserManager<User> users, ProgrammeService programmes, IStringLocalizer<ProgrammeService> localizer, CancellationToken cancellationToken)
    {
        var (definition, unreadable) = Parse(body, localizer);
        if (definition is null)
        {
            return unreadable!.ToProblem(localizer);
        }

        if (definition.Key is { } key && await programmes.LatestAsync(key, cancellationToken) is not null)
        {
            return CommandResult.Invalid("key", "Another programme already uses this key.").ToProblem(localizer);
        }

        var result = await programmes.SaveAsync(definition, id: null, users.GetUserId(context.User), publish: true, cancellationToken);
        return result.Programme is { } programme
            ? TypedResults.Created($"/api/programmes/{programme.ContentItemId}", Response(programme))
            : CommandResult.Invalid(result.Errors).ToProblem(localizer);
    }

    private static async Task<IResult> UpdateAsync(
        string id, [FromBody] JsonElement body, HttpContext context, UserManager<User> users, ProgrammeService programmes, IStringLocalizer<ProgrammeService> localizer, CancellationToken cancellationToken)
    {
        var (definition, unreadable) = Parse(body, localizer);
        if (definition is null)
        {
            return unreadable!.ToProblem(localizer);
        }

        try
        {
            var result = await programmes.SaveAsync(definition, id, users.GetUserId(context.User), publish: true, cancellationToken);
            return result.Programme is { } programme ? TypedResults.Ok(Response(programme)) : CommandResult.Invalid(result.Errors).ToProblem(localizer);
        }
        catch (ContentNotFoundException)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }
    }

    /// <summary>The definition, or null and what could not be read: the JSON path of the first bad value and what it should be.</summary>
    private static (ProgrammeDefinition? Definition, CommandResult? Unreadable) Parse(JsonElement body, IStringLocalizer localizer)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, CommandResult.Invalid("$", "Send the programme as a JSON object in the documented shape."));
        }

        try
        {
            return (ProgrammeDefinition.Parse(body.GetRawText()), null);
        }
        catch (JsonException ex)
        {
            var (key, message) = ApiProblems.Explain(ex, typeof(ProgrammeDefinition), localizer);
            return (null, CommandResult.Invalid(key, message));
        }
    }

    private static ProgrammeResponse Response(Programme programme) => new(programme.ContentItemId, programme.Published, ProgrammeDefinition.From(programme));
}
