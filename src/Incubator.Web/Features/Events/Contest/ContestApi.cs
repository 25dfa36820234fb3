using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Events.Contest;

/// <summary>A contest's entries and results over JSON, for staff.</summary>
internal static class ContestApi
{
    public sealed record ResultRequest(string? Prize, bool? SentToNational, bool? AppliedInProduction);

    public sealed record EntryResponse(
        string ApplicationId, string Title, string OrganisationId, string? Organisation, string Status, string Prize, bool SentToNational, bool AppliedInProduction,
        string RecordKey, bool HasResult);

    public static void MapContestApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/events/{slug}/results").WithTags("Events").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).Produces<IReadOnlyList<EntryResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{applicationId}", SetAsync).Produces<EntryResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(string slug, IncubatorDbContext db, ContestResults results, IStringLocalizer<ContestResults> localizer, CancellationToken cancellationToken)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Latest && e.DeletedUtc == null, cancellationToken);
        if (item is null)
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        return TypedResults.Ok((await results.EntriesAsync(item, cancellationToken)).Select(Response).ToList());
    }

    private static async Task<IResult> SetAsync(
        string slug, string applicationId, ResultRequest request, ClaimsPrincipal user, UserManager<User> users, IncubatorDbContext db, ContestResults results,
        IStringLocalizer<ContestResults> localizer, CancellationToken cancellationToken)
    {
        var result = await results.SetAsync(slug, applicationId, request.Prize, request.SentToNational ?? false, request.AppliedInProduction ?? false, users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, async saved =>
        {
            var item = await db.Set<Event>().AsNoTracking().FirstAsync(e => e.ContentItemId == saved.EventId && e.Latest, cancellationToken);
            var row = (await results.EntriesAsync(item, cancellationToken, applicationId)).Single();
            return TypedResults.Ok(Response(row));
        });
    }

    private static EntryResponse Response(ContestEntryRow row) => new(
        row.ApplicationId, row.Title, row.OrganisationId, row.OrganisationName, row.Status, ContestResults.PrizeCode(row.Prize), row.SentToNational, row.AppliedInProduction,
        ContestResults.EntryKey(row.ApplicationId), row.HasResult);
}
