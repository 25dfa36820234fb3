using System.Text.Json;

namespace Incubator.Web.Features.Backup;

/// <summary>How one backup of the folder ended, kept as the backup lease's last result for the pages to show.</summary>
/// <param name="Trigger">"scheduled" or "manual".</param>
/// <param name="File">The archive's file name in the folder; null when it failed.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
internal sealed record BackupRun(string Trigger, DateTime StartedUtc, DateTime FinishedUtc, string? File, long Bytes, string? Error)
{
    public bool Succeeded => Error is null;

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The run a lease recorded, or null when there is none or it cannot be read.</summary>
    public static BackupRun? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BackupRun>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
