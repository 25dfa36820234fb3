using Incubator.Web.Features.Applications;
using Incubator.Web.Features.Media;

namespace Incubator.Web.Features.Backup;

/// <summary>
/// A folder of files that rows name: the archive keeps them under files/&lt;Name&gt;/. <see cref="Names"/> says whether a
/// table's column holds such names, <see cref="IsStoredName"/> whether a value is one (anything else, a path included,
/// is never read or written).
/// </summary>
internal sealed record BackupFolder(string Name, string Path, Func<string, string, bool> Names, Func<string?, bool> IsStoredName, bool Optional)
{
    public string Entry(string file) => "files/" + Name + "/" + file;
}

/// <summary>
/// The folders a backup carries: the media images that profiles' logos name, and the attachments that applications
/// and the other features' columns (<see cref="IAttachmentReferences"/>) name.
/// </summary>
internal static class BackupFiles
{
    public const string Media = "media";
    public const string Attachments = "attachments";

    public static IReadOnlyList<BackupFolder> Folders(MediaStore media, AttachmentStore attachments, IEnumerable<IAttachmentReferences> references)
    {
        var columns = references.SelectMany(r => r.Columns).Append(("ApplicationAttachments", "StoredName")).ToHashSet();
        return
        [
            new(Media, media.Folder, (_, column) => column == "Logo", MediaStore.IsStoredName, Optional: false),
            new(Attachments, attachments.Folder, (table, column) => columns.Contains((table, column)), AttachmentStore.IsStoredName, Optional: true),
        ];
    }
}
