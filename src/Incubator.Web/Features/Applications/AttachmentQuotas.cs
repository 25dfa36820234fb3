using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Applications;

/// <summary>How much one application and one applicant may attach (the <c>Attachments</c> settings beside Folder and MaxBytes).</summary>
public sealed class AttachmentQuotaOptions
{
    public const string Section = "Attachments";

    public int MaxFilesPerField { get; set; } = 10;
    public long MaxBytesPerApplication { get; set; } = 50L * 1024 * 1024;
    public long MaxBytesPerUser { get; set; } = 500L * 1024 * 1024;
}

/// <summary>
/// Checks a new file against the quotas before anything of it is stored, from the attachment rows already kept. Two
/// uploads to one application cannot both pass unseen: each bumps the application's row version, so the second is
/// refused as a race. Across one user's applications the check is not serialised; a burst can exceed the user's total
/// by at most what is in flight, which the upload throttling bounds.
/// </summary>
public static class AttachmentQuotas
{
    public static IServiceCollection AddAttachmentQuotas(this IServiceCollection services)
    {
        services.AddOptions<AttachmentQuotaOptions>().BindConfiguration(AttachmentQuotaOptions.Section)
            .Validate(o => o.MaxFilesPerField >= 1 && o.MaxBytesPerApplication >= 1 && o.MaxBytesPerUser >= 1,
                "Attachments:MaxFilesPerField, Attachments:MaxBytesPerApplication and Attachments:MaxBytesPerUser must be at least 1.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The refusal of a file of <paramref name="size"/> bytes for the field, or null when it fits.</summary>
    public static async Task<AttachmentChange?> CheckAsync(
        Data.IncubatorDbContext db, AttachmentQuotaOptions quotas, string applicationId, string fieldKey, string userId, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(quotas);
        var attachments = db.ApplicationAttachments.AsNoTracking();
        if (await attachments.CountAsync(a => a.ApplicationId == applicationId && a.FieldKey == fieldKey, cancellationToken) >= quotas.MaxFilesPerField)
        {
            return Refuse(fieldKey, "This field already has the most files allowed ({0}); remove one first.", quotas.MaxFilesPerField);
        }

        var application = await attachments.Where(a => a.ApplicationId == applicationId).SumAsync(a => (long?)a.Size, cancellationToken) ?? 0;
        if (application + size > quotas.MaxBytesPerApplication)
        {
            return Refuse(fieldKey, "The files of this application would exceed {0} MB in all; remove some first.", Megabytes(quotas.MaxBytesPerApplication));
        }

        var user = await attachments.Where(a => a.UploadedBy == userId).SumAsync(a => (long?)a.Size, cancellationToken) ?? 0;
        return user + size > quotas.MaxBytesPerUser
            ? Refuse(fieldKey, "Your files would exceed {0} MB in all across your applications; remove some first.", Megabytes(quotas.MaxBytesPerUser))
            : null;
    }

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024)).ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);

    private static AttachmentChange Refuse(string fieldKey, string message, object argument) =>
        new(AttachmentChangeOutcome.Invalid, fieldKey, message, Arguments: [argument]);
}
