using System.Globalization;
using Incubator.Core.Time;
using Incubator.Web.Data;
using Incubator.Web.Features.Account;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Applications.Admin;

/// <summary>
/// The officers' queue of submitted applications: counts per status; filters by programme, round, status, officer
/// and title words, which an officer may save as named views of their own ("Của tôi", the applications assigned to
/// the reader, is built in); columns for the status, the days waiting in it, the current step's due date, the officer,
/// the reviewers' progress and the mean score, each sortable in the database with paging; and bulk actions on the
/// selected rows (assign an officer, the actions other features add, export). BackOffice reads it; Staff acts.
/// </summary>
internal sealed class IndexModel(
    IncubatorDbContext db, ApplicationInbox queue, ApplicationAssignment assignment, IEnumerable<IApplicationQueueAction> actions,
    IAuthorizationService authorization, UserManager<User> users, TimeProvider clock, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public const int PageSize = 50;
    public const string ViewNameField = "name";

    public QueueFilter Filter { get; private set; } = QueueFilter.Default;
    public List<QueueRow> Rows { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public List<(string Id, string Name)> Programmes { get; private set; } = [];
    public Dictionary<string, string> ProgrammeNames { get; private set; } = [];
    public List<(string Key, string Label)> Rounds { get; private set; } = [];

    /// <summary>Each programme's rounds by key, named in the reader's language, for the rows.</summary>
    public Dictionary<(string Programme, string Round), string> RoundNames { get; private set; } = [];
    public List<StaffMember> Staff { get; private set; } = [];
    public List<QueueView> Views { get; private set; } = [];
    public List<IApplicationQueueAction> Actions { get; private set; } = [];
    public bool MayAct { get; private set; }
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public DateTime NowUtc { get; private set; }

    // Outcomes of the bulk actions, this page's and those other features' pages post for it.
    [TempData]
    public string? Message { get; set; }
    [TempData]
    public string? Error { get; set; }
    [TempData]
    public string? ErrorField { get; set; }

    /// <summary>The statuses of the default workflow in the order an application goes through them, then any other found.</summary>
    public IEnumerable<string> Statuses => ApplicationStatuses.Ordered.Concat(Counts.Keys.Where(k => !ApplicationStatuses.Ordered.Contains(k)).Order(StringComparer.Ordinal));

    /// <summary>This page's address with its filters and page, where the bulk actions return.</summary>
    public string Back => Link("/Applications/Admin/Index", pageNumber: PageNumber > 1 ? PageNumber : null);

    public async Task OnGetAsync(
        string? programme, string? round, string? status, string? assignee, string? q, string? sort, string? dir, string? order, int? p, CancellationToken cancellationToken)
    {
        var programmes = await db.Programmes.AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null).OrderBy(x => x.Title).ToListAsync(cancellationToken);
        Programmes = [.. programmes.Select(x => (x.ContentItemId, x.Title))];
        ProgrammeNames = Programmes.ToDictionary(x => x.Id, x => x.Name, StringComparer.Ordinal);
        Filter = QueueAddress.Read(programme, round, status, assignee, q, sort, dir, order, ProgrammeNames.Keys);

        // The rounds of the chosen programme, or of every programme: a round's key is what applications record and
        // what the filter sends; people read its name.
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        Rounds = [.. programmes.Where(x => Filter.Programme is null || x.ContentItemId == Filter.Programme)
            .SelectMany(x => x.Rounds).DistinctBy(r => r.Key, StringComparer.Ordinal).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Label(culture)))];
        RoundNames = programmes.SelectMany(x => x.Rounds.Select(r => (Key: (x.ContentItemId, r.Key), Label: r.Label(culture))))
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Label);
        PageNumber = Math.Max(1, p ?? 1);
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var userId = users.GetUserId(User);
        MayAct = (await authorization.AuthorizeAsync(User, Policies.Staff)).Succeeded;
        Actions = [.. actions.OrderBy(a => a.Order)];
        Staff = await assignment.StaffAsync(cancellationToken);
        Views = await db.Set<QueueView>().AsNoTracking().Where(v => v.OwnerId == userId).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        Counts = await queue.CountsAsync(Filter, userId, cancellationToken);
        (Rows, Total) = await queue.PageAsync(Filter, userId, PageNumber, PageSize, cancellationToken);
    }

    /// <summary>Assigns an officer (or nobody) to the selected applications; any bad id or officer changes nothing.</summary>
    public async Task<IActionResult> OnPostAssignAsync(string[]? ids, string? assignee, string? back, CancellationToken cancellationToken)
    {
        var result = await assignment.AssignAsync([.. (ids ?? []).Where(id => !string.IsNullOrWhiteSpace(id))], assignee, cancellationToken);
        if (result.Succeeded)
        {
            Message = localizer["Officer assigned to {0} applications.", (ids ?? []).Distinct(StringComparer.Ordinal).Count()];
        }
        else
        {
            Error = localizer[result.Errors.Values.FirstOrDefault() ?? result.Detail ?? "Nothing was assigned."];
            ErrorField = result.Errors.Keys.FirstOrDefault();
        }

        return BackTo(back);
    }

    /// <summary>
    /// Saves the current filters under a name for the reader alone (saving a name again replaces its filters). Open to
    /// the whole back office, as a view changes nobody's work but the reader's own page.
    /// </summary>
    [AllowedFor(Policies.BackOffice)]
    public async Task<IActionResult> OnPostSaveViewAsync(
        string? name, string? programme, string? round, string? status, string? assignee, string? q, string? sort, string? dir, CancellationToken cancellationToken)
    {
        var ids = await db.Programmes.AsNoTracking().Where(x => x.Latest && x.DeletedUtc == null).Select(x => x.ContentItemId).ToListAsync(cancellationToken);
        var filter = QueueAddress.Read(programme, round, status, assignee, q, sort, dir, null, ids);
        var back = Url.Page("/Applications/Admin/Index", RouteValues(filter))!;
        var userId = users.GetUserId(User)!;
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > QueueView.MaxName)
        {
            return Refuse(back, ViewNameField, localizer["Give the view a name of at most {0} characters.", QueueView.MaxName]);
        }

        var views = db.Set<QueueView>();
        var existing = await views.FirstOrDefaultAsync(v => v.OwnerId == userId && v.Name == trimmed, cancellationToken);
        if (existing is null)
        {
            if (await views.CountAsync(v => v.OwnerId == userId, cancellationToken) >= QueueView.MaxPerOwner)
            {
                return Refuse(back, ViewNameField, localizer["You have {0} views already; delete one first.", QueueView.MaxPerOwner]);
            }

            views.Add(new QueueView { OwnerId = userId, Name = trimmed, Query = QueueAddress.Query(filter), CreatedUtc = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            existing.Query = QueueAddress.Query(filter);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same name saved twice at once (a double click): the unique index kept one, which is what was asked.
            db.ChangeTracker.Clear();
        }

        Message = localizer["View “{0}” saved.", trimmed];
        return Redirect(back);
    }

    /// <summary>Deletes one of the reader's views; another officer's view is not found, whatever its id.</summary>
    [AllowedFor(Policies.BackOffice)]
    public async Task<IActionResult> OnPostDeleteViewAsync(long view, string? back, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var deleted = await db.Set<QueueView>().Where(v => v.Id == view && v.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return NotFound();
        }

        Message = localizer["View deleted."];
        return BackTo(back);
    }

    /// <summary>Whole days since the application entered its status, counted in Vietnam's calendar.</summary>
    public int DaysWaiting(QueueRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.StatusSinceUtc is { } since
            ? Math.Max(0, DateOnly.FromDateTime(VietnamTime.ToLocal(NowUtc)).DayNumber - DateOnly.FromDateTime(VietnamTime.ToLocal(since)).DayNumber)
            : 0;
    }

    /// <summary>A link to this page (or the export) with the current filters, changed as asked.</summary>
    public string Link(string page, string? status = null, int? pageNumber = null, bool keepStatus = true, QueueSort? sort = null)
    {
        var filter = keepStatus ? Filter : Filter with { Status = status };
        if (sort is { } column)
        {
            // A column sorts first in its natural direction; the current column's link turns its direction round.
            filter = filter with { Sort = column, Descending = Filter.Sort == column ? !Filter.Descending : QueueAddress.DescendingFirst(column) };
        }

        var values = RouteValues(filter);
        if (pageNumber is { } number)
        {
            values["p"] = number.ToString(CultureInfo.InvariantCulture);
        }

        return Url.Page(page, values) ?? throw new InvalidOperationException($"No route to {page}.");
    }

    /// <summary>A view's link: the queue's address with the view's saved query.</summary>
    public string ViewLink(QueueView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"{Url.Page("/Applications/Admin/Index")}?{view.Query}";
    }

    /// <summary>How the column is sorted now, for aria-sort; null when it is not the sorted one.</summary>
    public string? AriaSort(QueueSort column) => Filter.Sort != column ? null : Filter.Descending ? "descending" : "ascending";

    private static RouteValueDictionary RouteValues(QueueFilter filter) =>
        new(QueueAddress.Values(filter).Select(kv => KeyValuePair.Create(kv.Key, (object?)kv.Value)));

    private RedirectResult Refuse(string back, string field, string error)
    {
        Error = error;
        ErrorField = field;
        return Redirect(back);
    }

    // Only an address of this site: the form says where the officer was (their filters and page), nothing else.
    private RedirectResult BackTo(string? back) =>
        Redirect(back is not null && Url.IsLocalUrl(back) ? back : Url.Page("/Applications/Admin/Index")!);
}
