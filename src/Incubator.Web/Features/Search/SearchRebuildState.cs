namespace Incubator.Web.Features.Search;

/// <summary>Where this instance's last (or running) full rebuild of its index is.</summary>
internal sealed record SearchRebuildState(string Status, int Indexed, int Total, DateTime? StartedUtc, DateTime? FinishedUtc, string? Error)
{
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public static SearchRebuildState None { get; } = new(Idle, 0, 0, null, null, null);

    public bool IsRunning => Status == Running;
}
