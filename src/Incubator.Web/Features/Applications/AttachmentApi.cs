using System.Security.Claims;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Features.Programmes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// Attachments of an application's file fields: the owner uploads and removes them while the field is open; whoever
/// may read the application downloads them, always as a download.
/// </summary>
public static class AttachmentApi
{
    public static void MapAttachmentApi(this IEndpointRouteBuilder endpoints)
    {
        // Antiforgery is checked by hand: required for a browser's cookie, meaningless for a bearer token.
        endpoints.MapPost("/api/applications/{id}/attachments", UploadAsync).WithTags("Applications").RequireAuthorization().DisableAntiforgery();
        endpoints.MapGet("/api/applications/{id}/attachments/{attachmentId:long}", DownloadAsync).WithTags("Applications").RequireAuthorization();
        endpoints.MapDelete("/api/applications/{id}/attachments/{attachmentId:long}", DeleteAsync).WithTags("Applications").RequireAuthorization().DisableAntiforgery();
    }

    private static async Task<Results<Created<ApplicationApi.AttachmentResponse>, NotFound, ValidationProblem, Conflict<ApplicationApi.ProblemLike>>> UploadAsync(
        string id, HttpContext context, UserManager<User> users, IAntiforgery antiforgery, IncubatorDbContext db, ProgrammeService programmes, AttachmentStore store, IClock clock,
        IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        if (!await CookieRequestIsGenuineAsync(context, antiforgery))
        {
            return Invalid("__RequestVerificationToken", localizer["The form expired; reload the page and try again."]);
        }

        var userId = users.GetUserId(context.User)!;
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);
        if (application is null)
        {
            return TypedResults.NotFound();
        }

        if (!context.Request.HasFormContentType)
        {
            return Invalid("file", localizer["Send the file as multipart/form-data with its fieldKey."]);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var fieldKey = form["fieldKey"].ToString();
        var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        if (programme?.Form.FirstOrDefault(f => f.Key == fieldKey && f.Type == FormFieldType.File) is null)
        {
            return Invalid("fieldKey", localizer["Name one of the form's file fields."]);
        }

        if (!MayChange(application, fieldKey))
        {
            return TypedResults.Conflict(new ApplicationApi.ProblemLike(localizer["This field cannot be changed now."], id, [fieldKey]));
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Invalid("file", localizer["Choose a file."]);
        }

        var saved = await store.SaveAsync(file, cancellationToken);
        if (saved is RefusedAttachment refused)
        {
            return Invalid("file", localizer[refused.Message]);
        }

        var stored = (StoredAttachment)saved;
        var attachment = new ApplicationAttachment
        {
            ApplicationId = id, FieldKey = fieldKey, StoredName = stored.StoredName, FileName = stored.DisplayName, ContentType = stored.ContentType,
            Size = stored.Size, UploadedBy = userId, UploadedUtc = clock.UtcNow,
        };
        db.ApplicationAttachments.Add(attachment);
        application.RowVersion++;
        application.UpdatedUtc = clock.UtcNow;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The application changed (e.g. was submitted) meanwhile: keep no orphan file.
            store.Delete(stored.StoredName);
            return TypedResults.Conflict(new ApplicationApi.ProblemLike(localizer["Someone else changed this application at the same time; reload it and try again."], id));
        }

        return TypedResults.Created(
            $"/api/applications/{id}/attachments/{attachment.Id}",
            new ApplicationApi.AttachmentResponse(attachment.Id, fieldKey, attachment.FileName, attachment.Size, $"/api/applications/{id}/attachments/{attachment.Id}"));
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

    private static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ApplicationApi.ProblemLike>>> DeleteAsync(
        string id, long attachmentId, HttpContext context, UserManager<User> users, IAntiforgery antiforgery, IncubatorDbContext db, AttachmentStore store,
        IStringLocalizer<ApplicationService> localizer, CancellationToken cancellationToken)
    {
        if (!await CookieRequestIsGenuineAsync(context, antiforgery))
        {
            return Invalid("__RequestVerificationToken", localizer["The form expired; reload the page and try again."]);
        }

        var userId = users.GetUserId(context.User)!;
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);
        var attachment = application is null ? null : await db.ApplicationAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == id, cancellationToken);
        if (application is null || attachment is null)
        {
            return TypedResults.NotFound();
        }

        if (!MayChange(application, attachment.FieldKey))
        {
            return TypedResults.Conflict(new ApplicationApi.ProblemLike(localizer["This field cannot be changed now."], id, [attachment.FieldKey]));
        }

        db.ApplicationAttachments.Remove(attachment);
        application.RowVersion++;
        await db.SaveChangesAsync(cancellationToken);
        store.Delete(attachment.StoredName);
        return TypedResults.NoContent();
    }

    private static bool MayChange(SupportApplication application, string fieldKey) =>
        application.Status == SupportApplication.Draft
        || (application.Status == SupportApplication.InformationRequested && application.ReopenedFields.Contains(fieldKey));

    private static async Task<bool> CookieRequestIsGenuineAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // A bearer token is sent by a program that holds it; a browser on another site cannot add that header to a
        // request, but it can make one with the user's cookie, which is what the token check is for.
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
