using System.Security.Claims;
using System.Text.Json;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Support applications over JSON. Applicants create, fill in and submit their own; staff list them; anyone who may
/// not see an application gets 404, as if it did not exist.
/// </summary>
public static class ApplicationApi
{
    public sealed record CreateRequest(string? ProgrammeId, string? OrganisationId);

    public sealed record DecisionResponse(string? Number, DateOnly? Date, long? ApprovedAmount);

    public sealed record AttachmentResponse(long Id, string FieldKey, string FileName, long Size, string Url);

    public sealed record ApplicationResponse(
        string Id, string ProgrammeId, string RoundKey, string OrganisationId, string Title, string Status, IReadOnlyDictionary<string, JsonElement> Answers,
        long? RequestedAmount, IReadOnlyList<string> ReopenedFields, DateTime? SubmittedUtc, DecisionResponse? Decision, IReadOnlyList<AttachmentResponse> Attachments);

    public sealed record ApplicationListItem(string Id, string Title, string ProgrammeId, string Status, long? RequestedAmount, DateTime? SubmittedUtc);

    public static void MapApplicationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.BackOffice);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", UpdateAsync);
        group.MapPost("/{id}/submit", SubmitAsync);
    }

    private static async Task<Results<Created<ApplicationResponse>, ValidationProblem, Conflict<ProblemLike>>> CreateAsync(
        CreateRequest request, ClaimsPrincipal user, UserManager<User> users, ApplicationService applications, IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var result = await applications.CreateAsync(request.ProgrammeId, request.OrganisationId, users.GetUserId(user)!, cancellationToken);
        return result.Outcome switch
        {
            ApplicationOutcome.Ok => TypedResults.Created($"/api/applications/{result.Application!.Id}", await ResponseAsync(db, result.Application, cancellationToken)),
            ApplicationOutcome.Conflict => TypedResults.Conflict(new ProblemLike(localizer[result.Errors.Values.First()], result.Application?.Id)),
            _ => TypedResults.ValidationProblem(Errors(result, localizer)),
        };
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

    private static async Task<Results<Ok<ApplicationResponse>, NotFound, ValidationProblem, Conflict<ProblemLike>>> UpdateAsync(
        string id, JsonElement body, ClaimsPrincipal user, UserManager<User> users, ApplicationService applications, IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [localizer["Send a JSON object with answers and requestedAmount."]] });
        }

        Dictionary<string, JsonElement>? answers = null;
        if (body.TryGetProperty("answers", out var answersElement))
        {
            if (answersElement.ValueKind != JsonValueKind.Object)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = [localizer["Answers are a JSON object: field key → value."]] });
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
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ApplicationService.RequestedAmountField] = [localizer["Give a whole, non-negative number of đồng."]] });
            }
        }

        var result = await applications.UpdateAsync(id, users.GetUserId(user)!, answers, amount, clear, cancellationToken);
        return await RespondAsync(result, db, localizer, cancellationToken);
    }

    private static async Task<Results<Ok<ApplicationResponse>, NotFound, ValidationProblem, Conflict<ProblemLike>>> SubmitAsync(
        string id, ClaimsPrincipal user, UserManager<User> users, ApplicationService applications, IncubatorDbContext db, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken) =>
        await RespondAsync(await applications.SubmitAsync(id, users.GetUserId(user)!, cancellationToken), db, localizer, cancellationToken);

    private static async Task<Results<Ok<ApplicationResponse>, NotFound, ValidationProblem, Conflict<ProblemLike>>> RespondAsync(
        ApplicationResult result, IncubatorDbContext db, IStringLocalizer localizer, CancellationToken cancellationToken) => result.Outcome switch
        {
            ApplicationOutcome.Ok => TypedResults.Ok(await ResponseAsync(db, result.Application!, cancellationToken)),
            ApplicationOutcome.NotFound => TypedResults.NotFound(),
            ApplicationOutcome.Conflict => TypedResults.Conflict(new ProblemLike(string.Join(" ", result.Errors.Values.Distinct().Select(v => localizer[v].Value)), result.Application?.Id, result.Errors.Keys.ToList())),
            _ => TypedResults.ValidationProblem(Errors(result, localizer)),
        };

    /// <summary>A 409 body: what happened, the application concerned and the fields at issue.</summary>
    public sealed record ProblemLike(string Title, string? ApplicationId, IReadOnlyList<string>? Fields = null)
    {
        public int Status => StatusCodes.Status409Conflict;
    }

    private static Dictionary<string, string[]> Errors(ApplicationResult result, IStringLocalizer localizer) =>
        result.Errors.ToDictionary(e => e.Key, e => new[] { localizer[e.Value].Value });

    internal static async Task<ApplicationResponse> ResponseAsync(IncubatorDbContext db, SupportApplication a, CancellationToken cancellationToken)
    {
        var attachments = await db.ApplicationAttachments.AsNoTracking().Where(x => x.ApplicationId == a.Id).OrderBy(x => x.Id)
            .Select(x => new AttachmentResponse(x.Id, x.FieldKey, x.FileName, x.Size, $"/api/applications/{a.Id}/attachments/{x.Id}")).ToListAsync(cancellationToken);
        var decision = a.DecisionNumber is null ? null : new DecisionResponse(a.DecisionNumber, a.DecisionDate, a.ApprovedAmount);
        return new ApplicationResponse(a.Id, a.ProgrammeId, a.RoundKey, a.OrganisationId, a.Title, a.Status, a.Answers, a.RequestedAmount, a.ReopenedFields, a.SubmittedUtc, decision, attachments);
    }
}
