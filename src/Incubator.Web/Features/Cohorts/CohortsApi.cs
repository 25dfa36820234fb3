using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Cohorts;

/// <summary>Cohorts over JSON, for staff: create one, read it with its grid, add members, record progress, graduate or leave.</summary>
internal static class CohortsApi
{
    public sealed record LocalisedText(string? Vi, string? En);

    public sealed record MilestoneRequest(string? Key, LocalisedText? Title, DateOnly? DueOn, string? Evidence);

    public sealed record CohortRequest(
        string? Key, LocalisedText? Name, DateOnly? StartsOn, DateOnly? EndsOn, string? ProgrammeKey, string? Cadence, string? LeadUserId, IReadOnlyList<MilestoneRequest>? Milestones);

    public sealed record MemberRequest(string? OrganisationId);

    public sealed record ProgressRequest(string? Status, string? Evidence, string? Reason);

    public sealed record EndRequest(DateOnly? On, string? Reason);

    public sealed record MilestoneResponse(string Key, LocalisedText Title, DateOnly DueOn, string? Evidence);

    public sealed record ProgressResponse(string MilestoneKey, string Status, string? Evidence, string? Reason, DateTime? UpdatedUtc);

    public sealed record MemberResponse(string OrganisationId, string? Name, DateOnly JoinedOn, string Status, DateOnly? EndedOn, string? Reason, IReadOnlyList<ProgressResponse> Milestones);

    public sealed record CohortResponse(
        string Id, string Key, LocalisedText Name, DateOnly StartsOn, DateOnly EndsOn, string? ProgrammeKey, string Cadence, string? LeadUserId,
        IReadOnlyList<MilestoneResponse> Milestones, IReadOnlyList<MemberResponse> Members);

    public sealed record AddedResponse(int Added);

    public static void MapCohortsApi(this IEndpointRouteBuilder endpoints)
    {
        var cohorts = endpoints.MapGroup("/api/cohorts").WithTags("Cohorts").RequireAuthorization(Policies.Staff);
        cohorts.MapPost("/", CreateAsync).Produces<CohortResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        cohorts.MapPut("/{key}", UpdateAsync).Produces<CohortResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cohorts.MapGet("/{key}", GetAsync).Produces<CohortResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        cohorts.MapPost("/{key}/members", AddMemberAsync).Produces<MemberResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cohorts.MapPost("/{key}/members/from-programme", FromProgrammeAsync).Produces<AddedResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cohorts.MapPut("/{key}/members/{organisationId}/milestones/{milestoneKey}", SetMilestoneAsync).Produces<ProgressResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cohorts.MapPost("/{key}/members/{organisationId}/graduate", (string key, string organisationId, EndRequest request, ClaimsPrincipal user, UserManager<User> users,
                CohortCommands commands, IStringLocalizer<CohortCommands> localizer, CancellationToken cancellationToken) =>
                EndAsync(key, organisationId, true, request, users.GetUserId(user), commands, localizer, cancellationToken))
            .Produces<MemberResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cohorts.MapPost("/{key}/members/{organisationId}/leave", (string key, string organisationId, EndRequest request, ClaimsPrincipal user, UserManager<User> users,
                CohortCommands commands, IStringLocalizer<CohortCommands> localizer, CancellationToken cancellationToken) =>
                EndAsync(key, organisationId, false, request, users.GetUserId(user), commands, localizer, cancellationToken))
            .Produces<MemberResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(
        CohortRequest request, ClaimsPrincipal user, UserManager<User> users, CohortCommands commands, CohortReader reader, IStringLocalizer<CohortCommands> localizer,
        CancellationToken cancellationToken)
    {
        var input = new CohortInput(
            request.Key, request.Name?.Vi, request.Name?.En, request.StartsOn, request.EndsOn, request.ProgrammeKey, request.Cadence, request.LeadUserId,
            request.Milestones?.Select(m => new MilestoneInput(m.Key, m.Title?.Vi, m.Title?.En, m.DueOn, m.Evidence)).ToList());
        var result = await commands.CreateAsync(input, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, async cohort =>
            TypedResults.Created($"/api/cohorts/{cohort.Key}", Response((await reader.ReadAsync(cohort.Key, cancellationToken))!)));
    }

    /// <summary>Changes a cohort (the key in the body, if any, is ignored: a cohort keeps its key).</summary>
    private static async Task<IResult> UpdateAsync(
        string key, CohortRequest request, CohortCommands commands, CohortReader reader, IStringLocalizer<CohortCommands> localizer, CancellationToken cancellationToken)
    {
        var input = new CohortInput(
            key, request.Name?.Vi, request.Name?.En, request.StartsOn, request.EndsOn, request.ProgrammeKey, request.Cadence, request.LeadUserId,
            request.Milestones?.Select(m => new MilestoneInput(m.Key, m.Title?.Vi, m.Title?.En, m.DueOn, m.Evidence)).ToList());
        var result = await commands.UpdateAsync(key, input, null, cancellationToken);
        return await result.RespondAsync(localizer, async cohort => TypedResults.Ok(Response((await reader.ReadAsync(cohort.Key, cancellationToken))!)));
    }

    private static async Task<IResult> GetAsync(string key, CohortReader reader, IStringLocalizer<CohortCommands> localizer, CancellationToken cancellationToken) =>
        await reader.ReadAsync(key, cancellationToken) is { } view ? TypedResults.Ok(Response(view)) : CommandResult.NotFound().ToProblem(localizer);

    private static async Task<IResult> AddMemberAsync(
        string key, MemberRequest request, ClaimsPrincipal user, UserManager<User> users, CohortCommands commands, IStringLocalizer<CohortCommands> localizer,
        CancellationToken cancellationToken)
    {
        var result = await commands.AddMemberAsync(key, request.OrganisationId, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, member => Task.FromResult<IResult>(
            TypedResults.Created($"/api/cohorts/{key}", Member(member, null, []))));
    }

    private static async Task<IResult> FromProgrammeAsync(
        string key, ClaimsPrincipal user, UserManager<User> users, CohortCommands commands, IStringLocalizer<CohortCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.AddFromProgrammeAsync(key, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, added => Task.FromResult<IResult>(TypedResults.Ok(new AddedResponse(added))));
    }

    private static async Task<IResult> SetMilestoneAsync(
        string key, string organisationId, string milestoneKey, ProgressRequest request, ClaimsPrincipal user, UserManager<User> users, CohortCommands commands,
        IStringLocalizer<CohortCommands> localizer, CancellationToken cancellationToken)
    {
        var result = await commands.SetMilestoneAsync(key, organisationId, milestoneKey, request.Status, request.Evidence, request.Reason, null, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, row => Task.FromResult<IResult>(TypedResults.Ok(Progress(row))));
    }

    private static async Task<IResult> EndAsync(
        string key, string organisationId, bool graduated, EndRequest request, string? userId, CohortCommands commands, IStringLocalizer<CohortCommands> localizer,
        CancellationToken cancellationToken)
    {
        var result = await commands.EndAsync(key, organisationId, graduated, request.On, request.Reason, userId, cancellationToken);
        return await result.RespondAsync(localizer, member => Task.FromResult<IResult>(TypedResults.Ok(Member(member, null, []))));
    }

    private static CohortResponse Response(CohortView view) => new(
        view.Cohort.Id, view.Cohort.Key, new LocalisedText(view.Cohort.NameVi, view.Cohort.NameEn), view.Cohort.StartsOn, view.Cohort.EndsOn, view.Cohort.ProgrammeKey,
        view.Cohort.Cadence, view.Cohort.LeadUserId,
        [.. view.Cohort.Milestones.Select(m => new MilestoneResponse(m.Key, new LocalisedText(m.TitleVi, m.TitleEn), m.DueOn, m.Evidence))],
        [.. view.Members.Select(m => Member(m.Member, m.Name, m.Progress))]);

    private static MemberResponse Member(CohortMember member, string? name, IEnumerable<MemberMilestone> progress) => new(
        member.OrganisationId, name, member.JoinedOn, member.Status, member.EndedOn, member.Reason, [.. progress.Select(Progress)]);

    private static ProgressResponse Progress(MemberMilestone row) => new(row.MilestoneKey, row.Status, row.Evidence, row.WaivedReason, row.UpdatedUtc);
}
