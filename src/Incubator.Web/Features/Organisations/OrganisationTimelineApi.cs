using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Timeline;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Incubator.Web.Features.Organisations;

/// <summary>
/// An organisation's timeline over JSON: staff read any directory entry's, its owner reads their own without the
/// staff-only entries, anyone else is refused.
/// </summary>
internal static class OrganisationTimelineApi
{
    /// <summary>One entry: when (UTC), its kind (a code the filter takes), what happened in the caller's language, who did it, and where to read more.</summary>
    public sealed record TimelineItem(DateTime At, string Kind, string Title, string? By, string? Url);

    public static void MapOrganisationTimelineApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/organisations/{id}/timeline", ReadAsync)
            .WithTags("Organisations")
            .RequireAuthorization()
            .Produces<List<TimelineItem>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <param name="kind">Kinds of entry wanted, repeated or comma-separated; none gives every kind.</param>
    /// <param name="before">Only entries strictly before this time (ISO 8601), for the next page.</param>
    /// <param name="limit">How many entries at most (1 to 200, 50 by default).</param>
    private static async Task<IResult> ReadAsync(
        string id, [FromQuery] string[]? kind, string? before, string? limit, ClaimsPrincipal user, IncubatorDbContext db, OrganisationTimeline timelines,
        TimelineReader reader, IStringLocalizer<OrganisationTimeline> localizer, CancellationToken cancellationToken)
    {
        if (await DirectoryEntries.FindAsync(db, id, cancellationToken) is not var (_, organisation))
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var viewer = await timelines.ViewerAsync(user, organisation);
        if (!viewer.IsStaff && !viewer.IsOwner)
        {
            return CommandResult.Forbidden("You may not read this organisation's timeline.").ToProblem(localizer);
        }

        var (window, errors) = TimelineQuery.Parse(new StringValues(kind), before, limit, reader.Kinds.Select(k => k.Code).ToHashSet(StringComparer.Ordinal));
        if (window is null)
        {
            return CommandResult.Invalid(errors).ToProblem(localizer);
        }

        var entries = await reader.ReadAsync(OrganisationTimeline.Subject(organisation.ContentItemId), viewer, window, cancellationToken);
        return TypedResults.Ok(entries.Select(e => new TimelineItem(DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.Kind, e.Title, e.By, e.Url)).ToList());
    }
}
