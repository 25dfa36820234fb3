namespace Incubator.Web.Features.Backup;

/// <summary>A backup, verification or restore that cannot go on; the message says why, for the operator.</summary>
internal sealed class BackupException(string message) : Exception(message);
