using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Search.Admin;

/// <summary>
/// /admin/search: the search in the back office's scope (applications included), and the state of every instance's
/// index as each last reported it in "SearchCheckpoints" (documents, condition, rebuild and its progress), with this
/// instance's documents and waiting changes. Administrators may ask for a rebuild: every instance whose index was
/// built before the request rebuilds its own, in its background service; this page only asks and watches.
/// </summary>
internal sealed class IndexModel(
    SearchPages pages, LuceneSearchIndex index, SearchMetrics metrics, SiteInstance instance, IncubatorDbContext db, TimeProvider clock,
    IAuthorizationService authorization, IStringLocalizer<IndexModel> localizer) : PageModel
{
    /// <summary>Rows of instances not heard from for this long are not shown (the instance stopped).</summary>
    public static readonly TimeSpan Live = TimeSpan.FromMinutes(2);

    public SearchView View { get; private set; } = new() { Path = string.Empty };
    public IReadOnlyList<SearchCheckpoint> Instances { get; private set; } = [];
    public DateTime? RequestedUtc { get; private set; }
    public string ThisInstance => instance.Id;
    public int Documents { get; private set; }
    public int? Pending { get; private set; }
    public bool MayRebuild { get; private set; }
    [TempData]
    public string? Message { get; set; }

    /// <summary>While an instance's rebuild is waiting or running the page reloads itself, so progress shows without a script.</summary>
    public bool Busy => Instances.Any(i => Status(i) is SearchRebuildState.Running or Queued);

    /// <summary>This instance's status as its row says (queued while a request is newer than its index).</summary>
    public string Status() => Instances.FirstOrDefault(i => i.InstanceId == instance.Id) is { } row ? Status(row) : SearchRebuildState.Idle;

    public const string Queued = "queued";

    /// <summary>An instance's rebuild status; "queued" while a request is newer than its index and its rebuild has not started.</summary>
    public string Status(SearchCheckpoint row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RebuildStatus != SearchRebuildState.Running && RequestedUtc is { } requested && (row.BuiltUtc is not { } built || built < requested)
            ? Queued
            : row.RebuildStatus;
    }

    // "page" is also the route value Razor Pages names the page by, which plain binding would read instead of the query.
    public async Task OnGetAsync(string? q, string? type, string? sector, string? locality, string? stage,
        [FromQuery(Name = "page")] string? pageNumber, string? pageSize, CancellationToken cancellationToken)
    {
        View = await pages.LoadAsync(User, Url.Page("/Search/Admin/Index")!, new SearchPageInput(q, type, sector, locality, stage, pageNumber, pageSize), cancellationToken);
        await LoadIndexAsync(cancellationToken);
    }

    // Rebuilding the index is site administration, not officers' work; the back office's handler check refuses anyone
    // else (the access-denied page, as for every refused back-office handler) before this runs.
    [AllowedFor(Policies.Administration)]
    public async Task<IActionResult> OnPostRebuildAsync(CancellationToken cancellationToken)
    {
        await LoadIndexAsync(cancellationToken);
        if (Busy)
        {
            Message = localizer["A rebuild is already queued or running."].Value;
            return RedirectToPage();
        }

        await SearchIndexStateStore.RequestRebuildAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        Message = localizer["The rebuild is queued; this page shows its progress."].Value;
        return RedirectToPage();
    }

    private async Task LoadIndexAsync(CancellationToken cancellationToken)
    {
        MayRebuild = (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded;
        RequestedUtc = (await SearchIndexStateStore.ReadAsync(db, cancellationToken)).RebuildRequestedUtc;
        var since = clock.GetUtcNow().UtcDateTime - Live;
        Instances = await db.Set<SearchCheckpoint>().AsNoTracking().Where(c => c.UpdatedUtc >= since || c.InstanceId == instance.Id)
            .OrderBy(c => c.InstanceId).ToListAsync(cancellationToken);
        Documents = index.DocumentCount;
        Pending = metrics.TryReadOutbox(out var backlog) ? backlog.Count : null;
    }

    /// <summary>The localisation key of a rebuild status.</summary>
    public static string StatusName(string status) => status switch
    {
        Queued => "Queued",
        SearchRebuildState.Running => "Running",
        SearchRebuildState.Done => "Done",
        SearchRebuildState.Failed => "Failed",
        _ => "Never rebuilt",
    };

    /// <summary>The localisation key of an index's condition.</summary>
    public static string ConditionName(string condition) => condition switch
    {
        nameof(SearchIndexCondition.Ready) => "Ready",
        nameof(SearchIndexCondition.Missing) => "Missing",
        nameof(SearchIndexCondition.Corrupt) => "Corrupt",
        nameof(SearchIndexCondition.Outdated) => "Built by an older version",
        _ => condition,
    };
}
