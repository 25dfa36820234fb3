namespace Incubator.Web.Features.Backup;

/// <summary>
/// Checks an unpacked archive against its manifest: every entry the manifest lists is there with its size and SHA-256,
/// nothing else is, and each table's file holds as many rows as the manifest counts. The first difference is the
/// answer, named, so an operator knows which file to look at.
/// </summary>
internal static class BackupVerifier
{
    /// <summary>Unpacks <paramref name="file"/> into <paramref name="folder"/>, checks it and returns its manifest; throws <see cref="BackupException"/> at the first difference.</summary>
    public static async Task<BackupManifest> UnpackAndVerifyAsync(string file, string folder, CancellationToken cancellationToken)
    {
        BackupArchive.Unpack(file, folder);
        var manifest = await BackupManifest.ReadAsync(Path.Combine(folder, BackupManifest.FileName), cancellationToken);
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new BackupException($"The archive's format {manifest.Format} is not one this version reads ({BackupManifest.CurrentFormat}).");
        }

        var listed = new HashSet<string>(StringComparer.Ordinal) { BackupManifest.FileName };
        foreach (var entry in manifest.Files)
        {
            var path = Path.GetFullPath(Path.Combine(folder, entry.Path));
            if (!path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !listed.Add(entry.Path))
            {
                throw new BackupException($"The manifest names the entry {entry.Path} twice or outside the archive.");
            }

            if (!File.Exists(path))
            {
                throw new BackupException($"{entry.Path} is missing from the archive.");
            }

            var (size, sha256) = await BackupArchive.HashAsync(path, cancellationToken);
            if (size != entry.Size)
            {
                throw new BackupException($"{entry.Path} has {size} bytes; the manifest says {entry.Size}.");
            }

            if (!string.Equals(sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupException($"{entry.Path} has changed: its SHA-256 is {sha256}; the manifest says {entry.Sha256}.");
            }
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var entry = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (!listed.Contains(entry))
            {
                throw new BackupException($"{entry} is in the archive but not in its manifest.");
            }
        }

        foreach (var table in manifest.Tables)
        {
            if (!listed.Contains(table.Entry))
            {
                throw new BackupException($"The manifest counts table {table.Name} but lists no {table.Entry}.");
            }

            var rows = 0L;
            using (var reader = new StreamReader(Path.Combine(folder, table.Entry)))
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    rows += line.Length > 0 ? 1 : 0;
                }
            }

            if (rows != table.Rows)
            {
                throw new BackupException($"{table.Entry} holds {rows} rows; the manifest says {table.Rows}.");
            }
        }

        return manifest;
    }

    /// <summary>Checks an archive in a temporary folder that is removed afterwards.</summary>
    public static async Task<BackupManifest> VerifyAsync(string file, CancellationToken cancellationToken)
    {
        var folder = BackupArchive.TemporaryFolder();
        try
        {
            return await UnpackAndVerifyAsync(file, folder, cancellationToken);
        }
        finally
        {
            BackupArchive.DeleteFolder(folder);
        }
    }
}
