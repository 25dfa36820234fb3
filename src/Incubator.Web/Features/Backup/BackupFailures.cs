using Incubator.Web.Infrastructure;

namespace Incubator.Web.Features.Backup;

/// <summary>How the backup commands end when something refuses: the operator reads the reason, the shell the exit code.</summary>
internal static class BackupFailures
{
    public const int Failed = 1;

    public static async Task<int> GuardAsync(string what, TextWriter errors, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (BackupException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return Failed;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The database or a folder refused (no such database, a full disk, no permission): the operator needs its words.
            await errors.WriteLineAsync($"{what} failed: {ex.Message}");
            return Failed;
        }
    }
}
