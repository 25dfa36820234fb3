namespace Incubator.Web.Features.Applications;

/// <summary>
/// The queue's filter as the address carries it (<c>?programme=…&amp;round=…&amp;status=…&amp;assignee=me&amp;q=…&amp;sort=due&amp;dir=asc</c>),
/// read leniently (a value the site does not know filters nothing rather than failing) and written back the same way
/// for links, the export and saved views.
/// </summary>
internal static class QueueAddress
{
    public const int MaxSearch = 200;

    /// <summary>Reads the address's values; <paramref name="order"/>=oldest is the older form of sort=submitted&amp;dir=asc.</summary>
    public static QueueFilter Read(
        string? programme, string? round, string? status, string? assignee, string? search, string? sort, string? dir, string? order, IEnumerable<string> programmeIds)
    {
        ArgumentNullException.ThrowIfNull(programmeIds);
        var column = ReadSort(sort) ?? QueueSort.Submitted;
        var descending = dir switch
        {
            "asc" => false,
            "desc" => true,
            _ when sort is null && order == "oldest" => false,
            _ => DescendingFirst(column),
        };
        return new QueueFilter(
            programmeIds.Contains(programme ?? string.Empty, StringComparer.Ordinal) ? programme : null,
            Clean(round, 64),
            Clean(status, 64),
            Clean(assignee, 450),
            Clean(search, MaxSearch),
            column,
            descending);
    }

    /// <summary>Whether a column's first click sorts it descending: the newest, the longest waiting, the best scored first.</summary>
    public static bool DescendingFirst(QueueSort sort) => sort is QueueSort.Submitted or QueueSort.Waiting or QueueSort.Score;

    /// <summary>The address's values for the filter, without those that say nothing (the default order, empty filters).</summary>
    public static Dictionary<string, string?> Values(QueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["programme"] = filter.Programme,
            ["round"] = filter.Round,
            ["status"] = filter.Status,
            ["assignee"] = filter.Assignee,
            ["q"] = filter.Search,
        };
        if (filter.Sort != QueueSort.Submitted || !filter.Descending)
        {
            values["sort"] = Name(filter.Sort);
            values["dir"] = filter.Descending ? "desc" : "asc";
        }

        return values.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The filter as a query string without its "?", e.g. for a saved view.</summary>
    public static string Query(QueueFilter filter) =>
        string.Join('&', Values(filter).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));

    /// <summary>The column's name in the address.</summary>
    public static string Name(QueueSort sort) => sort switch
    {
        QueueSort.Title => "title",
        QueueSort.Status => "status",
        QueueSort.Waiting => "waiting",
        QueueSort.Due => "due",
        QueueSort.Assignee => "assignee",
        QueueSort.Reviews => "reviews",
        QueueSort.Score => "score",
        QueueSort.Requested => "requested",
        _ => "submitted",
    };

    private static QueueSort? ReadSort(string? sort) =>
        Enum.GetValues<QueueSort>().Where(s => string.Equals(Name(s), sort?.Trim(), StringComparison.Ordinal)).Select(s => (QueueSort?)s).FirstOrDefault();

    private static string? Clean(string? value, int max)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, max)];
    }
}
