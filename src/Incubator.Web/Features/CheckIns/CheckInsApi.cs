using System.Security.Claims;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Organisations;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.CheckIns;

/// <summary>An organisation's check-ins over JSON: its owner or staff file one per period (a second is an update) and read them.</summary>
internal static class CheckInsApi
{
    /// <summary>At most this many check-ins come back: over forty years of months.</summary>
    public const int MaxListed = 500;

    public sealed record Funding(long? Grant, long? Equity, long? Loan);

    public sealed record CheckInRequest(
        string? Period, long? Revenue, long? Employees, long? WomenEmployees, long? NewJobs, Funding? FundingRaised, long? Customers, long? ProductsLaunched,
        long? IpFilings, long? IpGranted, long? Exports, string? Comment);

    public sealed record FundingResponse(long Grant, long Equity, long Loan);

    public sealed record CheckInResponse(
        string Period, DateOnly PeriodStart, long Revenue, int Employees, int WomenEmployees, int NewJobs, FundingResponse FundingRaised, int Customers,
        int ProductsLaunched, int IpFilings, int IpGranted, long Exports, string? Comment, DateTime SubmittedUtc, DateTime UpdatedUtc);

    public static void MapCheckInsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organisations/{id}/checkins").WithTags("Check-ins").RequireAuthorization();
        group.MapPost("/", SaveAsync).Produces<CheckInResponse>(StatusCodes.Status201Created).Produces<CheckInResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).Produces<List<CheckInResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static CheckInInput Input(CheckInRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Period, new Dictionary<string, long?>(StringComparer.Ordinal)
        {
            [CheckInRules.Revenue.Key] = request.Revenue,
            [CheckInRules.Employees.Key] = request.Employees,
            [CheckInRules.WomenEmployees.Key] = request.WomenEmployees,
            [CheckInRules.NewJobs.Key] = request.NewJobs,
            [CheckInRules.FundingGrant.Key] = request.FundingRaised?.Grant,
            [CheckInRules.FundingEquity.Key] = request.FundingRaised?.Equity,
            [CheckInRules.FundingLoan.Key] = request.FundingRaised?.Loan,
            [CheckInRules.Customers.Key] = request.Customers,
            [CheckInRules.ProductsLaunched.Key] = request.ProductsLaunched,
            [CheckInRules.IpFilings.Key] = request.IpFilings,
            [CheckInRules.IpGranted.Key] = request.IpGranted,
            [CheckInRules.Exports.Key] = request.Exports,
        }, request.Comment);
    }

    public static CheckInResponse Response(CheckIn c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Period, c.PeriodStart, c.Revenue, c.Employees, c.WomenEmployees, c.NewJobs, new FundingResponse(c.FundingGrant, c.FundingEquity, c.FundingLoan), c.Customers,
            c.ProductsLaunched, c.IpFilings, c.IpGranted, c.Exports, c.Comment, DateTime.SpecifyKind(c.SubmittedUtc, DateTimeKind.Utc), DateTime.SpecifyKind(c.UpdatedUtc, DateTimeKind.Utc));
    }

    /// <summary>Whether the caller may see and file the organisation's check-ins: staff, or its owner; anyone else is told it does not exist.</summary>
    private static async Task<bool> MayAsync(string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OrganisationAccess organisations,
        CancellationToken cancellationToken) =>
        await organisations.FindAsync(id, cancellationToken) is var (_, profile)
        && (profile.OwnerId == users.GetUserId(user) || (await authorization.AuthorizeAsync(user, Policies.Staff)).Succeeded);

    private static async Task<IResult> SaveAsync(
        string id, CheckInRequest request, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OrganisationAccess organisations,
        CheckInCommands commands, IStringLocalizer<CheckInCommands> localizer, CancellationToken cancellationToken)
    {
        if (!await MayAsync(id, user, users, authorization, organisations, cancellationToken))
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var result = await commands.SaveAsync(id, Input(request), users.GetUserId(user), cancellationToken);
        return await result.RespondAsync(localizer, saved => Task.FromResult<IResult>(saved.Created
            ? TypedResults.Created($"/api/organisations/{id}/checkins", Response(saved.CheckIn))
            : TypedResults.Ok(Response(saved.CheckIn))));
    }

    private static async Task<IResult> ListAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, IAuthorizationService authorization, OrganisationAccess organisations, IncubatorDbContext db,
        IStringLocalizer<CheckInCommands> localizer, CancellationToken cancellationToken)
    {
        if (!await MayAsync(id, user, users, authorization, organisations, cancellationToken))
        {
            return CommandResult.NotFound().ToProblem(localizer);
        }

        var rows = await CheckInReader.HistoryAsync(db, id, MaxListed, cancellationToken);
        return TypedResults.Ok(rows.Select(Response).ToList());
    }
}
