using System.Linq.Expressions;
using Incubator.Core.Text;
using Incubator.Web.Data;
using Incubator.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Applications;

/// <summary>
/// The back office's filter over submitted applications and its order: programme (id), round (key), status, assignee
/// (a user id, <see cref="Me"/> for the reader or <see cref="Nobody"/> for the unassigned) and words of the title.
/// </summary>
internal sealed record QueueFilter(string? Programme, string? Round, string? Status, string? Assignee, string? Search, QueueSort Sort, bool Descending)
{
    public const string Me = "me";
    public const string Nobody = "none";

    public static readonly QueueFilter Default = new(null, null, null, null, null, QueueSort.Submitted, true);
}

/// <summary>
/// Submitted applications for the back office's queue and its CSV export, which must agree row for row. Drafts are
/// the applicants' own work in progress and never listed. A page is read in a fixed handful of queries whatever its
/// size: the rows with their due time and officer, then the reviewers' progress of those rows at once.
/// </summary>
internal sealed class ApplicationInbox(IncubatorDbContext db, IEnumerable<IApplicationReviewProgress> reviews)
{
    /// <summary>How many applications are in each status, under every filter but the status one.</summary>
    public async Task<Dictionary<string, int>> CountsAsync(QueueFilter filter, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await FilterAsync(filter with { Status = null }, userId, cancellationToken);
        return await query.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>One page of the queue in the filter's order, and how many match in all.</summary>
    public async Task<(List<QueueRow> Page, int Total)> PageAsync(QueueFilter filter, string? userId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await FilterAsync(filter, userId, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var skip = (Math.Max(page, 1) - 1) * pageSize;
        List<QueueRow> rows;
        if (IsReviewSort(filter.Sort))
        {
            // The mean follows the council's rules (sheets set aside, rubric versions), which only the reviews can
            // apply, so these two orders are decided here over the ids and progress of every matching application.
            var ids = (await OrderedIdsAsync(query, filter, cancellationToken)).Skip(skip).Take(pageSize).ToList();
            rows = await PageRowsAsync(ids, cancellationToken);
        }
        else
        {
            rows = await Order(Rows(query), filter).Skip(skip).Take(pageSize).ToListAsync(cancellationToken);
        }

        var shown = rows.Select(r => r.Id).ToList();
        var progress = await ProgressAsync(db.Applications.Where(a => shown.Contains(a.Id)).Select(a => a.Id), cancellationToken);
        foreach (var row in rows)
        {
            row.Reviews = progress.GetValueOrDefault(row.Id);
        }

        return (rows, total);
    }

    /// <summary>Every matching application, in the queue's order.</summary>
    public async Task<List<SupportApplication>> AllAsync(QueueFilter filter, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await FilterAsync(filter, userId, cancellationToken);
        var ids = IsReviewSort(filter.Sort)
            ? await OrderedIdsAsync(query, filter, cancellationToken)
            : await Order(Rows(query), filter).Select(r => r.Id).ToListAsync(cancellationToken);
        var applications = await query.ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
        return [.. ids.Where(applications.ContainsKey).Select(id => applications[id])];
    }

    /// <summary>
    /// The submitted applications among <paramref name="ids"/>, in the order given; null when any id is not one of
    /// them (unknown, or a draft the back office may not see), so a request naming one is refused as a whole.
    /// </summary>
    public async Task<List<SupportApplication>?> SelectedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var found = await db.Applications.AsNoTracking().Where(a => wanted.Contains(a.Id) && a.Status != ApplicationStatuses.Draft)
            .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
        return found.Count == wanted.Count ? [.. wanted.Select(id => found[id])] : null;
    }

    private async Task<IQueryable<SupportApplication>> FilterAsync(QueueFilter filter, string? userId, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatuses.Draft);
        if (!string.IsNullOrWhiteSpace(filter.Programme))
        {
            query = query.Where(a => a.ProgrammeId == filter.Programme);
        }

        if (!string.IsNullOrWhiteSpace(filter.Round))
        {
            query = query.Where(a => a.RoundKey == filter.Round);
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            query = query.Where(a => a.Status == filter.Status);
        }

        switch (filter.Assignee)
        {
            case null or "":
                break;
            case QueueFilter.Nobody:
                query = query.Where(a => a.AssigneeId == null);
                break;
            case QueueFilter.Me:
                // Without a user (never so in the back office) "mine" matches nothing rather than everything.
                var me = userId ?? string.Empty;
                query = query.Where(a => a.AssigneeId == me);
                break;
            default:
                query = query.Where(a => a.AssigneeId == filter.Assignee);
                break;
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Matched with and without accents and in any case ("doi moi" finds "Đổi Mới"), which neither database's
            // LIKE does alike; a province's queue is small enough to fold its titles here.
            var words = VietnameseText.Fold(VietnameseText.ToNfc(filter.Search.Trim())).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var titles = await query.Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken);
            var ids = titles.Where(t => words.All(VietnameseText.Fold(t.Title).Contains)).Select(t => t.Id).ToList();
            query = query.Where(a => ids.Contains(a.Id));
        }

        return query;
    }

    /// <summary>The queue's columns in one query: the waiting workflow's next timer and the officer's name come as subqueries.</summary>
    private IQueryable<QueueRow> Rows(IQueryable<SupportApplication> query) =>
        query.Select(a => new QueueRow
        {
            Id = a.Id,
            Title = a.Title,
            ProgrammeId = a.ProgrammeId,
            RoundKey = a.RoundKey,
            Status = a.Status,
            RequestedAmount = a.RequestedAmount,
            SubmittedUtc = a.SubmittedUtc,
            StatusSinceUtc = a.StatusChangedUtc ?? a.SubmittedUtc,
            DueUtc = db.WorkflowInstances
                .Where(w => w.CorrelationId == a.Id && w.ItemKind == ApplicationWorkflowItems.Kind && w.Status == WorkflowStatus.Waiting)
                .Min(w => w.NextDueUtc),
            AssigneeId = a.AssigneeId,
            AssigneeName = db.Users.Where(u => u.Id == a.AssigneeId).Select(u => u.DisplayName != null && u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefault(),
        });

    private async Task<List<QueueRow>> PageRowsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var rows = (await Rows(db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id))).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    /// <summary>Every matching id in a review order; the progress of all of them is read in one go.</summary>
    private async Task<List<string>> OrderedIdsAsync(IQueryable<SupportApplication> query, QueueFilter filter, CancellationToken cancellationToken)
    {
        var keys = await query.Select(a => new { a.Id, a.SubmittedUtc }).ToListAsync(cancellationToken);
        var progress = await ProgressAsync(query.Select(a => a.Id), cancellationToken);
        Func<string, decimal?> key = filter.Sort == QueueSort.Score
            ? id => progress.GetValueOrDefault(id)?.Mean
            : id => progress.GetValueOrDefault(id) is { Assigned: > 0 } p ? (decimal)p.Submitted / p.Assigned : null;
        Func<string, int> count = id => progress.GetValueOrDefault(id)?.Submitted ?? 0;

        // Applications without a value come last in either direction, as they do in the database's orders.
        var missingLast = keys.OrderBy(k => key(k.Id) is null);
        var ordered = filter.Descending
            ? missingLast.ThenByDescending(k => key(k.Id)).ThenByDescending(k => count(k.Id))
            : missingLast.ThenBy(k => key(k.Id)).ThenBy(k => count(k.Id));
        return [.. ordered.ThenByDescending(k => k.SubmittedUtc).ThenByDescending(k => k.Id, StringComparer.Ordinal).Select(k => k.Id)];
    }

    private async Task<Dictionary<string, ReviewProgress>> ProgressAsync(IQueryable<string> ids, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, ReviewProgress>(StringComparer.Ordinal);
        foreach (var source in reviews)
        {
            foreach (var (id, progress) in await source.ForAsync(ids, cancellationToken))
            {
                merged[id] = progress;
            }
        }

        return merged;
    }

    private static bool IsReviewSort(QueueSort sort) => sort is QueueSort.Reviews or QueueSort.Score;

    // The default workflow's statuses in the order an application meets them, then any other a workflow sets.
    private static readonly Expression<Func<QueueRow, int>> StatusRank = r =>
        r.Status == ApplicationStatuses.Submitted ? 0
        : r.Status == ApplicationStatuses.InformationRequested ? 1
        : r.Status == ApplicationStatuses.InReview ? 2
        : r.Status == ApplicationStatuses.AwaitingDecision ? 3
        : r.Status == ApplicationStatuses.Funded ? 4
        : r.Status == ApplicationStatuses.Closed ? 5
        : r.Status == ApplicationStatuses.Rejected ? 6
        : r.Status == ApplicationStatuses.ClosedUnanswered ? 7
        : 8;

    /// <summary>
    /// The database's order for a column, newest submission breaking ties so pages never overlap. Empty values come
    /// last in both directions on both databases (SQLite and PostgreSQL disagree on where NULL sorts by itself).
    /// </summary>
    private static IOrderedQueryable<QueueRow> Order(IQueryable<QueueRow> rows, QueueFilter filter)
    {
        var descending = filter.Descending;
        var ordered = filter.Sort switch
        {
            QueueSort.Title => By(rows, r => r.Title, descending),
            QueueSort.Status => By(rows, StatusRank, descending),
            // More days waiting is an earlier entry into the status.
            QueueSort.Waiting => By(rows, r => r.StatusSinceUtc, !descending, r => r.StatusSinceUtc == null),
            QueueSort.Due => By(rows, r => r.DueUtc, descending, r => r.DueUtc == null),
            QueueSort.Assignee => By(rows, r => r.AssigneeName, descending, r => r.AssigneeName == null),
            QueueSort.Requested => By(rows, r => r.RequestedAmount, descending, r => r.RequestedAmount == null),
            _ => By(rows, r => r.SubmittedUtc, descending),
        };
        return filter.Sort == QueueSort.Submitted
            ? descending ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id)
            : ordered.ThenByDescending(r => r.SubmittedUtc).ThenByDescending(r => r.Id);
    }

    private static IOrderedQueryable<QueueRow> By<TKey>(
        IQueryable<QueueRow> rows, Expression<Func<QueueRow, TKey>> key, bool descending, Expression<Func<QueueRow, bool>>? missing = null)
    {
        if (missing is null)
        {
            return descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        }

        var missingLast = rows.OrderBy(missing);
        return descending ? missingLast.ThenByDescending(key) : missingLast.ThenBy(key);
    }
}
