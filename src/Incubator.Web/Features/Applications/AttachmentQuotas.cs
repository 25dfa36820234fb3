using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Applications;

/// <summary>The <c>Attachments</c> settings: where documents are kept, the largest file, and how much one application and one applicant may attach.</summary>
internal sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Relative to the content root; must lie outside the web root.</summary>
    public string Folder { get; set; } = "App_Data/attachments";

    public long MaxBytes { get; set; } = AttachmentStore.DefaultMaxBytes;
    public int MaxFilesPerField { get; set; } = 10;
    public long MaxBytesPerApplication { get; set; } = 50L * 1024 * 1024;
    public long MaxBytesPerUser { get; set; } = 500L * 1024 * 1024;

    /// <summary>The folder as a full path.</summary>
    public string FullFolder(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(Folder, environment.ContentRootPath);
    }
}

/// <summary>Stops the site at start on an attachment setting that cannot work, naming it.</summary>
internal sealed class AttachmentOptionsValidator(IHostEnvironment environment) : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add("Attachments:Folder must name a folder.");
        }
        else
        {
            // A folder the static-file middleware serves would hand applicants' documents to anyone with the name.
            var folder = options.FullFolder(environment);
            var relative = Path.GetRelativePath(Path.GetFullPath("wwwroot", environment.ContentRootPath), folder);
            if (!(relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)))
            {
                failures.Add($"Attachments:Folder must lie outside the web root, not at {folder}.");
            }
        }

        if (options.MaxBytes < 1)
        {
            failures.Add($"Attachments:MaxBytes must be a positive number of bytes, not {options.MaxBytes}.");
        }

        if (options.MaxFilesPerField < 1)
        {
            failures.Add($"Attachments:MaxFilesPerField must be at least 1, not {options.MaxFilesPerField}.");
        }

        if (options.MaxBytesPerApplication < 1)
        {
            failures.Add($"Attachments:MaxBytesPerApplication must be a positive number of bytes, not {options.MaxBytesPerApplication}.");
        }

        if (options.MaxBytesPerUser < 1)
        {
            failures.Add($"Attachments:MaxBytesPerUser must be a positive number of bytes, not {options.MaxBytesPerUser}.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// Checks a new file against the quotas before anything of it is stored, from the attachment rows already kept. Two
/// uploads to one application cannot both pass unseen: each bumps the application's row version, so the second is
/// refused as a race. Across one user's applications the check is not serialised; a burst can exceed the user's total
/// by at most what is in flight, which the upload throttling bounds.
/// </summary>
internal static class AttachmentQuotas
{
    public static IServiceCollection AddAttachmentQuotas(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AttachmentOptions>, AttachmentOptionsValidator>();
        return services;
    }

    /// <summary>The refusal of a file of <paramref name="size"/> bytes for the field, or null when it fits.</summary>
    public static async Task<AttachmentChange?> CheckAsync(
        Data.IncubatorDbContext db, AttachmentOptions quotas, string applicationId, string fieldKey, string userId, long size, CancellationToken cancellationToken)
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
