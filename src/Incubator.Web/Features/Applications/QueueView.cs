namespace Incubator.Web.Features.Applications;

/// <summary>
/// A named filter of the back office's queue that one officer saved for themselves ("Hồ sơ chờ tôi quá hạn"): only
/// its owner sees it, uses it or deletes it. <see cref="Query"/> is the queue's address query, written by the site
/// from a checked filter, never taken as typed.
/// </summary>
internal sealed class QueueView
{
    public const int MaxName = 100;

    /// <summary>How many views one officer may keep; a list longer than this is no longer a shortcut.</summary>
    public const int MaxPerOwner = 30;

    public long Id { get; set; }
    public string OwnerId { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Query { get; set; } = string.Empty;
    public DateTime CreatedUtc { get; set; }
}
