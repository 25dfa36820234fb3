using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Mentoring;

/// <summary>
/// Mentoring over JSON: a startup's needs and its mentor suggestions (staff or the organisation's owner), matches
/// (staff confirm at once, an owner's request waits for the mentor), and a mentor's own details.
/// </summary>
internal static class MentoringApi
{
    public sealed record SuggestionResponse(string MentorId, string Name, int Score, IReadOnlyList<string> Reasons, bool AcceptsRequests);

    public sealed record NeedsResponse(string OrganisationId, IReadOnlyList<string> Needs, string? Note);

    public sealed record MatchResponse(string Id, string OrganisationId, string MentorId, string Status, DateTime RequestedUtc, DateTime? DecidedUtc, int HoursAllocated, string? Reasons);

    public sealed record ProfileResponse(
        string MentorId, IReadOnlyList<string> Expertise, IReadOnlyList<string> Sectors, IReadOnlyList<string> Stages, IReadOnlyList<string> Languages, int HoursPerMonth, bool AcceptsRequests);

    public static void MapMentoringApi(this IEndpointRouteBuilder endpoints)
    {
        var organisations = endpoints.MapGroup("/api/organisations/{id}").WithTags("Mentoring").RequireAuthorization();
        organisations.MapGet("/mentor-suggestions", SuggestionsAsync).Produces<List<SuggestionResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        organisations.MapGet("/needs", GetNeedsAsync).Produces<NeedsResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        organisations.MapPut("/needs", PutNeedsAsync).Produces<NeedsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var matches = endpoints.MapGroup("/api/matches").WithTags("Mentoring").RequireAuthorization();
        matches.MapPost("/", RequestAsync).Produces<MatchResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        matches.MapPost("/{id}/accept", (string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, MatchCommands commands, IStringLocalizer<MatchCommands> localizer, CancellationToken cancellationToken) =>
                AnswerAsync(id, accept: true, user, users, authorization, commands, localizer, cancellationToken))
            .Produces<MatchResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        matches.MapPost("/{id}/decline", (string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, MatchCommands commands, IStringLocalizer<MatchCommands> localizer, CancellationToken cancellationToken) =>
                AnswerAsync(id, accept: false, user, users, authorization, commands, localizer, cancellationToken))
            .Produces<MatchResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        matches.MapPost("/{id}/end", EndAsync).Produces<MatchResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var mentors = endpoints.MapGroup("/api/mentors/me").WithTags("Mentoring").RequireAuthorization(p => p.RequireRole(Roles.Mentor));
        mentors.MapGet("/profile", GetProfileAsync).Produces<ProfileResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        mentors.MapPut("/profile", PutProfileAsync).Produces<ProfileResponse>().ProducesValidationProblem();
    }

    public static string StatusCode(MatchStatus status) => status switch
    {
        MatchStatus.Requested => "requested",
        MatchStatus.Active => "active",
        MatchStatus.Declined => "declined",
        _ => "ended",
    };

    public static MatchResponse ToResponse(MentorMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new(match.Id, match.OrganisationId, match.MentorId, StatusCode(match.Status), DateTime.SpecifyKind(match.RequestedUtc, DateTimeKind.Utc),
            match.DecidedUtc is { } decided ? DateTime.SpecifyKind(decided, DateTimeKind.Utc) : null, match.HoursAllocated, match.Reasons);
    }

    private static async Task<MentoringCaller> CallerAsync(ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization) =>
        new(users.GetUserId(user)!, (await authorization.AuthorizeAsync(user, Policies.Staff)).Succeeded);

    /// <summary>The organisation when the caller is staff or its owner; anyone else is told it does not exist.</summary>
    private static async Task<Directory.DirectoryProfile?> OrganisationAsync(string id, MentoringCaller caller, OrganisationAccess organisations, CancellationToken cancellationToken) =>
        await organisations.FindAsync(id, cancellationToken) is var (_, profile) && (caller.Staff || profile.OwnerId == caller.UserId) ? profile : null;

    private static async Task<IResult> SuggestionsAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OrganisationAccess organisations, MentorSuggestions suggestions,
        IStringLocalizer<MentorSuggestions> localizer, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(id, await CallerAsync(user, users, authorization), organisations, cancellationToken) is not { } organisation)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var list = await suggestions.ForAsync(organisation, cancellationToken);
        return TypedResults.Ok(list.Select(s => new SuggestionResponse(s.MentorId, s.Name, s.Score, s.Reasons, s.AcceptsRequests)).ToList());
    }

    private static async Task<IResult> GetNeedsAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OrganisationAccess organisations, MentorProfiles profiles,
        IStringLocalizer<MentorProfiles> localizer, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(id, await CallerAsync(user, users, authorization), organisations, cancellationToken) is not { } organisation)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var needs = await profiles.NeedsAsync(organisation.ContentItemId, cancellationToken);
        return TypedResults.Ok(new NeedsResponse(organisation.ContentItemId, needs?.Needs ?? [], needs?.Note));
    }

    private static async Task<IResult> PutNeedsAsync(
        string id, MentorProfiles.NeedsRequest request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OrganisationAccess organisations,
        MentorProfiles profiles, IStringLocalizer<MentorProfiles> localizer, CancellationToken cancellationToken)
    {
        if (await OrganisationAsync(id, await CallerAsync(user, users, authorization), organisations, cancellationToken) is not { } organisation)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var result = await profiles.SaveNeedsAsync(organisation.ContentItemId, request, cancellationToken);
        return await result.RespondAsync(localizer, needs => Task.FromResult<IResult>(TypedResults.Ok(new NeedsResponse(needs.OrganisationId, needs.Needs, needs.Note))));
    }

    private static async Task<IResult> RequestAsync(
        MatchCommands.Request request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, MatchCommands commands,
        IStringLocalizer<MatchCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.RequestAsync(request, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, match => Task.FromResult<IResult>(TypedResults.Created($"/api/matches/{match.Id}", ToResponse(match))));
    }

    private static async Task<IResult> AnswerAsync(
        string id, bool accept, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, MatchCommands commands,
        IStringLocalizer<MatchCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.AnswerAsync(id, accept, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, match => Task.FromResult<IResult>(TypedResults.Ok(ToResponse(match))));
    }

    /// <summary>The body of <c>POST /api/matches/{id}/end</c>: why the match ends, optional.</summary>
    internal sealed record EndRequest(string? Reason);

    private static async Task<IResult> EndAsync(
        string id, EndRequest? request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, MatchCommands commands,
        IStringLocalizer<MatchCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.EndAsync(id, request?.Reason, await CallerAsync(user, users, authorization), cancellationToken);
        return await result.RespondAsync(localizer, match => Task.FromResult<IResult>(TypedResults.Ok(ToResponse(match))));
    }

    private static async Task<IResult> GetProfileAsync(
        ClaimsPrincipal user, UserManager<User> users, MentorProfiles profiles, IStringLocalizer<MentorProfiles> localizer, CancellationToken cancellationToken) =>
        await profiles.MineAsync(users.GetUserId(user)!, cancellationToken) is { } details
            ? TypedResults.Ok(Profile(details))
            : CommandResult.NotFound().ToProblem(localizer);

    private static async Task<IResult> PutProfileAsync(
        MentorProfiles.ProfileRequest request, ClaimsPrincipal user, UserManager<User> users, MentorProfiles profiles, IStringLocalizer<MentorProfiles> localizer,
        CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        var result = await profiles.SaveMineAsync(account!.Id, account.DisplayName ?? account.Email ?? account.Id, request, cancellationToken);
        return await result.RespondAsync(localizer, details => Task.FromResult<IResult>(TypedResults.Ok(Profile(details))));
    }

    private static ProfileResponse Profile(MentorDetails details) =>
        new(details.MentorId, details.Expertise, details.Sectors, details.Stages, details.Languages, details.HoursPerMonth, details.AcceptsRequests);
}
