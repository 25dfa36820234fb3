using System.Globalization;
using Incubator.Web.Data;
using Incubator.Web.Features.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// The queue of submitted applications by stage: counts per status, filters by programme, status and title, newest or
/// oldest first, and the same rows as CSV.
/// </summary>
internal sealed class IndexModel(IncubatorDbContext db, ApplicationInbox queue) : PageModel
{
    public const int PageSize = 50;

    public QueueFilter Filter { get; private set; } = new(null, null, null, false);
    public List<SupportApplication> Applications { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public List<(string Id, string Name)> Programmes { get; private set; } = [];
    public Dictionary<string, string> ProgrammeNames { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The statuses of the default workflow in the order an application goes through them, then any other found.</summary>
    public IEnumerable<string> Statuses => ApplicationStatuses.Ordered.Concat(Counts.Keys.Where(k => !ApplicationStatuses.Ordered.Contains(k)).Order(StringComparer.Ordinal));

    public async Task OnGetAsync(string? programme, string? status, string? q, string? order, int? p, CancellationToken cancellationToken)
    {
        Programmes = [.. (await db.Programmes.AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null).OrderBy(x => x.Title)
            .Select(x => new { x.ContentItemId, x.Title }).ToListAsync(cancellationToken)).Select(x => (x.ContentItemId, x.Title))];
        ProgrammeNames = Programmes.ToDictionary(x => x.Id, x => x.Name, StringComparer.Ordinal);
        Filter = ApplicationStatuses.ReadFilter(programme, status, q, order, ProgrammeNames.Keys);
        PageNumber = Math.Max(1, p ?? 1);
        Counts = await queue.CountsAsync(Filter, cancellationToken);
        (Applications, Total) = await queue.PageAsync(Filter, PageNumber, PageSize, cancellationToken);
    }

    public string Link(string page, string? status = null, int? pageNumber = null, bool keepStatus = true) =>
        Url.Page(page, new RouteValueDictionary(new Dictionary<string, string?>
        {
            ["programme"] = Filter.Programme,
            ["status"] = keepStatus ? Filter.Status : status,
            ["q"] = Filter.Search,
            ["order"] = Filter.Oldest ? "oldest" : null,
            ["p"] = pageNumber?.ToString(CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => KeyValuePair.Create(kv.Key, (object?)kv.Value)))) ?? throw new InvalidOperationException($"No route to {page}.");
}
