using System.Security.Claims;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Attachments of an application's file fields: the owner uploads and removes them while the field is open; whoever
/// may read the application downloads them, always as a download.
/// </summary>
internal static class AttachmentApi
{
    public static void MapAttachmentApi(this IEndpointRouteBuilder endpoints)
    {
        // Antiforgery is checked for every cookie call under /api (ApiAntiforgery), not by the form binding's own
        // check, which would also ask bearer clients for a token.
        endpoints.MapPost("/api/applications/{id}/attachments", UploadAsync).WithTags("Applications").RequireAuthorization().DisableAntiforgery()
            .RequireRateLimiting(Infrastructure.RateLimitPolicies.Uploads);
        endpoints.MapGet("/api/applications/{id}/attachments/{attachmentId:long}", DownloadAsync).WithTags("Applications").RequireAuthorization();
        endpoints.MapDelete("/api/applications/{id}/attachments/{attachmentId:long}", DeleteAsync).WithTags("Applications").RequireAuthorization().DisableAntiforgery();
    }

    private static async Task<Results<Created<ApplicationApi.AttachmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string id, HttpContext context, UserManager<User> users, AttachmentChanges changes, IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(context.User)!;
        var application = await changes.FindOwnedAsync(id, userId, cancellationToken);
        if (application is null)
        {
            return TypedResults.NotFound();
        }

        if (!context.Request.HasFormContentType)
        {
            return Invalid("file", localizer["Send the file as multipart/form-data with its fieldKey."]);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var change = await changes.AddAsync(application, userId, form["fieldKey"].ToString(), form.Files.GetFile("file"), cancellationToken);
        if (change.Attachment is not { } attachment)
        {
            return change.Outcome == AttachmentChangeOutcome.Invalid ? Invalid(change.Field!, localizer[change.Message!, change.Arguments ?? []]) : Conflict(change, id, localizer);
        }

        var url = $"/api/applications/{id}/attachments/{attachment.Id}";
        return TypedResults.Created(url, new ApplicationApi.AttachmentResponse(attachment.Id, attachment.FieldKey, attachment.FileName, attachment.Size, url));
    }

    private static async Task<IResult> DownloadAsync(
        string id, long attachmentId, ClaimsPrincipal user, UserManager<User> users, ApplicationAccess access, IncubatorDbContext db, AttachmentStore store, CancellationToken cancellationToken)
    {
        if (await access.FindReadableAsync(id, user, users.GetUserId(user)!, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var attachment = await db.ApplicationAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == id, cancellationToken);
        if (attachment is null || store.Open(attachment.StoredName) is not var (content, contentType))
        {
            return TypedResults.NotFound();
        }

        return AttachmentDownload.Create(content, contentType, attachment.FileName);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, long attachmentId, HttpContext context, UserManager<User> users, AttachmentChanges changes,
        IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        var change = await changes.RemoveAsync(id, users.GetUserId(context.User)!, attachmentId, cancellationToken);
        if (change is null)
        {
            return TypedResults.NotFound();
        }

        return change.Outcome == AttachmentChangeOutcome.Ok ? TypedResults.NoContent() : Conflict(change, id, localizer);
    }

    /// <summary>A change the application's state refused: the closed field is named, a lost race is not.</summary>
    private static ProblemHttpResult Conflict(AttachmentChange change, string id, IStringLocalizer localizer) =>
        ApplicationApi.ConflictProblem(localizer[change.Message!], id, change.Outcome == AttachmentChangeOutcome.Closed ? [change.Field!] : null);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
