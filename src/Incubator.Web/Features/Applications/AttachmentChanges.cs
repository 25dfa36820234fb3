using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

internal enum AttachmentChangeOutcome
{
    Ok,

    /// <summary>The request names no file field, carries no file, or the file was refused (<see cref="AttachmentChange.Field"/> says which part).</summary>
    Invalid,

    /// <summary>The field is closed: the application was submitted and staff did not reopen it.</summary>
    Closed,

    /// <summary>The application changed meanwhile (e.g. it was submitted); nothing was kept.</summary>
    Raced,
}

/// <summary>
/// How adding or removing an attachment ended; <see cref="Message"/> is an English sentence and localisation key, a
/// format when <see cref="Arguments"/> are given.
/// </summary>
internal sealed record AttachmentChange(AttachmentChangeOutcome Outcome, string? Field = null, string? Message = null, ApplicationAttachment? Attachment = null, object[]? Arguments = null);

/// <summary>
/// The owner's changes to the files of an application's file fields, shared by the attachment API and the applicant's
/// application page so both apply the same rules: only the form's file fields, only while the field is open, the
/// store's checks on the content, and no file left behind when the row is not saved.
/// </summary>
internal sealed class AttachmentChanges(IncubatorDbContext db, ProgrammeService programmes, AttachmentStore store, TimeProvider clock, Microsoft.Extensions.Options.IOptions<AttachmentOptions> quotas)
{
    /// <summary>The owner's application, tracked for a change; null when it is not theirs.</summary>
    public Task<SupportApplication?> FindOwnedAsync(string id, string userId, CancellationToken cancellationToken = default) =>
        db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, cancellationToken);

    /// <summary>Whether the owner may change the answer (or files) of a field now.</summary>
    public static bool MayChange(SupportApplication application, string fieldKey)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Status == ApplicationStatuses.Draft
            || (application.Status == ApplicationStatuses.InformationRequested && application.ReopenedFields.Contains(fieldKey));
    }

    /// <summary>Stores <paramref name="file"/> for the file field <paramref name="fieldKey"/> of an application found by <see cref="FindOwnedAsync"/>.</summary>
    public async Task<AttachmentChange> AddAsync(SupportApplication application, string userId, string? fieldKey, IFormFile? file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var programme = await programmes.LatestAsync(application.ProgrammeId, cancellationToken);
        if (string.IsNullOrEmpty(fieldKey) || application.FormUnder(programme).FirstOrDefault(f => f.Key == fieldKey && f.Type == FormFieldType.File) is not { } field)
        {
            return new AttachmentChange(AttachmentChangeOutcome.Invalid, "fieldKey", "Name one of the form's file fields.");
        }

        if (!MayChange(application, fieldKey))
        {
            return new AttachmentChange(AttachmentChangeOutcome.Closed, fieldKey, "This field cannot be changed now.");
        }

        if (file is null)
        {
            return new AttachmentChange(AttachmentChangeOutcome.Invalid, "file", "Choose a file.");
        }

        // The field's own limits, set in the programme builder, are narrower than the site's quotas.
        if (field.MaxFileSizeMb is { } megabytes && file.Length > megabytes * 1024L * 1024L)
        {
            return new AttachmentChange(AttachmentChangeOutcome.Invalid, "file", "A file for this field may be at most {0} MB.", Arguments: [megabytes]);
        }

        if (field.MaxFiles is { } most && await db.ApplicationAttachments.CountAsync(a => a.ApplicationId == application.Id && a.FieldKey == fieldKey, cancellationToken) >= most)
        {
            return new AttachmentChange(AttachmentChangeOutcome.Invalid, "file", "This field takes at most {0} files; remove one first.", Arguments: [most]);
        }

        // The form is buffered by now, so its length is what was received; the quotas are checked before any of it is stored.
        if (await AttachmentQuotas.CheckAsync(db, quotas.Value, application.Id, fieldKey, userId, file.Length, cancellationToken) is { } refused)
        {
            return refused;
        }

        var saved = await store.SaveAsync(file, cancellationToken);
        if (saved is RefusedAttachment refusedFile)
        {
            return new AttachmentChange(AttachmentChangeOutcome.Invalid, "file", refusedFile.Message);
        }

        var stored = (StoredAttachment)saved;
        if (field.FileTypes is { Count: > 0 } types && !types.Contains(Path.GetExtension(stored.StoredName), StringComparer.Ordinal))
        {
            // The store names the file by the type its content shows; a type the field does not take is not kept.
            store.Delete(stored.StoredName);
            return new AttachmentChange(AttachmentChangeOutcome.Invalid, "file", "This field takes only these file types: {0}.", Arguments: [string.Join(", ", types)]);
        }

        var attachment = new ApplicationAttachment
        {
            ApplicationId = application.Id, FieldKey = fieldKey, StoredName = stored.StoredName, FileName = stored.DisplayName, ContentType = stored.ContentType,
            Size = stored.Size, UploadedBy = userId, UploadedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ApplicationAttachments.Add(attachment);
        application.RowVersion++;
        application.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The application changed (e.g. was submitted) meanwhile: keep no orphan file.
            db.ChangeTracker.Clear();
            store.Delete(stored.StoredName);
            return new AttachmentChange(AttachmentChangeOutcome.Raced, Message: "Someone else changed this application at the same time; reload it and try again.");
        }

        return new AttachmentChange(AttachmentChangeOutcome.Ok, fieldKey, Attachment: attachment);
    }

    /// <summary>Removes an attachment of the owner's application, and its file once the row is gone.</summary>
    public async Task<AttachmentChange?> RemoveAsync(string id, string userId, long attachmentId, CancellationToken cancellationToken = default)
    {
        var application = await FindOwnedAsync(id, userId, cancellationToken);
        var attachment = application is null ? null : await db.ApplicationAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == id, cancellationToken);
        if (application is null || attachment is null)
        {
            return null;
        }

        if (!MayChange(application, attachment.FieldKey))
        {
            return new AttachmentChange(AttachmentChangeOutcome.Closed, attachment.FieldKey, "This field cannot be changed now.", attachment);
        }

        db.ApplicationAttachments.Remove(attachment);
        application.RowVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new AttachmentChange(AttachmentChangeOutcome.Raced, Message: "Someone else changed this application at the same time; reload it and try again.");
        }

        store.Delete(attachment.StoredName);
        return new AttachmentChange(AttachmentChangeOutcome.Ok, attachment.FieldKey, Attachment: attachment);
    }
}
