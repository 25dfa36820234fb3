using System.Security.Claims;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Pipeline;

/// <summary>The pipeline over JSON, for staff: move an organisation, count the organisations per stage.</summary>
internal static class PipelineApi
{
    /// <summary>A move: the stage's code, an optional note, and optionally the stage version the caller saw (409 when another move came first).</summary>
    public sealed record MoveRequest(string? Stage, string? Note, int? Version);

    public sealed record StageResponse(string OrganisationId, string Stage, string Name, string? FromStage, DateTime SinceUtc, int Version);

    public sealed record StageCount(string Stage, string Name, int Count);

    public static void MapPipelineApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/organisations/{id}/pipeline", MoveAsync).WithTags("Pipeline").RequireAuthorization(Policies.Staff)
            .Produces<StageResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/api/pipeline", CountsAsync).WithTags("Pipeline").RequireAuthorization(Policies.Staff);
    }

    private static async Task<IResult> MoveAsync(
        string id, MoveRequest request, ClaimsPrincipal user, UserManager<User> users, MoveOrganisation move, Taxonomies.TaxonomyService taxonomies,
        IStringLocalizer<MoveOrganisation> localizer, CancellationToken cancellationToken)
    {
        var result = await move.MoveAsync(new MoveOrganisationRequest(id, request.Stage, request.Note, request.Version), users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, async stage => TypedResults.Ok(new StageResponse(
            stage.OrganisationId, stage.Stage, await taxonomies.NameAsync(Taxonomies.TaxonomyTerm.Pipeline, stage.Stage, cancellationToken), stage.FromStage, stage.SinceUtc, stage.Version)));
    }

    /// <summary>The count of organisations in each stage of the taxonomy, in its order, under the filters (a province takes its communes).</summary>
    private static async Task<Ok<List<StageCount>>> CountsAsync(string? sector, string? locality, string? kind, PipelineBoard board, CancellationToken cancellationToken)
    {
        var counts = await board.CountsAsync(new PipelineFilter(sector, locality, kind), cancellationToken);
        return TypedResults.Ok(counts.Select(c => new StageCount(c.Stage.Code, c.Stage.Name(Taxonomies.TaxonomyService.English), c.Count)).ToList());
    }
}
