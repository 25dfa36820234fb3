namespace Incubator.Web.Features.Operations;

/// <summary>
/// A web instance's sign of life, written every few seconds by <see cref="HeartbeatService"/>: which machine and
/// process, which version, since when it runs and when it was last seen. Rows not seen for a day are deleted.
/// </summary>
internal sealed class InstanceHeartbeat
{
    public string InstanceId { get; set; } = string.Empty;
    public string Machine { get; set; } = string.Empty;
    public int ProcessId { get; set; }
    public string Version { get; set; } = string.Empty;
    public DateTime StartedUtc { get; set; }
    public DateTime SeenUtc { get; set; }
}
