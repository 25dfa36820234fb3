using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// Packs a folder into an archive and unpacks it again, as .zip or .tar.gz by the file's name. The archive is
/// written under a temporary name beside its target and moved into place when complete, so a failed backup never
/// leaves something that looks like one.
/// </summary>
internal static class BackupArchive
{
    public static bool IsSupported(string file) => IsZip(file) || IsTarGz(file);

    public static void Pack(string folder, string file)
    {
        var partial = file + ".part";
        File.Delete(partial);
        try
        {
            if (IsZip(file))
            {
                ZipFile.CreateFromDirectory(folder, partial, CompressionLevel.Optimal, includeBaseDirectory: false);
            }
            else
            {
                using var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write);
                using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: false);
                }

                output.Flush(flushToDisk: true);
            }

            File.Move(partial, file, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Unpacks into an empty folder; both readers refuse an entry that would land outside it.</summary>
    public static void Unpack(string file, string folder)
    {
        if (!File.Exists(file))
        {
            throw new BackupException($"No archive at {Path.GetFullPath(file)}.");
        }

        try
        {
            if (IsZip(file))
            {
                ZipFile.ExtractToDirectory(file, folder);
            }
            else
            {
                using var input = File.OpenRead(file);
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or UnauthorizedAccessException)
        {
            throw new BackupException($"The archive cannot be read: {ex.Message}");
        }
    }

    /// <summary>The size and SHA-256 (lower-case hex) of a file, read as a stream.</summary>
    public static async Task<(long Size, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>A fresh temporary folder for staging or unpacking.</summary>
    public static string TemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "incubator-backup-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private static bool IsZip(string file) => file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static bool IsTarGz(string file) => file.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);
}
