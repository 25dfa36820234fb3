namespace Incubator.Web.Infrastructure.Storage;

/// <summary>
/// A folder of files that rows of the database point at by generated name (application attachments, media). A feature
/// registers one with <see cref="StoredFilesExtensions.AddStoredFileFolder{T}"/> so that <see cref="StoredFileSweeper"/>
/// can remove what a crash left behind: partial writes and files whose row was never committed or was deleted.
/// </summary>
internal interface IStoredFileFolder
{
    /// <summary>A short name for the log, e.g. "attachments".</summary>
    string Name { get; }

    /// <summary>The folder as a full path; it may not exist yet.</summary>
    string Folder { get; }

    /// <summary>Whether a file name has the shape the store generates; any other file in the folder is left alone.</summary>
    bool IsStoredName(string fileName);

    /// <summary>Which of <paramref name="names"/> a row of the database still points at.</summary>
    Task<IReadOnlySet<string>> ReferencedAsync(IServiceProvider services, IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
