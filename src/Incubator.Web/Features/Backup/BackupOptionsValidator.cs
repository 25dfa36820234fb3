using Microsoft.Extensions.Options;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// Checks at start that <c>Backup:Folder</c> lies outside the web root: the static-file middleware would otherwise
/// hand the whole site's data, accounts and keys included, to anyone who guesses an archive's name.
/// </summary>
internal sealed class BackupOptionsValidator(IHostEnvironment environment) : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FullFolder(environment) is not { } folder)
        {
            return ValidateOptionsResult.Success;
        }

        var relative = Path.GetRelativePath(Path.GetFullPath("wwwroot", environment.ContentRootPath), folder);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Backup:Folder must lie outside the web root, not at {folder}.");
    }
}
