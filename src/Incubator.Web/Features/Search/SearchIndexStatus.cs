namespace Incubator.Web.Features.Search;

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
