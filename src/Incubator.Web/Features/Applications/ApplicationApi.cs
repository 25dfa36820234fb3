using System.Security.Claims;
using System.Text.Json;
using Incubator.Core.Results;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Support applications over JSON. Applicants create, fill in and submit their own; staff list them; anyone who may
/// not see an application gets 404, as if it did not exist.
/// </summary>
internal static class ApplicationApi
{
    public sealed record CreateRequest(string? ProgrammeId, string? OrganisationId);

    /// <param name="SignerName">Who signed the decision, when the leader recorded it on the decision page.</param>
    public sealed record DecisionResponse(string? Number, DateOnly? Date, long? ApprovedAmount, string? SignerName = null, string? SignerTitle = null);

    public sealed record AttachmentResponse(long Id, string FieldKey, string FileName, long Size, string Url);

    public sealed record ApplicationResponse(
        string Id, string ProgrammeId, string RoundKey, string OrganisationId, string Title, string Status, IReadOnlyDictionary<string, JsonElement> Answers,
        long? RequestedAmount, IReadOnlyList<string> ReopenedFields, DateTime? SubmittedUtc, DecisionResponse? Decision, IReadOnlyList<AttachmentResponse> Attachments);

    public sealed record ApplicationListItem(string Id, string Title, string ProgrammeId, string Status, long? RequestedAmount, DateTime? SubmittedUtc);

    public static void MapApplicationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        group.MapPost("/", CreateAsync).Produces<ApplicationResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.BackOffice);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", UpdateAsync).Produces<ApplicationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/submit", SubmitAsync).Produces<ApplicationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(
        CreateRequest request, ClaimsPrincipal user, UserManager<User> users, ApplicationService applications, IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var result = (await applications.CreateAsync(request.ProgrammeId, request.OrganisationId, users.GetUserId(user)!, cancellationToken)).ToCommandResult();
        return await result.RespondAsync(
            localizer,
            async application => TypedResults.Created($"/api/applications/{application.Id}", await ResponseAsync(db, application, cancellationToken)),
            Concerning(result));
    }

    private static async Task<Ok<List<ApplicationListItem>>> ListAsync(string? programme, string? status, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(programme))
        {
            var ids = await db.Programmes.Where(p => p.ContentItemId == programme || p.Slug == programme).Select(p => p.ContentItemId).Distinct().ToListAsync(cancellationToken);
            query = query.Where(a => ids.Contains(a.ProgrammeId));
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            query = query.Where(a => a.Status == status);
        }

        var rows = await query.OrderBy(a => a.SubmittedUtc == null).ThenBy(a => a.SubmittedUtc).ThenBy(a => a.CreatedUtc).Take(1000)
            .Select(a => new ApplicationListItem(a.Id, a.Title, a.ProgrammeId, a.Status, a.RequestedAmount, a.SubmittedUtc)).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<ApplicationResponse>, NotFound>> GetAsync(string id, ClaimsPrincipal user, UserManager<User> users, ApplicationAccess access, IncubatorDbContext db, CancellationToken cancellationToken)
    {
        var application = await access.FindReadableAsync(id, user, users.GetUserId(user)!, cancellationToken);
        return application is null ? TypedResults.NotFound() : TypedResults.Ok(await ResponseAsync(db, application, cancellationToken));
    }

    private static async Task<IResult> UpdateAsync(
        string id, JsonElement body, ClaimsPrincipal user, UserManager<User> users, ApplicationService applications, IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return CommandResult.Invalid("$", "Send a JSON object with answers and requestedAmount.").ToProblem(localizer);
        }

        Dictionary<string, JsonElement>? answers = null;
        if (body.TryGetProperty("answers", out var answersElement))
        {
            if (answersElement.ValueKind != JsonValueKind.Object)
            {
                return CommandResult.Invalid("answers", "Answers are a JSON object: field key → value.").ToProblem(localizer);
            }

            answers = answersElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }

        long? amount = null;
        var clear = false;
        if (body.TryGetProperty(ApplicationService.RequestedAmountField, out var amountElement))
        {
            if (amountElement.ValueKind == JsonValueKind.Null)
            {
                clear = true;
            }
            else if (amountElement.ValueKind == JsonValueKind.Number && amountElement.TryGetInt64(out var value))
            {
                amount = value;
            }
            else
            {
                return CommandResult.Invalid(ApplicationService.RequestedAmountField, "Give a whole, non-negative number of đồng.").ToProblem(localizer);
            }
        }

        var result = await applications.UpdateAsync(id, users.GetUserId(user)!, answers, amount, clear, cancellationToken);
        return await RespondAsync(result, db, localizer, cancellationToken);
    }

    private static async Task<IResult> SubmitAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, ApplicationService applications, IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken) =>
        await RespondAsync(await applications.SubmitAsync(id, users.GetUserId(user)!, cancellationToken), db, localizer, cancellationToken);

    private static async Task<IResult> RespondAsync(ApplicationResult result, IncubatorDbContext db, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var command = result.ToCommandResult();
        return await command.RespondAsync(localizer, async application => TypedResults.Ok(await ResponseAsync(db, application, cancellationToken)), Concerning(command));
    }

    /// <summary>A conflict names the application concerned (e.g. the one the organisation already has in the round).</summary>
    private static Dictionary<string, object?>? Concerning(CommandResult<SupportApplication> result) =>
        result.Status == CommandStatus.Conflict ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["applicationId"] = result.Value?.Id } : null;

    /// <summary>A 409 problem: what happened (translated), the application concerned and the fields at issue.</summary>
    public static ProblemHttpResult ConflictProblem(string title, string? applicationId, IReadOnlyList<string>? fields = null)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["applicationId"] = applicationId };
        if (fields is not null)
        {
            extensions["fields"] = fields;
        }

        return TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict, extensions: extensions);
    }

    internal static async Task<ApplicationResponse> ResponseAsync(IncubatorDbContext db, SupportApplication a, CancellationToken cancellationToken)
    {
        var attachments = await db.ApplicationAttachments.AsNoTracking().Where(x => x.ApplicationId == a.Id).OrderBy(x => x.Id)
            .Select(x => new AttachmentResponse(x.Id, x.FieldKey, x.FileName, x.Size, $"/api/applications/{a.Id}/attachments/{x.Id}")).ToListAsync(cancellationToken);
        var decision = a.DecisionNumber is null ? null : new DecisionResponse(a.DecisionNumber, a.DecisionDate, a.ApprovedAmount, a.SignerName, a.SignerTitle);
        return new ApplicationResponse(a.Id, a.ProgrammeId, a.RoundKey, a.OrganisationId, a.Title, a.Status, a.Answers, a.RequestedAmount, a.ReopenedFields, a.SubmittedUtc, decision, attachments);
    }
}
