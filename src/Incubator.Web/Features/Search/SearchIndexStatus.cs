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

/// <summary>
/// This instance's rebuild as it goes, kept in memory by the indexing service and read by the health check, the
/// metrics and the back office (which also reads every instance's row in "SearchCheckpoints").
/// </summary>
internal sealed class SearchIndexStatus
{
    private volatile SearchRebuildState _rebuild = SearchRebuildState.None;

    public SearchRebuildState Rebuild => _rebuild;

    public void Set(SearchRebuildState state) => _rebuild = state;
}
