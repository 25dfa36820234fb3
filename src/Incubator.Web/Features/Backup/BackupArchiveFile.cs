namespace Incubator.Web.Features.Backup;

/// <summary>An archive in the backup folder as the back office lists it.</summary>
internal sealed record BackupArchiveFile(string Name, string Path, long Bytes, DateTime WrittenUtc);
