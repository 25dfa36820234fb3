using Incubator.Search;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Incubator.Web.Features.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Search.Admin;

/// <summary>
/// /admin/search: the search in the back office's scope (applications included), and the index's health: documents,
/// changes waiting in the outbox, the last time it was updated and the progress of a rebuild, which administrators
/// may start. The rebuild runs in the background service; this page only queues it and watches.
/// </summary>
internal sealed class IndexModel(SearchPages pages, SearchIndexer indexer, IncubatorDbContext db, IAuthorizationService authorization, IStringLocalizer<IndexModel> localizer)
    : PageModel
{
    public SearchView View { get; private set; } = new() { Path = string.Empty };
    public SearchState State { get; private set; } = new();
    public int Documents { get; private set; }
    public int Pending { get; private set; }
    public bool MayRebuild { get; private set; }
    [TempData]
    public string? Message { get; set; }

    /// <summary>While a rebuild is waiting or running the page reloads itself, so progress shows without a script.</summary>
    public bool Busy => State.RebuildStatus is SearchIndexer.Queued or SearchIndexer.Running;

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
        Message = await indexer.RequestRebuildAsync(cancellationToken)
            ? localizer["The rebuild is queued; this page shows its progress."].Value
            : localizer["A rebuild is already queued or running."].Value;
        return RedirectToPage();
    }

    private async Task LoadIndexAsync(CancellationToken cancellationToken)
    {
        MayRebuild = (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded;
        State = await indexer.StateAsync(cancellationToken);
        Documents = await db.SearchDocuments.CountAsync(cancellationToken);
        Pending = await db.SearchOutbox.CountAsync(cancellationToken);
    }

    /// <summary>The localisation key of a rebuild status.</summary>
    public static string StatusName(string status) => status switch
    {
        SearchIndexer.Queued => "Queued",
        SearchIndexer.Running => "Running",
        SearchIndexer.Done => "Done",
        SearchIndexer.Failed => "Failed",
        _ => "Never rebuilt",
    };
}
