namespace Incubator.Web.Infrastructure.Storage;

/// <summary>Writing a file so that its name never stands for content a crash could lose.</summary>
internal static class DurableFile
{
    /// <summary>
    /// Writes what <paramref name="write"/> produces under a partial name next to <paramref name="path"/>, flushes it to
    /// the disk and only then gives it its name. A crash leaves at most a partial file, which <see cref="StoredFileSweeper"/>
    /// removes; a failure removes it at once.
    /// </summary>
    public static async Task WriteAsync(string path, Func<FileStream, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var partial = path + StoredFileSweeper.PartialExtension;
        try
        {
            await using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await write(output);
                output.Flush(flushToDisk: true);
            }

            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
