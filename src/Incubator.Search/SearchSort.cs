namespace Incubator.Search;

/// <summary>The order of results. An empty query has no relevance, so it lists the newest first unless asked for names.</summary>
public enum SearchSort
{
    Relevance,
    Newest,
    Name,
}
